"""Tests of the notebooks themselves: they run, state true facts, reproduce the original course's cases,
agree with Keras, and run in a browser."""
