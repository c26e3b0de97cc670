"""The TensorFlow notebook's reference solutions, for the tests that need correct functions: taken
from the source notebook's setup and solution cells (test_reference_data.reference_solutions), so
that they are never written a second time; course_utils never holds them."""

from tests.notebooks.test_public_cases import reference_solutions

globals().update({name: value for name, value in reference_solutions("TensorFlow_Introduction").items() if not name.startswith("__")})
