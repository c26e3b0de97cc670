"""Checks for the batch-normalization functions of the Tuning and Batch Norm notebook.

The layout is the course's: ``Z`` is units x examples, and batch norm normalizes each unit (row)
over the examples (columns). ``bn_params`` holds ``mode`` ("train" or "test"), ``momentum``,
``epsilon`` and the running statistics ``running_mean`` and ``running_var`` (each (units, 1)),
which train mode updates in place:

    mu = mean of Z over the examples, var = mean of (Z - mu)^2 (the biased variance, ddof=0)
    Z_norm = (Z - mu) / sqrt(var + epsilon),  out = gamma * Z_norm + beta
    running = momentum * running + (1 - momentum) * batch statistic

The forward pass is judged against these formulas; each classic mistake gives another formula,
which names it. The backward pass is judged as a derivative: of the stated forward pass, or of the
student's own forward pass (measured with two-sided differences), so that a slip in the forward
pass does not cost the backward pass's points as well. The cache is the student's own business:
the checks only hand back what their forward pass returned.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from .core import Checker, judging

Array = np.ndarray

AXIS = "normalize each unit over the examples: np.mean(Z, axis=1, keepdims=True) (examples are columns), not over the units."
EPS_OUTSIDE = "epsilon belongs inside the square root: (Z - mu) / np.sqrt(var + epsilon)."
UNBIASED = "the stated variance is the biased one, the mean of (Z - mu) ** 2 (np.var's default ddof=0), not the unbiased ddof=1."
MOMENTUM_SWAPPED = ("the momentum multiplies the old running value: running_mean = momentum * running_mean + (1 - momentum) * mu; "
                    "with 0.9, the running statistics move slowly.")
NOT_STORED = "store the updated running statistics back in bn_params['running_mean'] and bn_params['running_var']: the next call starts from them."
TEST_BATCH = "test mode uses the running statistics, bn_params['running_mean'] and ['running_var'], never the batch's: one example must not change another's output."
TEST_UPDATES = "test mode leaves the running statistics alone: only train mode updates them."
SCALE_SHIFT = "the output is gamma * Z_norm + beta: scale by gamma, then shift by beta."
STD_NOT_VAR = "running_var holds the variance, not the standard deviation: update it with var, and divide by np.sqrt(running_var + epsilon)."
DZ_TERM = ("a term of dZ is missing: dZ = gamma / sqrt(var + epsilon) / m * (m * dZ_norm - sum(dZ_norm) - Z_norm * sum(dZ_norm * Z_norm)), "
           "the sums over the examples. Every example's output depends on every other one's through mu and var.")
DZ_PLAIN = "dZ is missing the terms that come through mu and var: the batch statistics depend on Z too."
DGAMMA_AXIS = "dgamma and dbeta sum over the examples, axis=1, keepdims=True: one value per unit, shape (units, 1), like gamma."
DGAMMA_KEEPDIMS = "keep dgamma and dbeta as columns, shape (units, 1): np.sum(..., axis=1, keepdims=True)."
DGAMMA_FORMULA = "dgamma = sum over the examples of dout * Z_norm, dbeta = sum of dout."
FORWARD_FIRST = ("your batchnorm_forward does not give the stated output yet (see its check): the backward pass works with the cache "
                 "your forward pass makes, so fix batchnorm_forward first.")

CASES = ((4, 6), (3, 5), (1, 8))  # (units, examples): never square, so a wrong axis shows
MOMENTUM, EPSILON = 0.9, 1e-5


def bn_params(n: int, mode: str = "train", momentum: float = MOMENTUM, epsilon: float = EPSILON, rng: np.random.Generator | None = None) -> dict:
    """A fresh ``bn_params`` for ``n`` units; random running statistics when ``rng`` is given."""
    running_mean = np.zeros((n, 1)) if rng is None else rng.normal(0, 1, (n, 1))
    running_var = np.ones((n, 1)) if rng is None else rng.uniform(0.5, 2.0, (n, 1))
    return {"mode": mode, "momentum": momentum, "epsilon": epsilon, "running_mean": running_mean, "running_var": running_var}


def _normalized(Z: Array, epsilon: float, axis: int = 1, ddof: int = 0, inside: bool = True) -> Array:
    mu = Z.mean(axis=axis, keepdims=True)
    var = Z.var(axis=axis, keepdims=True, ddof=ddof)
    return (Z - mu) / (np.sqrt(var + epsilon) if inside else np.sqrt(var) + epsilon)


def _inputs(n: int, m: int, rng: np.random.Generator) -> tuple[Array, Array, Array]:
    Z = rng.normal(2.0, 3.0, (n, m)) + rng.normal(0, 5, (n, 1))  # each unit its own mean and spread
    return Z, rng.uniform(0.5, 2.0, (n, 1)), rng.normal(0, 1, (n, 1))


def _copy(params: dict) -> dict:
    return {k: (v.copy() if isinstance(v, np.ndarray) else v) for k, v in params.items()}


def _pair(c: Checker, out: Any, what: str) -> tuple:
    if not (isinstance(out, (tuple, list)) and len(out) == 2):
        c.fail(f"should return two values: {what}.", got=type(out).__name__)
    return tuple(out)


# ---- batchnorm_forward ----

def check_batchnorm_forward(fn: Callable, cases=CASES, seed: int = 0) -> None:
    """Visible checks of ``batchnorm_forward(Z, gamma, beta, bn_params)`` -> ``out, cache``."""
    c = Checker("batchnorm_forward")
    rng = np.random.default_rng(seed)
    for n, m in cases:
        Z, gamma, beta = _inputs(n, m, rng)
        for epsilon in (0.5, EPSILON):  # a large epsilon shows where it went
            params = bn_params(n, epsilon=epsilon, rng=rng)
            before = _copy(params)
            out, _ = _pair(c, c.call(fn, Z.copy(), gamma.copy(), beta.copy(), params), "out, cache")
            with judging(c):
                c.expect_array("out", out, (n, m), hint=AXIS)
                expected = gamma * _normalized(Z, epsilon) + beta
                if not np.allclose(out, expected, rtol=1e-6, atol=1e-8):
                    c.fail(f"train mode: out has wrong values (units={n}, examples={m}, epsilon={epsilon:g}).",
                           expected=_first(expected), got=_first(out), hint=_forward_hint(out, Z, gamma, beta, epsilon))
                c.ok()
                _judge_running(c, params, before, Z)
    for n, m in cases[:2]:  # test mode: the running statistics, and each example on its own
        Z, gamma, beta = _inputs(n, m, rng)
        params = bn_params(n, mode="test", rng=rng)
        before = _copy(params)
        out, _ = _pair(c, c.call(fn, Z.copy(), gamma.copy(), beta.copy(), params), "out, cache")
        with judging(c):
            c.expect_array("out (test mode)", out, (n, m))
            expected = gamma * (Z - before["running_mean"]) / np.sqrt(before["running_var"] + EPSILON) + beta
            if not np.allclose(out, expected, rtol=1e-6, atol=1e-8):
                hint = (TEST_BATCH if np.allclose(out, gamma * _normalized(Z, EPSILON) + beta, rtol=1e-6, atol=1e-8) else
                        STD_NOT_VAR if np.allclose(out, gamma * (Z - before["running_mean"]) / (before["running_var"] + EPSILON) + beta,
                                                   rtol=1e-6, atol=1e-8) else None)
                c.fail("test mode: out has wrong values.", expected=_first(expected), got=_first(out), hint=hint)
            for key in ("running_mean", "running_var"):
                if not np.array_equal(params.get(key), before[key]):
                    c.fail(f"test mode changed bn_params['{key}'].", hint=TEST_UPDATES)
            alone, _ = _pair(c, c.call(fn, Z[:, :1].copy(), gamma.copy(), beta.copy(), _copy(before)), "out, cache")
            if not np.allclose(np.asarray(alone, dtype=float), out[:, :1], rtol=1e-6, atol=1e-8):
                c.fail("test mode: an example's output changes with the other examples of the batch.", hint=TEST_BATCH)
            c.ok()
    c.done()


def _forward_hint(out: Array, Z: Array, gamma: Array, beta: Array, epsilon: float) -> str | None:
    candidates = [
        (AXIS, gamma * _normalized(Z, epsilon, axis=0) + beta if Z.shape[0] > 1 else None),
        (EPS_OUTSIDE, gamma * _normalized(Z, epsilon, inside=False) + beta),
        (UNBIASED, gamma * _normalized(Z, epsilon, ddof=1) + beta),
        (SCALE_SHIFT, (_normalized(Z, epsilon) + beta) * gamma),
        (SCALE_SHIFT, _normalized(Z, epsilon)),
    ]
    for hint, candidate in candidates:
        if candidate is not None and candidate.shape == out.shape and np.allclose(out, candidate, rtol=1e-6, atol=1e-8):
            return hint
    return None


def _judge_running(c: Checker, params: dict, before: dict, Z: Array) -> None:
    mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
    momentum = before["momentum"]
    for key, batch in (("running_mean", mu), ("running_var", var)):
        got = params.get(key)
        expected = momentum * before[key] + (1 - momentum) * batch
        if not (isinstance(got, np.ndarray) and got.shape == expected.shape):
            c.fail(f"bn_params['{key}'] has the wrong shape after a train-mode call.", expected=expected.shape,
                   got=getattr(got, "shape", type(got).__name__), hint=NOT_STORED if got is None else "one value per unit: shape (units, 1).")
        if not np.allclose(got, expected, rtol=1e-6, atol=1e-8):
            hint = (NOT_STORED if np.array_equal(got, before[key]) else
                    MOMENTUM_SWAPPED if np.allclose(got, (1 - momentum) * before[key] + momentum * batch, rtol=1e-6, atol=1e-8) else
                    UNBIASED if key == "running_var" and Z.shape[1] > 1 and np.allclose(
                        got, momentum * before[key] + (1 - momentum) * Z.var(axis=1, keepdims=True, ddof=1), rtol=1e-6, atol=1e-8) else
                    STD_NOT_VAR if key == "running_var" and np.allclose(
                        got, momentum * before[key] + (1 - momentum) * np.sqrt(var), rtol=1e-6, atol=1e-8) else None)
            c.fail(f"bn_params['{key}'] has wrong values after a train-mode call (momentum {momentum:g}).",
                   expected=_first(expected), got=_first(got), hint=hint)
        c.ok()


def _first(array: Any) -> str:
    array = np.asarray(array, dtype=float)
    return f"{array.ravel()[0]:.6g} (first entry)" if array.size else "empty"


# ---- batchnorm_backward ----

def reference_gradients(Z: Array, gamma: Array, dout: Array, epsilon: float) -> tuple[Array, Array, Array]:
    """dZ, dgamma, dbeta of the stated forward pass (train mode)."""
    m = Z.shape[1]
    Z_norm = _normalized(Z, epsilon)
    dZ_norm = dout * gamma
    inv_std = 1 / np.sqrt(Z.var(axis=1, keepdims=True) + epsilon)
    dZ = inv_std / m * (m * dZ_norm - dZ_norm.sum(axis=1, keepdims=True) - Z_norm * (dZ_norm * Z_norm).sum(axis=1, keepdims=True))
    return dZ, (dout * Z_norm).sum(axis=1, keepdims=True), dout.sum(axis=1, keepdims=True)


def check_batchnorm_backward(fn: Callable, forward: Callable, cases=CASES[:2], seed: int = 1) -> None:
    """Visible checks of ``batchnorm_backward(dout, cache)`` -> ``dZ, dgamma, dbeta``, with the
    student's ``batchnorm_forward`` making the cache (train mode)."""
    c = Checker("batchnorm_backward")
    rng = np.random.default_rng(seed)
    for n, m in cases:
        Z, gamma, beta = _inputs(n, m, rng)
        dout = rng.normal(0, 1, (n, m))
        params = bn_params(n)
        out, cache = _pair(c, c.call(forward, Z.copy(), gamma.copy(), beta.copy(), _copy(params)), "out, cache (batchnorm_forward)")
        grads = c.call(fn, dout.copy(), cache)
        if not (isinstance(grads, (tuple, list)) and len(grads) == 3):
            c.fail("should return three values: dZ, dgamma, dbeta.", got=type(grads).__name__)
        dZ, dgamma, dbeta = grads
        with judging(c):
            for name, value, shape in (("dZ", dZ, (n, m)), ("dgamma", dgamma, (n, 1)), ("dbeta", dbeta, (n, 1))):
                hint = None
                if name != "dZ" and isinstance(value, np.ndarray):
                    hint = DGAMMA_KEEPDIMS if value.shape == (n,) else DGAMMA_AXIS
                c.expect_array(name, value, shape, hint=hint)
            stated = reference_gradients(Z, gamma, dout, EPSILON)
            own = _numerical_gradients(forward, Z, gamma, beta, dout, params)
            for name, value, right, theirs in zip(("dZ", "dgamma", "dbeta"), (dZ, dgamma, dbeta), stated, own):
                # compared relative to the gradient's size (its entries partly cancel): a forward pass with epsilon
                # (1e-5) in the wrong place moves it by about 1e-5 of that, a missing term by the size itself
                if _close(value, right) or (theirs is not None and _close(value, theirs)):
                    c.ok()
                    continue
                forward_right = np.allclose(np.asarray(out, dtype=float), gamma * _normalized(Z, EPSILON) + beta, rtol=1e-6, atol=1e-8)
                c.fail(f"{name} has wrong values (units={n}, examples={m}).", expected=_first(right), got=_first(value),
                       hint=_backward_hint(name, value, Z, gamma, dout) or (None if forward_right else FORWARD_FIRST))
    c.done()


def _close(value: Array, expected: Array, tolerance: float = 1e-4) -> bool:
    """``value`` equals ``expected`` to ``tolerance`` of the largest entry of ``expected``."""
    value, expected = np.asarray(value, dtype=float), np.asarray(expected, dtype=float)
    return value.shape == expected.shape and float(np.max(np.abs(value - expected), initial=0)) <= tolerance * float(np.max(np.abs(expected), initial=0)) + 1e-9


def _numerical_gradients(forward: Callable, Z: Array, gamma: Array, beta: Array, dout: Array, params: dict,
                         h: float = 1e-5) -> tuple[Array | None, ...]:
    """Two-sided differences of sum(out * dout) through the student's own forward pass; None where
    that forward pass cannot be differentiated (it failed or returned something else)."""
    def loss(Z_: Array, gamma_: Array, beta_: Array) -> float:
        out = forward(Z_, gamma_, beta_, _copy(params))[0]
        return float(np.sum(np.asarray(out, dtype=float) * dout))

    results = []
    for index in range(3):
        arrays = [Z.copy(), gamma.copy(), beta.copy()]
        grad = np.zeros_like(arrays[index])
        try:
            for position in np.ndindex(*grad.shape):
                saved = arrays[index][position]
                arrays[index][position] = saved + h
                plus = loss(*arrays)
                arrays[index][position] = saved - h
                minus = loss(*arrays)
                arrays[index][position] = saved
                grad[position] = (plus - minus) / (2 * h)
        except Exception:  # noqa: BLE001 - their forward pass is judged by its own check
            results.append(None)
            continue
        results.append(grad)
    return tuple(results)


def _backward_hint(name: str, value: Array, Z: Array, gamma: Array, dout: Array) -> str | None:
    m = Z.shape[1]
    Z_norm = _normalized(Z, EPSILON)
    dZ_norm = dout * gamma
    inv_std = 1 / np.sqrt(Z.var(axis=1, keepdims=True) + EPSILON)
    if name == "dZ":
        for hint, candidate in ((DZ_PLAIN, dZ_norm * inv_std),
                                (DZ_TERM, inv_std / m * (m * dZ_norm - dZ_norm.sum(axis=1, keepdims=True))),
                                (DZ_TERM, inv_std / m * (m * dZ_norm - Z_norm * (dZ_norm * Z_norm).sum(axis=1, keepdims=True)))):
            if np.allclose(value, candidate, rtol=1e-5, atol=1e-7):
                return hint
        return None
    right = (dout * Z_norm).sum(axis=1, keepdims=True) if name == "dgamma" else dout.sum(axis=1, keepdims=True)
    swapped = dout.sum(axis=1, keepdims=True) if name == "dgamma" else (dout * Z_norm).sum(axis=1, keepdims=True)
    return DGAMMA_FORMULA if np.allclose(value, swapped, rtol=1e-5, atol=1e-7) or np.allclose(value, right * m) else None
