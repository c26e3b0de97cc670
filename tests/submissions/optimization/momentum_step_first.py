"""Momentum that steps with the old velocity, then updates it: loses the momentum points only."""

EXPECTED = {"test_update_parameters_with_momentum": 0}
FEEDBACK_MUST_CONTAIN = ["update_parameters_with_momentum", "moved before the velocity"]


def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    for key in parameters:
        parameters[key] = parameters[key] - learning_rate * v["d" + key]
        v["d" + key] = beta * v["d" + key] + (1 - beta) * grads["d" + key]
    return parameters, v
