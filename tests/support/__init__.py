"""What the tests (and the benchmarks) share: the sample submissions as notebooks, the browser, the
reference solutions read from the source notebooks."""
