"""One mistake: sample_log_uniform draws from a generator of its own, seeded inside the function,
not from its rng argument: reproducible, but the same values whatever the seed. Loses its points,
and random_search's, which draws every trial's learning rate with it (every trial gets the same one)."""
import numpy as np

EXPECTED = {"test_sample_log_uniform": 0, "test_random_search": 0}
FEEDBACK_MUST_CONTAIN = ["sample_log_uniform", "ignores its rng argument"]


def sample_log_uniform(low, high, size, rng):
    return 10 ** np.random.default_rng(0).uniform(np.log10(low), np.log10(high), size)
