"""Random init that forgets the scale: loses the random points only."""
import numpy as np

EXPECTED = {"test_initialize_parameters_random": 0}
FEEDBACK_MUST_CONTAIN = ["initialize_parameters_random: W1 has the wrong spread", "multiply the standard normal draws by scale"]


def initialize_parameters_random(layers_dims, rng, scale=10.0):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layers_dims[l], layers_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters
