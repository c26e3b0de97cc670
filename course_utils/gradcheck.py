"""Scaffolding for gradient checking: one vector for all the parameters, and back.

A gradient check perturbs one parameter entry at a time, so it wants every parameter of the
network in one vector. The order is fixed and the same for parameters and gradients:

    W1, b1, W2, b2, ..., WL, bL    (gradients: dW1, db1, ..., dWL, dbL)

each array flattened row by row (NumPy's default order), as a column of shape ``(n, 1)``.
``entry_keys`` says which parameter each entry belongs to, and ``compare_by_parameter`` which
parameter's gradient a check finds wrong. These helpers hold no graded solution: the notebook's
``gradient_check_n`` uses them, the check itself is the student's.
"""

from __future__ import annotations

import math

import numpy as np

from .network import Parameters, compute_cost, model_forward, num_layers

Array = np.ndarray


def parameter_keys(parameters: Parameters) -> list[str]:
    """``["W1", "b1", ..., "WL", "bL"]``: the order of the vector."""
    return [key for l in range(1, num_layers(parameters) + 1) for key in (f"W{l}", f"b{l}")]


def dictionary_to_vector(parameters: Parameters) -> Array:
    """Every parameter entry in one column ``(n, 1)``, in the order of ``parameter_keys`` (a new array)."""
    return np.concatenate(
        [np.asarray(parameters[key], dtype=float).reshape(-1, 1) for key in parameter_keys(parameters)]
    )


def vector_to_dictionary(theta: Array, like: Parameters) -> Parameters:
    """The inverse of ``dictionary_to_vector``: new arrays with the shapes of ``like``'s."""
    theta = np.asarray(theta, dtype=float).reshape(-1)
    sizes = {key: np.shape(like[key]) for key in parameter_keys(like)}
    expected = sum(math.prod(shape) for shape in sizes.values())
    if theta.size != expected:
        raise ValueError(f"vector_to_dictionary: theta has {theta.size} entries, the parameters have {expected}")
    parameters, start = {}, 0
    for key, shape in sizes.items():
        size = math.prod(shape)
        parameters[key] = theta[start : start + size].reshape(shape).copy()
        start += size
    return parameters


def gradients_to_vector(gradients: dict[str, Array]) -> Array:
    """``dW1, db1, ..., dWL, dbL`` in one column ``(n, 1)``, the order of ``dictionary_to_vector``
    (other keys, such as ``dA1``, are left out)."""
    L = sum(1 for key in gradients if key.startswith("dW"))
    return np.concatenate(
        [np.asarray(gradients[f"{p}{l}"], dtype=float).reshape(-1, 1) for l in range(1, L + 1) for p in ("dW", "db")]
    )


def entry_keys(parameters: Parameters) -> list[str]:
    """The name of the parameter each entry of ``dictionary_to_vector(parameters)`` belongs to."""
    return [key for key in parameter_keys(parameters) for _ in range(int(np.size(parameters[key])))]


def network_cost(parameters: Parameters, X: Array, Y: Array) -> float:
    """The cost J of the course's network: ``compute_cost(model_forward(X, parameters)[0], Y)``."""
    ZL, _ = model_forward(X, parameters)
    return compute_cost(ZL, Y)


def disagreement_by_parameter(grad: Array, gradapprox: Array, parameters: Parameters) -> dict[str, float]:
    """The largest ``|grad - gradapprox|`` of each parameter's entries: where a backward pass is wrong."""
    gap = np.abs(np.asarray(grad, dtype=float).reshape(-1) - np.asarray(gradapprox, dtype=float).reshape(-1))
    keys = np.array(entry_keys(parameters))
    return {key: float(gap[keys == key].max()) for key in parameter_keys(parameters)}


def compare_by_parameter(grad: Array, gradapprox: Array, parameters: Parameters) -> dict[str, dict[str, float]]:
    """A gradient check's verdict per parameter: for each block of entries (``W1``, ``b1``, ...),

    - ``relative``: the relative difference ``||g - a|| / (||g|| + ||a||)`` of that block alone
      (0 when both are 0): the block that stands out holds the bug;
    - ``factor``: the number ``k`` that makes ``k * a`` closest to ``g`` (least squares), i.e. how
      many times too large ``grad`` is there: 1 for a right block, another constant when a whole
      block is scaled by a wrong constant (the fit is then exact), anything when a formula is wrong.
    """
    grad = np.asarray(grad, dtype=float).reshape(-1)
    gradapprox = np.asarray(gradapprox, dtype=float).reshape(-1)
    keys = np.array(entry_keys(parameters))
    comparison = {}
    for key in parameter_keys(parameters):
        g, a = grad[keys == key], gradapprox[keys == key]
        denominator = np.linalg.norm(g) + np.linalg.norm(a)
        comparison[key] = {
            "relative": float(np.linalg.norm(g - a) / denominator) if denominator else 0.0,
            "factor": float(g @ a / (a @ a)) if a @ a else math.nan,
        }
    return comparison


def comparison_table(comparison: dict[str, dict[str, float]]) -> str:
    """``compare_by_parameter``'s result as a table to print, one parameter a line."""
    lines = [f"{'parameter':>9}  {'relative difference':>19}  {'grad / gradapprox':>17}"]
    lines += [f"{key:>9}  {row['relative']:19.1e}  {row['factor']:17.4f}" for key, row in comparison.items()]
    return "\n".join(lines)
