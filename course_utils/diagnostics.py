"""Looking inside a network: how big the activations and gradients are, layer by layer."""

from __future__ import annotations

import numpy as np

from .network import Parameters, model_backward, model_forward

Array = np.ndarray


def layer_statistics(
    X: Array, Y: Array, parameters: Parameters, hidden_activation: str = "relu"
) -> dict[str, list[float]]:
    """One forward and backward pass; per layer l = 1..L returns

    - ``activation_std``: the spread of the layer's output (``A^[l]``, the logits for the last),
    - ``gradient_norm``: the Frobenius norm of ``dW^[l]``;

    and per hidden layer l = 1..L-1

    - ``backward_std``: the spread of the backward signal ``dA^[l]`` that reaches the layer's output
      from above (``dW^[l] = dZ^[l] A^[l-1]^T`` with ``dZ^[l] = dA^[l] * g'(Z^[l])``).

    A healthy initialization keeps both roughly level across layers; a vanishing one makes them
    shrink geometrically with depth, an exploding one makes them grow.
    """
    # Exploding settings may overflow on purpose: the numbers, not warnings, tell the story.
    with np.errstate(over="ignore", invalid="ignore"):
        ZL, caches = model_forward(X, parameters, hidden_activation)
        grads = model_backward(ZL, Y, caches, hidden_activation)
    L = len(caches)
    # A^[l] is the input that layer l + 1 cached; the output layer's cache is a bare linear cache.
    inputs = [cache[0][0] for cache in caches[:-1]] + [caches[-1][0]]
    activations = inputs[1:] + [ZL]
    return {
        "activation_std": [float(np.std(A)) for A in activations],
        "gradient_norm": [float(np.linalg.norm(grads[f"dW{l}"])) for l in range(1, L + 1)],
        "backward_std": [float(np.std(grads[f"dA{l}"])) for l in range(1, L)],
    }
