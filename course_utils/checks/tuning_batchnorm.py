"""Checks for the Tuning and Batch Norm notebook's graded functions: the hyperparameter search
(part 1) and batch normalization (part 2).

Part 1. A sampler is judged by the distribution it draws, never by its exact numbers (any valid
way to use ``rng`` passes): thousands of draws, counted per decade. Log-uniform sampling puts the same share in
every decade; uniform sampling puts about 90% in the top one, and that count names the mistake.
``random_search`` is judged with an evaluator (``synthetic_score``, a function of this package, so
that grading can hand it to the student's process too) whose scores it must return for the
configurations it drew; where the calls run in this process they are counted as well.
``refine_space`` is judged against the rule the notebook states, on each hyperparameter's sampling
scale (a 'beta' range's ends come back from 1 - beta in reverse order: a range left reversed names that).

The space format (the notebook states it once): ``{name: (kind, ...)}`` with
``("log", low, high)``, ``("beta", low, high)`` (1 - beta on a log scale), ``("uniform", low, high)``,
``("int", low, high)`` (both ends included) and ``("choice", [option, ...])``. A trial is
``{"config": {name: value}, "score": dev score}``; higher scores are better.

Part 2. The layout is the course's: ``Z`` is units x examples, and batch norm normalizes each unit
(row) over the examples (columns). ``bn_params`` holds ``mode`` ("train" or "test"), ``momentum``,
``epsilon`` and the running statistics ``running_mean`` and ``running_var`` (each (units, 1)),
which train mode updates in place:

    mu = mean of Z over the examples, var = mean of (Z - mu)^2 (the biased variance, ddof=0)
    Z_norm = (Z - mu) / sqrt(var + epsilon),  out = gamma * Z_norm + beta
    running = momentum * running + (1 - momentum) * batch statistic

The forward pass is judged against these formulas; each classic mistake gives another formula,
which names it. The backward pass is judged as a derivative: of the stated forward pass, or of the
student's own forward pass (measured with two-sided differences), so that a forward-pass slip that
leaves the backward pass right for its own forward pass (epsilon's place, the running averages)
costs only the forward pass. The cache is the student's own business: the checks only hand back
what their forward pass returned, so a backward pass fed a cache of wrong values fails, with the
hint to fix the forward pass first.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from .core import Checker, copied, expect_reproducible, judging, matching_mistake, only_from_rng, shape_or_type, unpack

Array = np.ndarray
Space = Mapping[str, tuple]

# ---- hints: one per classic mistake ----

LOG_UNIFORM = (
    "uniform instead of log-uniform: {share:.0%} of the draws fell in the top decade. Draw the exponent "
    "uniformly, r = rng.uniform(np.log10(low), np.log10(high), size), and return 10 ** r."
)
LOG_EXPONENTS = (
    "low and high are the values, not their exponents: draw r between np.log10(low) and np.log10(high), then 10 ** r."
)
LOG_BASES = "the logarithm and its inverse must match: np.log10 with 10 ** r (or np.log with np.exp)."
SAMPLE_GLOBAL = (
    "draw from the rng argument (rng.uniform(...)), not from np.random, and do not seed inside the function."
)
SAMPLE_SHAPE = "return a NumPy array of shape (size,): rng.uniform(a, b, size) has it."
BETA_NOT_ONE_MINUS = (
    "beta itself was sampled (uniformly or on a log scale): {share:.0%} of the 1 - beta values fell in the decade nearest 1 - low. "
    "Sample r between np.log10(1 - high) and np.log10(1 - low), then beta = 1 - 10 ** r."
)
BETA_RETURNS_R = "that is 1 - beta, not beta: return beta = 1 - 10 ** r."
SEARCH_NOT_SORTED = (
    "the trials are not sorted best first: sorted(trials, key=lambda trial: trial['score'], reverse=True)."
)
SEARCH_ASCENDING = "the trials are sorted worst first: sort with reverse=True, so that trials[0] is the best."
SEARCH_LOG = (
    "a 'log' hyperparameter was sampled uniformly: {share:.0%} of the trials fell in its top decade; "
    "use your sample_log_uniform(low, high, 1, rng)[0] for it."
)
SEARCH_BETA = "a 'beta' hyperparameter was not sampled with your sample_beta: {share:.0%} of its 1 - beta values fell in the top decade."
SEARCH_INT_HIGH = "an 'int' range includes both ends: rng.integers(low, high + 1) (numpy's high is excluded)."
SEARCH_UNIFORM = "a 'uniform' hyperparameter is drawn between its own bounds: rng.uniform(low, high)."
SEARCH_CALLS = "call train_and_evaluate exactly once per trial, with that trial's configuration, and keep its score."
SEARCH_TRIAL = "each trial is a dictionary {'config': configuration, 'score': train_and_evaluate(configuration)}."
REFINE_BOUNDS = (
    "the new range leaves the original one: clip it, low = max(new_low, low) and high = min(new_high, high)."
)
REFINE_SCALE = "a '{kind}' range is widened on its sampling scale: {scale}, then back."
REFINE_TOP = "use the top_k best trials, trials[:top_k] (random_search returns them best first), not the worst."
REFINE_MARGIN = "widen the range of the top_k values by half their spread on each side (on the sampling scale)."
REFINE_BETA_ORDER = (
    "for a 'beta' range the way back reverses the order: 1 - 10 ** r falls as r grows, so the end widened from the "
    "smallest np.log10(1 - beta) is the largest beta. Sort the two ends, low, high = sorted([...]), before clipping."
)
REFINE_ORDER = (
    "the new range is reversed (low above high): sort its two ends, low, high = sorted([...]), before clipping."
)
REFINE_CHOICE = "a 'choice' keeps the options that the top_k trials used, in their original order."
REFINE_CHOICE_ORDER = (
    "the right options in another order (the trials' order, or sorted): a 'choice' keeps the options that the "
    "top_k trials used, in their original order: [option for option in options if option in used]."
)
REFINE_INT = (
    "an 'int' range rounds outward, to whole numbers: new low down and new high up, "
    "int(np.floor(low)) and int(np.ceil(high)) (not round(), which can cut a best value off)."
)
REFINE_KEEPS_SPACE = "return a new space: the original one is still needed (changing it in place loses its bounds)."

DRAWS = 20_000
SCALES = {
    "log": "np.log10(value)",
    "beta": "np.log10(1 - value)",
    "uniform": "the value itself",
    "int": "the value itself",
}


# ---- 1. sample_log_uniform ----


def check_sample_log_uniform(
    fn: Callable, cases: Sequence[tuple[float, float]] = ((1e-4, 1.0), (1e-3, 0.1)), seed: int = 0
) -> None:
    """Visible checks of ``sample_log_uniform(low, high, size, rng)``."""
    c = Checker("sample_log_uniform")
    for low, high in cases:
        values = _draw(c, fn, low, high, seed)
        if values.min() < low * (1 - 1e-12) or values.max() > high * (1 + 1e-12):
            c.fail(
                f"drew values outside [low, high] = [{low:g}, {high:g}].",
                expected=f"between {low:g} and {high:g}",
                got=f"from {values.min():.3g} to {values.max():.3g}",
                hint=_sampler_hint(values, low, high),
            )
        c.ok()
        shares = _decade_shares(values, low, high)
        even = 1 / len(shares)
        if np.max(np.abs(shares - even)) > 0.03:
            c.fail(
                f"the draws are not spread evenly over the decades from {low:g} to {high:g}.",
                expected=f"{even:.0%} in each decade",
                got=", ".join(f"{s:.0%}" for s in shares),
                hint=_sampler_hint(values, low, high),
            )
        c.ok()
    c.done()


def _sampler_hint(values: Array, low: float, high: float) -> str | None:
    """The classic mistake whose range or distribution ``values`` have, if any."""
    if np.allclose([values.min(), values.max()], [10**low, 10**high], rtol=0.05):
        return LOG_EXPONENTS
    for wrong_low, wrong_high in (
        (math.e ** np.log10(low), math.e ** np.log10(high)),
        (10 ** np.log(low), 10 ** np.log(high)),
    ):
        if np.allclose(np.log([values.min(), values.max()]), np.log([wrong_low, wrong_high]), atol=0.05):
            return LOG_BASES
    shares = _decade_shares(np.clip(values, low, high), low, high)
    return LOG_UNIFORM.format(share=shares[-1]) if shares[-1] > 0.6 else None


def _draw(c: Checker, fn: Callable, low: float, high: float, seed: int, size: int = DRAWS) -> Array:
    """``size`` draws of the student's sampler, with its shape, reproducibility and rng use checked."""
    with only_from_rng(c, SAMPLE_GLOBAL, expected="draws from rng", got=None):
        values = c.call(fn, low, high, size, np.random.default_rng(seed))
    if not (isinstance(values, np.ndarray) and values.shape == (size,)):
        c.fail(
            "returned the wrong shape.",
            expected=f"an array of shape ({size},)",
            got=shape_or_type(values),
            hint=SAMPLE_SHAPE,
        )
    if not np.issubdtype(values.dtype, np.floating) or not np.all(np.isfinite(values)):
        c.fail("returned values that are not finite floats.", got=values.dtype)
    c.ok()
    again = c.call(fn, low, high, size, np.random.default_rng(seed))
    expect_reproducible(
        c,
        values,
        again,
        "two calls with the same rng seed gave different values.",
        SAMPLE_GLOBAL,
        same=lambda values, again: np.array_equal(np.asarray(again), values),
    )
    other = c.call(fn, low, high, size, np.random.default_rng(seed + 1))
    if np.array_equal(np.asarray(other), values):
        c.fail(
            "two calls with different rng seeds gave the same values: it ignores its rng argument.", hint=SAMPLE_GLOBAL
        )
    c.ok()
    one = c.call(fn, low, high, 1, np.random.default_rng(seed + 1))
    if not (isinstance(one, np.ndarray) and one.shape == (1,)):
        c.fail("with size=1 it should return an array of shape (1,).", got=shape_or_type(one), hint=SAMPLE_SHAPE)
    c.ok()
    return values


def _in_range(values: Array, low: float, high: float) -> bool:
    return bool(values.min() >= min(low, high) * 0.999 and values.max() <= max(low, high) * 1.001)


def _decade_shares(values: Array, low: float, high: float) -> Array:
    """The share of ``values`` in each decade between ``low`` and ``high`` (whole decades)."""
    edges = np.linspace(np.log10(low), np.log10(high), int(round(np.log10(high / low))) + 1)
    counts, _ = np.histogram(np.log10(np.clip(values, low, high)), bins=edges)
    return counts / len(values)


# ---- 2. sample_beta ----


def check_sample_beta(
    fn: Callable, cases: Sequence[tuple[float, float]] = ((0.9, 0.999), (0.99, 0.9999)), seed: int = 0
) -> None:
    """Visible checks of ``sample_beta(low, high, size, rng)``: 1 - beta log-uniform between 1 - high and 1 - low."""
    c = Checker("sample_beta")
    for low, high in cases:
        values = _draw(c, fn, low, high, seed)
        if not (values.min() >= low - 1e-12 and values.max() <= high + 1e-12):
            hint = BETA_RETURNS_R if _in_range(values, 1 - high, 1 - low) else None
            c.fail(
                f"drew values outside [low, high] = [{low:g}, {high:g}].",
                expected=f"betas between {low:g} and {high:g}",
                got=f"from {values.min():.4g} to {values.max():.4g}",
                hint=hint,
            )
        c.ok()
        shares = _decade_shares(1 - values, 1 - high, 1 - low)
        even = 1 / len(shares)
        if np.max(np.abs(shares - even)) > 0.03:
            c.fail(
                f"1 - beta is not spread evenly over the decades from {1 - high:.2g} to {1 - low:.2g}.",
                expected=f"{even:.0%} in each decade",
                got=", ".join(f"{s:.0%}" for s in shares),
                hint=BETA_NOT_ONE_MINUS.format(share=shares[-1]) if shares[-1] > even + 0.1 else None,
            )
        c.ok()
    c.done()


# ---- 3. random_search ----

SEARCH_SPACE = {
    "learning_rate": ("log", 1e-4, 1e-1),
    "beta": ("beta", 0.9, 0.999),
    "keep_prob": ("uniform", 0.5, 1.0),
    "layers": ("int", 1, 4),
    "activation": ("choice", ["relu", "tanh"]),
}


CALLS: list[dict] = []  # the configurations synthetic_score was called with, in this process


def synthetic_score(config: Mapping[str, Any]) -> float:
    """A stand-in for training: scores a configuration by a fixed formula and records the call.

    A module-level function of course_utils, so that grading can hand it to a student's function
    outside the kernel too (there the calls are recorded in the student's process, not here)."""
    CALLS.append(dict(config))
    return _formula(config)


def _formula(config: Mapping[str, Any]) -> float:
    """``synthetic_score``'s score, without recording a call."""
    lr, layers = float(config.get("learning_rate", 1e-2)), float(config.get("layers", 2))
    return float(
        0.9
        - 0.1 * (np.log10(lr) + 2.5) ** 2
        - 0.01 * (layers - 2) ** 2
        + (0.02 if config.get("activation") == "tanh" else 0)
    )


def check_random_search(
    fn: Callable,
    space: Space = SEARCH_SPACE,
    n_trials: int = 12,
    seed: int = 0,
    draws: int = 2_000,
    samplers: Mapping[str, Callable] | None = None,
) -> None:
    """Visible checks of ``random_search(train_and_evaluate, space, n_trials, rng)``.

    ``samplers`` (``{"log": sample_log_uniform, "beta": sample_beta}``, the student's) are what
    random_search should draw with: values that follow their distribution pass even when a sampler
    is still wrong, so that its mistake costs its own points only."""
    c = Checker("random_search")
    CALLS.clear()
    with only_from_rng(c, SAMPLE_GLOBAL, expected="every value drawn from rng", got=None):
        trials = c.call(fn, synthetic_score, dict(space), n_trials, np.random.default_rng(seed))
    with judging(c):
        _judge_trials(c, trials, list(CALLS), space, n_trials)
        again = c.call(fn, synthetic_score, dict(space), n_trials, np.random.default_rng(seed))
        expect_reproducible(
            c,
            trials,
            again,
            "two calls with the same rng seed gave different trials.",
            SAMPLE_GLOBAL,
            same=lambda trials, again: [t["config"] for t in again] == [t["config"] for t in trials],
        )
        c.ok()
        # many cheap trials: each kind must be drawn with its own distribution
        many = c.call(fn, synthetic_score, dict(space), draws, np.random.default_rng(seed + 1))
        CALLS.clear()
        configs = [t["config"] for t in many]
        for name, (kind, *bounds) in space.items():
            values = [config[name] for config in configs]
            _judge_kind(c, name, kind, bounds, values, (samplers or {}).get(kind))
    c.done()


def _judge_trials(c: Checker, trials: Any, calls: list[dict], space: Space, n_trials: int) -> None:
    """``calls``: what train_and_evaluate was called with, when the calls ran in this process (none
    are seen here when the student's function runs in another process)."""
    if not isinstance(trials, (list, tuple)):
        c.fail("should return a list of trials.", got=type(trials).__name__, hint=SEARCH_TRIAL)
    if len(trials) != n_trials or (calls and len(calls) != n_trials):
        c.fail(
            f"with n_trials={n_trials}: {len(trials)} trials returned, train_and_evaluate called {len(calls)} times.",
            expected=f"{n_trials} and {n_trials}",
            hint=SEARCH_CALLS,
        )
    c.ok()
    for number, trial in enumerate(trials):
        if not (
            isinstance(trial, Mapping) and set(trial) >= {"config", "score"} and isinstance(trial["config"], Mapping)
        ):
            c.fail(f"trial {number} is not {{'config': ..., 'score': ...}}.", got=repr(trial)[:80], hint=SEARCH_TRIAL)
        c.expect_keys(
            trial["config"],
            list(space),
            what=f"trial {number}'s config",
            hint="a configuration has one value per hyperparameter of the space.",
        )
    returned = sorted((dict(t["config"]) for t in trials), key=repr)
    if calls and returned != sorted((dict(config) for config in calls), key=repr):
        c.fail("the configurations returned are not the ones train_and_evaluate was called with.", hint=SEARCH_CALLS)
    for trial in trials:
        if not np.isclose(float(trial["score"]), _formula(trial["config"])):
            c.fail(
                "a trial's score is not what train_and_evaluate returned for its configuration.",
                expected=_formula(trial["config"]),
                got=trial["score"],
                hint=SEARCH_CALLS,
            )
    c.ok()
    scores = [float(t["score"]) for t in trials]
    if scores != sorted(scores, reverse=True):
        c.fail(
            "the trials are not sorted best first.",
            expected="scores from highest to lowest",
            got=", ".join(f"{s:.3f}" for s in scores[:6]) + (" ..." if len(scores) > 6 else ""),
            hint=SEARCH_ASCENDING if scores == sorted(scores) and len(set(scores)) > 1 else SEARCH_NOT_SORTED,
        )
    c.ok()


def _judge_kind(c: Checker, name: str, kind: str, bounds: list, values: list, sampler: Callable | None = None) -> None:
    """The values drawn for one hyperparameter over many trials follow its kind (or ``sampler``'s draws)."""
    if kind == "choice":
        options = list(bounds[0])
        if any(v not in options for v in values) or set(values) != set(options):
            c.fail(
                f"'{name}' should take each of {options}.",
                got=sorted(set(map(repr, values)))[:6],
                hint="choose with options[rng.integers(len(options))] (or rng.choice(options)).",
            )
        c.ok()
        return
    low, high = bounds
    array = np.asarray(values, dtype=float)
    if array.min() < low - 1e-12 * abs(low) or array.max() > high + 1e-12 * abs(high):
        c.fail(
            f"'{name}' left its range [{low:g}, {high:g}].",
            got=f"from {array.min():.4g} to {array.max():.4g}",
            hint=SEARCH_UNIFORM if kind == "uniform" else None,
        )
    c.ok()
    if kind == "int":
        if not all(isinstance(v, (int, np.integer)) for v in values):
            c.fail(
                f"'{name}' is an 'int' hyperparameter: its values should be integers.",
                got=type(values[0]).__name__,
                hint="rng.integers(low, high + 1) draws integers.",
            )
        if set(int(v) for v in values) != set(range(int(low), int(high) + 1)):
            c.fail(
                f"'{name}' should take every integer from {low} to {high}.",
                got=sorted(set(int(v) for v in values)),
                hint=SEARCH_INT_HIGH if int(high) not in values else None,
            )
        c.ok()
    elif kind in ("log", "beta"):
        decades = (
            (lambda v: _decade_shares(np.asarray(v, dtype=float), low, high))
            if kind == "log"
            else (lambda v: _decade_shares(1 - np.asarray(v, dtype=float), 1 - high, 1 - low))
        )
        shares = decades(array)
        if np.max(np.abs(shares - 1 / len(shares))) > 0.06 and not _like_sampler(
            shares, sampler, decades, low, high, len(values)
        ):
            hint = (SEARCH_LOG if kind == "log" else SEARCH_BETA).format(share=shares[-1]) if shares[-1] > 0.6 else None
            c.fail(
                f"'{name}' ({kind!r}) is not spread evenly over its decades.",
                expected=f"{1 / len(shares):.0%} in each",
                got=", ".join(f"{s:.0%}" for s in shares),
                hint=hint,
            )
        c.ok()


def _like_sampler(shares: Array, sampler: Callable | None, decades: Callable, low: float, high: float, n: int) -> bool:
    """The shares per decade are those of the student's own sampler (random_search used it faithfully)."""
    if sampler is None:
        return False
    try:
        own = decades(
            np.clip(
                np.asarray(sampler(low, high, n, np.random.default_rng(12345)), dtype=float).ravel(),
                min(low, high),
                max(low, high),
            )
        )
    except Exception:  # noqa: BLE001 - the sampler is judged by its own check
        return False
    return bool(np.max(np.abs(own - shares)) < 0.06)


# ---- 4. refine_space ----

REFINE_SPACE = {
    "learning_rate": ("log", 1e-5, 1.0),
    "beta": ("beta", 0.8, 0.9999),
    "keep_prob": ("uniform", 0.5, 1.0),
    "layers": ("int", 1, 6),
    "activation": ("choice", ["relu", "tanh", "sigmoid"]),
}


def refined_bounds(
    kind: str, values: Sequence[float], low: float, high: float, clip: bool = True
) -> tuple[float, float]:
    """The rule the notebook states: the range of ``values`` on the kind's sampling scale, widened by
    half its spread on each side, back to values, clipped to ``[low, high]`` (whole numbers for 'int')."""
    to_scale, from_scale = {
        "log": (np.log10, lambda r: 10.0**r),
        "beta": (lambda b: np.log10(1 - b), lambda r: 1 - 10.0**r),
    }.get(kind, (lambda v: v, lambda v: v))
    scaled = sorted(float(to_scale(np.float64(v))) for v in values)
    spread = scaled[-1] - scaled[0]
    ends = sorted((float(from_scale(scaled[0] - spread / 2)), float(from_scale(scaled[-1] + spread / 2))))
    new_low, new_high = (max(ends[0], low), min(ends[1], high)) if clip else tuple(ends)
    if kind == "int":
        new_low, new_high = math.floor(new_low), math.ceil(new_high)
    return new_low, new_high


def check_refine_space(fn: Callable, space: Space = REFINE_SPACE, top_k: Sequence[int] = (3, 5), seed: int = 0) -> None:
    """Visible checks of ``refine_space(trials, space, top_k)``: best-first trials from a fixed search,
    then fixed trials that show the order of a 'choice' and the rounding of an 'int' range."""
    c = Checker("refine_space")
    rng = np.random.default_rng(seed)
    trials = _fake_trials(space, rng, 20)
    for k in top_k:
        _judge_refinement(c, fn, trials, space, k)
    _judge_refinement(c, fn, ORDER_TRIALS, ORDER_SPACE, 4)
    c.done()


# the best four trials used the 'choice' options in neither the space's order nor sorted order, and
# their 'int' values (4 and 5) widen to 3.5 and 5.5, which round() and int() take elsewhere than outward
ORDER_SPACE = {"activation": ("choice", ["tanh", "relu", "sigmoid", "elu"]), "layers": ("int", 1, 10)}
ORDER_TRIALS = [
    {"config": {"activation": option, "layers": layers}, "score": 1.0 - number / 10}
    for number, (option, layers) in enumerate(
        [("sigmoid", 5), ("tanh", 4), ("sigmoid", 5), ("relu", 4), ("elu", 9), ("elu", 1)]
    )
]


def _judge_refinement(c: Checker, fn: Callable, trials: list[dict], space: Space, k: int) -> None:
    given = {name: tuple(spec) for name, spec in space.items()}
    out = c.call(fn, [dict(t, config=dict(t["config"])) for t in trials], given, k)
    if given != {name: tuple(spec) for name, spec in space.items()}:
        c.fail("changed the space it was given.", hint=REFINE_KEEPS_SPACE)
    with judging(c):
        c.expect_type("the returned space", out, dict)
        c.expect_keys(out, list(space), what="the returned space")
        for name, (kind, *bounds) in space.items():
            got = tuple(out[name])
            if not got or got[0] != kind:
                c.fail(
                    f"'{name}' changed its kind.",
                    expected=kind,
                    got=got[:1],
                    hint="keep each hyperparameter's kind: (kind, new_low, new_high).",
                )
            best = [t["config"][name] for t in trials[:k]]
            if kind == "choice":
                _judge_choice(c, name, got[1] if len(got) > 1 else [], [o for o in bounds[0] if o in best])
                continue
            low, high = bounds
            expected = refined_bounds(kind, best, low, high)
            if kind == "int" and not all(isinstance(v, (int, np.integer)) for v in got[1:3]):
                c.fail(
                    f"'{name}' is an 'int' hyperparameter: its new range should be two integers.",
                    got=[type(v).__name__ for v in got[1:3]],
                    hint=REFINE_INT,
                )
            got_bounds = tuple(float(v) for v in got[1:3])
            if not np.allclose(got_bounds, expected, rtol=1e-6, atol=1e-12):
                c.fail(
                    f"'{name}' ({kind!r}, top_k={k}) has the wrong new range.",
                    expected=_pair_text(expected),
                    got=_pair_text(got_bounds),
                    hint=_refine_hint(kind, trials, name, k, low, high, got_bounds),
                )
            c.ok()


def _judge_choice(c: Checker, name: str, got: Any, expected: list) -> None:
    got = list(got)
    if got != expected:
        right_set = len(got) == len(expected) and sorted(map(repr, got)) == sorted(map(repr, expected))
        c.fail(
            f"'{name}' refined to the wrong options.",
            expected=expected,
            got=got,
            hint=REFINE_CHOICE_ORDER if right_set else REFINE_CHOICE,
        )
    c.ok()


def _fake_trials(space: Space, rng: np.random.Generator, n: int) -> list[dict]:
    """``n`` trials, best first. The better half sits in the lowest or highest tenth of each range
    (on its sampling scale), so that the widened range must be clipped to stay inside."""
    trials = []
    for number in range(n):
        narrow = number < n // 2
        config = {}
        for name, (kind, *bounds) in space.items():
            if kind == "choice":
                config[name] = bounds[0][int(rng.integers(2 if narrow else len(bounds[0])))]
                continue
            low, high = bounds
            if kind == "log":
                r = rng.uniform(np.log10(low), np.log10(low) + 0.1 * np.log10(high / low) if narrow else np.log10(high))
                config[name] = float(10**r)
            elif kind == "beta":
                r = rng.uniform(
                    np.log10(1 - high),
                    np.log10(1 - high) + 0.1 * np.log10((1 - low) / (1 - high)) if narrow else np.log10(1 - low),
                )
                config[name] = float(1 - 10**r)
            elif kind == "uniform":
                config[name] = float(rng.uniform(high - 0.1 * (high - low) if narrow else low, high))
            else:
                config[name] = int(rng.integers(high - 2 if narrow else low, high + 1))
        trials.append({"config": config, "score": 1.0 - number / n})
    return trials


def _refine_hint(kind: str, trials: list, name: str, k: int, low: float, high: float, got: tuple) -> str | None:
    best = [t["config"][name] for t in trials[:k]]
    worst = [t["config"][name] for t in trials[-k:]]
    unclipped = refined_bounds(kind, best, low, high, clip=False)
    candidates = [
        (REFINE_BOUNDS, unclipped),
        (REFINE_TOP, refined_bounds(kind, worst, low, high)),
        (REFINE_MARGIN, (min(best), max(best))),
    ]
    if kind == "int":  # rounded to the nearest, or truncated, instead of outward
        ends = refined_bounds("uniform", best, low, high)
        candidates += [
            (REFINE_INT, tuple(float(round(v)) for v in ends)),
            (REFINE_INT, tuple(float(int(v)) for v in ends)),
        ]
    if kind in ("log", "beta"):
        candidates.append(
            (REFINE_SCALE.format(kind=kind, scale=SCALES[kind]), refined_bounds("uniform", best, low, high))
        )
    if got[0] > got[1]:  # the ends came back in the wrong order, whatever else they did
        return REFINE_BETA_ORDER if kind == "beta" else REFINE_ORDER
    if got[0] < low or got[1] > high:
        return REFINE_BOUNDS
    return matching_mistake(got, candidates, rtol=1e-6, atol=1e-12)


def _pair_text(bounds: Sequence[float]) -> str:
    return f"({bounds[0]:.6g}, {bounds[1]:.6g})"


# ======== Part 2: batch normalization ========

AXIS = "normalize each unit over the examples: np.mean(Z, axis=1, keepdims=True) (examples are columns), not over the units."
EPS_OUTSIDE = "epsilon belongs inside the square root: (Z - mu) / np.sqrt(var + epsilon)."
UNBIASED = "the stated variance is the biased one, the mean of (Z - mu) ** 2 (np.var's default ddof=0), not the unbiased ddof=1."
MOMENTUM_SWAPPED = (
    "the momentum multiplies the old running value: running_mean = momentum * running_mean + (1 - momentum) * mu; "
    "with 0.9, the running statistics move slowly. This momentum is the average's beta, as Keras's is "
    "(PyTorch's momentum is the other weight, 1 - beta)."
)
NOT_STORED = "store the updated running statistics back in bn_params['running_mean'] and bn_params['running_var']: the next call starts from them."
TEST_BATCH = "test mode uses the running statistics, bn_params['running_mean'] and ['running_var'], never the batch's: one example must not change another's output."
TEST_UPDATES = "test mode leaves the running statistics alone: only train mode updates them."
SCALE_SHIFT = "the output is gamma * Z_norm + beta: scale by gamma, then shift by beta."
STD_NOT_VAR = "running_var holds the variance, not the standard deviation: update it with var, and divide by np.sqrt(running_var + epsilon)."
DZ_TERM = (
    "a term of dZ is missing: dZ = gamma / sqrt(var + epsilon) / m * (m * dZ_norm - sum(dZ_norm) - Z_norm * sum(dZ_norm * Z_norm)), "
    "the sums over the examples. Every example's output depends on every other one's through mu and var."
)
DZ_PLAIN = "dZ is missing the terms that come through mu and var: the batch statistics depend on Z too."
DGAMMA_AXIS = (
    "dgamma and dbeta sum over the examples, axis=1, keepdims=True: one value per unit, shape (units, 1), like gamma."
)
DGAMMA_KEEPDIMS = "keep dgamma and dbeta as columns, shape (units, 1): np.sum(..., axis=1, keepdims=True)."
DGAMMA_FORMULA = "dgamma = sum over the examples of dout * Z_norm, dbeta = sum of dout."
FORWARD_FIRST = (
    "your batchnorm_forward does not give the stated output yet (see its check): the backward pass works with the cache "
    "your forward pass makes, so fix batchnorm_forward first."
)

CASES = ((4, 6), (3, 5), (1, 8))  # (units, examples): never square, so a wrong axis shows
MOMENTUM, EPSILON = 0.9, 1e-5


def bn_params(
    n: int,
    mode: str = "train",
    momentum: float = MOMENTUM,
    epsilon: float = EPSILON,
    rng: np.random.Generator | None = None,
) -> dict:
    """A fresh ``bn_params`` for ``n`` units; random running statistics when ``rng`` is given."""
    running_mean = np.zeros((n, 1)) if rng is None else rng.normal(0, 1, (n, 1))
    running_var = np.ones((n, 1)) if rng is None else rng.uniform(0.5, 2.0, (n, 1))
    return {
        "mode": mode,
        "momentum": momentum,
        "epsilon": epsilon,
        "running_mean": running_mean,
        "running_var": running_var,
    }


def _normalized(Z: Array, epsilon: float, axis: int = 1, ddof: int = 0, inside: bool = True) -> Array:
    mu = Z.mean(axis=axis, keepdims=True)
    var = Z.var(axis=axis, keepdims=True, ddof=ddof)
    return (Z - mu) / (np.sqrt(var + epsilon) if inside else np.sqrt(var) + epsilon)


def _inputs(n: int, m: int, rng: np.random.Generator) -> tuple[Array, Array, Array]:
    Z = rng.normal(2.0, 3.0, (n, m)) + rng.normal(0, 5, (n, 1))  # each unit its own mean and spread
    return Z, rng.uniform(0.5, 2.0, (n, 1)), rng.normal(0, 1, (n, 1))


def _pair(c: Checker, out: Any, what: str) -> tuple:
    """``out``'s two values, in this notebook's words."""
    return unpack(c, out, 2, f"should return two values: {what}.", got=type(out).__name__)


# ---- batchnorm_forward ----


def check_batchnorm_forward(fn: Callable, cases=CASES, seed: int = 0) -> None:
    """Visible checks of ``batchnorm_forward(Z, gamma, beta, bn_params)`` -> ``out, cache``."""
    c = Checker("batchnorm_forward")
    rng = np.random.default_rng(seed)
    for n, m in cases:
        Z, gamma, beta = _inputs(n, m, rng)
        for epsilon in (0.5, EPSILON):  # a large epsilon shows where it went
            params = bn_params(n, epsilon=epsilon, rng=rng)
            before = copied(params)
            out, _ = _pair(
                c, c.call(fn, *copied((Z, gamma, beta)), params), "out, cache"
            )  # params: the running statistics go back in it
            with judging(c):
                c.expect_array("out", out, (n, m), hint=AXIS)
                expected = gamma * _normalized(Z, epsilon) + beta
                if not np.allclose(out, expected, rtol=1e-6, atol=1e-8):
                    c.fail(
                        f"train mode: out has wrong values (units={n}, examples={m}, epsilon={epsilon:g}).",
                        expected=_first(expected),
                        got=_first(out),
                        hint=_forward_hint(out, Z, gamma, beta, epsilon),
                    )
                c.ok()
                _judge_running(c, params, before, Z)
    for n, m in cases[:2]:  # test mode: the running statistics, and each example on its own
        Z, gamma, beta = _inputs(n, m, rng)
        params = bn_params(n, mode="test", rng=rng)
        before = copied(params)
        out, _ = _pair(c, c.call(fn, *copied((Z, gamma, beta)), params), "out, cache")
        with judging(c):
            c.expect_array("out (test mode)", out, (n, m))
            expected = gamma * (Z - before["running_mean"]) / np.sqrt(before["running_var"] + EPSILON) + beta
            if not np.allclose(out, expected, rtol=1e-6, atol=1e-8):
                hint = matching_mistake(
                    out,
                    (
                        (TEST_BATCH, gamma * _normalized(Z, EPSILON) + beta),
                        (STD_NOT_VAR, gamma * (Z - before["running_mean"]) / (before["running_var"] + EPSILON) + beta),
                    ),
                    rtol=1e-6,
                    atol=1e-8,
                )
                c.fail("test mode: out has wrong values.", expected=_first(expected), got=_first(out), hint=hint)
            for key in ("running_mean", "running_var"):
                if not np.array_equal(params.get(key), before[key]):
                    c.fail(f"test mode changed bn_params['{key}'].", hint=TEST_UPDATES)
            alone, _ = _pair(c, c.call_on_copies(fn, Z[:, :1], gamma, beta, before), "out, cache")
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
    return matching_mistake(out, candidates, rtol=1e-6, atol=1e-8)


def _judge_running(c: Checker, params: dict, before: dict, Z: Array) -> None:
    mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
    momentum = before["momentum"]
    for key, batch in (("running_mean", mu), ("running_var", var)):
        got = params.get(key)
        expected = momentum * before[key] + (1 - momentum) * batch
        if not (isinstance(got, np.ndarray) and got.shape == expected.shape):
            c.fail(
                f"bn_params['{key}'] has the wrong shape after a train-mode call.",
                expected=expected.shape,
                got=shape_or_type(got),
                hint=NOT_STORED if got is None else "one value per unit: shape (units, 1).",
            )
        if not np.allclose(got, expected, rtol=1e-6, atol=1e-8):
            variance = key == "running_var"
            hint = (
                NOT_STORED
                if np.array_equal(got, before[key])
                else matching_mistake(
                    got,
                    (
                        (MOMENTUM_SWAPPED, (1 - momentum) * before[key] + momentum * batch),
                        (
                            UNBIASED,
                            momentum * before[key] + (1 - momentum) * Z.var(axis=1, keepdims=True, ddof=1)
                            if variance and Z.shape[1] > 1
                            else None,
                        ),
                        (STD_NOT_VAR, momentum * before[key] + (1 - momentum) * np.sqrt(var) if variance else None),
                    ),
                    rtol=1e-6,
                    atol=1e-8,
                )
            )
            c.fail(
                f"bn_params['{key}'] has wrong values after a train-mode call (momentum {momentum:g}).",
                expected=_first(expected),
                got=_first(got),
                hint=hint,
            )
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
    dZ = (
        inv_std
        / m
        * (m * dZ_norm - dZ_norm.sum(axis=1, keepdims=True) - Z_norm * (dZ_norm * Z_norm).sum(axis=1, keepdims=True))
    )
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
        out, cache = _pair(c, c.call_on_copies(forward, Z, gamma, beta, params), "out, cache (batchnorm_forward)")
        grads = c.call(fn, dout.copy(), cache)  # the cache is the student's own, handed back as it came
        dZ, dgamma, dbeta = unpack(
            c, grads, 3, "should return three values: dZ, dgamma, dbeta.", got=type(grads).__name__
        )
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
                forward_right = np.allclose(
                    np.asarray(out, dtype=float), gamma * _normalized(Z, EPSILON) + beta, rtol=1e-6, atol=1e-8
                )
                c.fail(
                    f"{name} has wrong values (units={n}, examples={m}).",
                    expected=_first(right),
                    got=_first(value),
                    hint=_backward_hint(name, value, Z, gamma, dout) or (None if forward_right else FORWARD_FIRST),
                )
    c.done()


def _close(value: Array, expected: Array, tolerance: float = 1e-4) -> bool:
    """``value`` equals ``expected`` to ``tolerance`` of the largest entry of ``expected``."""
    value, expected = np.asarray(value, dtype=float), np.asarray(expected, dtype=float)
    return (
        value.shape == expected.shape
        and float(np.max(np.abs(value - expected), initial=0))
        <= tolerance * float(np.max(np.abs(expected), initial=0)) + 1e-9
    )


def _numerical_gradients(
    forward: Callable, Z: Array, gamma: Array, beta: Array, dout: Array, params: dict, h: float = 1e-5
) -> tuple[Array | None, ...]:
    """Two-sided differences of sum(out * dout) through the student's own forward pass; None where
    that forward pass cannot be differentiated (it failed or returned something else)."""

    def loss(Z_: Array, gamma_: Array, beta_: Array) -> float:
        out = forward(Z_, gamma_, beta_, copied(params))[0]
        return float(np.sum(np.asarray(out, dtype=float) * dout))

    results = []
    for index in range(3):
        arrays = copied([Z, gamma, beta])
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
        return matching_mistake(
            value,
            (
                (DZ_PLAIN, dZ_norm * inv_std),
                (DZ_TERM, inv_std / m * (m * dZ_norm - dZ_norm.sum(axis=1, keepdims=True))),
                (DZ_TERM, inv_std / m * (m * dZ_norm - Z_norm * (dZ_norm * Z_norm).sum(axis=1, keepdims=True))),
            ),
            rtol=1e-5,
            atol=1e-7,
        )
    right = (dout * Z_norm).sum(axis=1, keepdims=True) if name == "dgamma" else dout.sum(axis=1, keepdims=True)
    swapped = dout.sum(axis=1, keepdims=True) if name == "dgamma" else (dout * Z_norm).sum(axis=1, keepdims=True)
    return matching_mistake(value, {DGAMMA_FORMULA: swapped}, rtol=1e-5, atol=1e-7) or matching_mistake(
        value, {DGAMMA_FORMULA: right * m}
    )
