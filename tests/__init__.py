"""The course's tests, laid out like the code (README, "Layout"). Each folder is a package, so that two
test modules may share a name in different folders and import their support as ``tests.support``."""
