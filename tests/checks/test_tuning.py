"""The hyperparameter-search checks (course_utils.checks.tuning_batchnorm, part 1): every correct implementation passes (another formula, another
order of drawing from rng, vectorized or one trial at a time), and each classic mistake fails with
the message that names it."""

from __future__ import annotations

import math

import numpy as np
import pytest

from course_utils.checks import tuning_batchnorm as t
from course_utils.checks.core import CheckFailed
from tests.support.grading_helpers import sample_function

# ---- samplers: correct ----


def log_uniform(low, high, size, rng):
    return 10 ** rng.uniform(np.log10(low), np.log10(high), size)


def log_uniform_natural(low, high, size, rng):
    return np.exp(rng.uniform(np.log(low), np.log(high), size))


def log_uniform_power(low, high, size, rng):
    return low * (high / low) ** rng.random(size)


def beta(low, high, size, rng):
    return 1 - 10 ** rng.uniform(np.log10(1 - high), np.log10(1 - low), size)


def beta_natural(low, high, size, rng):
    return 1 - np.exp(rng.uniform(np.log(1 - high), np.log(1 - low), size))


# ---- samplers: classic mistakes ----


def uniform(low, high, size, rng):
    return rng.uniform(low, high, size)


def exponents_as_bounds(low, high, size, rng):
    return 10 ** rng.uniform(low, high, size)


def bases_mixed(low, high, size, rng):
    return np.exp(rng.uniform(np.log10(low), np.log10(high), size))


def global_generator(low, high, size, rng):
    return 10 ** np.random.uniform(np.log10(low), np.log10(high), size)


def own_generator(low, high, size, rng):
    return 10 ** np.random.default_rng(0).uniform(np.log10(low), np.log10(high), size)


def beta_own_generator(low, high, size, rng):
    return 1 - 10 ** np.random.default_rng(0).uniform(np.log10(1 - high), np.log10(1 - low), size)


def column(low, high, size, rng):
    return 10 ** rng.uniform(np.log10(low), np.log10(high), (size, 1))


def beta_log_uniform(low, high, size, rng):
    return log_uniform(low, high, size, rng)


def beta_uniform(low, high, size, rng):
    return rng.uniform(low, high, size)


def beta_returns_r(low, high, size, rng):
    return 10 ** rng.uniform(np.log10(1 - high), np.log10(1 - low), size)


# ---- random_search ----


def search_with(sample_log=log_uniform, sample_b=beta, integers_high=1, order=-1, calls=1):
    def random_search(train_and_evaluate, space, n_trials, rng):
        trials = []
        for _ in range(n_trials):
            config = {}
            for name, (kind, *args) in space.items():
                if kind == "log":
                    config[name] = float(sample_log(args[0], args[1], 1, rng)[0])
                elif kind == "beta":
                    config[name] = float(sample_b(args[0], args[1], 1, rng)[0])
                elif kind == "uniform":
                    config[name] = float(rng.uniform(args[0], args[1]))
                elif kind == "int":
                    config[name] = int(rng.integers(args[0], args[1] + integers_high))
                else:
                    config[name] = args[0][rng.integers(len(args[0]))]
            for _ in range(calls):
                score = train_and_evaluate(config)
            trials.append({"config": config, "score": score})
        if order == 0:
            return trials
        return sorted(trials, key=lambda trial: trial["score"], reverse=order < 0)

    return random_search


# Every hyperparameter's values drawn at once (another order of drawing from rng), natural logs, a
# refinement by dictionary comprehension: the unusual but correct answers of a sample submission.
search_vectorized, refine_by_comprehension = (
    sample_function("tuning_batchnorm", "correct_unusual", name, {"np": np})
    for name in ("random_search", "refine_space")
)


# ---- refine_space ----

SCALES = {"log": (np.log10, lambda r: 10**r), "beta": (lambda b: np.log10(1 - b), lambda r: 1 - 10**r)}


def refine_with(clip=True, worst=False, margin=0.5, linear=False, in_place=False, sort=True):
    def refine_space(trials, space, top_k):
        best = trials[-top_k:] if worst else trials[:top_k]
        new = space if in_place else {}
        for name, (kind, *args) in list(space.items()):
            values = [trial["config"][name] for trial in best]
            if kind == "choice":
                new[name] = ("choice", [option for option in args[0] if option in values])
                continue
            low, high = args
            to, back = (lambda v: v, lambda v: v) if linear or kind not in SCALES else SCALES[kind]
            scaled = [to(v) for v in values]
            spread = max(scaled) - min(scaled)
            a, b = [back(min(scaled) - margin * spread), back(max(scaled) + margin * spread)]
            if sort:  # for 'beta', 1 - 10 ** r reverses the order
                a, b = sorted([a, b])
            if clip:
                a, b = max(a, low), min(b, high)
            if kind == "int":
                a, b = int(np.floor(a)), int(np.ceil(b))
            new[name] = (kind, a, b)
        return new

    return refine_space


def refine_as_lists(trials, space, top_k):
    """Lists instead of tuples, the choice options from a set kept in order: still right."""
    out = refine_with()(trials, space, top_k)
    return {name: list(spec) for name, spec in out.items()}


def refine_reversed(trials, space, top_k):
    """Every numeric range handed back high first."""
    out = refine_with()(trials, space, top_k)
    return {name: spec if spec[0] == "choice" else (spec[0], spec[2], spec[1]) for name, spec in out.items()}


CORRECT = [
    (t.check_sample_log_uniform, log_uniform),
    (t.check_sample_log_uniform, log_uniform_natural),
    (t.check_sample_log_uniform, log_uniform_power),
    (t.check_sample_beta, beta),
    (t.check_sample_beta, beta_natural),
    (t.check_random_search, search_with()),
    (t.check_random_search, search_vectorized),
    (t.check_refine_space, refine_with()),
    (t.check_refine_space, refine_as_lists),
    (t.check_refine_space, refine_by_comprehension),
]


@pytest.mark.parametrize(
    "check, fn", CORRECT, ids=[f"{c.__name__}-{getattr(f, '__qualname__', f.__name__)}" for c, f in CORRECT]
)
def test_correct_implementations_pass(check, fn, capsys):
    check(fn)
    assert "all" in capsys.readouterr().out


MISTAKES = [
    (t.check_sample_log_uniform, uniform, "uniform instead of log-uniform"),
    (t.check_sample_log_uniform, exponents_as_bounds, "not their exponents"),
    (t.check_sample_log_uniform, bases_mixed, "must match"),
    (t.check_sample_log_uniform, global_generator, "global generator"),
    (t.check_sample_log_uniform, column, "shape"),
    (t.check_sample_log_uniform, own_generator, "ignores its rng argument"),
    (t.check_sample_beta, beta_own_generator, "ignores its rng argument"),
    (t.check_sample_beta, beta_log_uniform, "beta itself was sampled"),
    (t.check_sample_beta, beta_uniform, "beta itself was sampled"),
    (t.check_sample_beta, beta_returns_r, "that is 1 - beta"),
    (t.check_random_search, search_with(order=1), "worst first"),
    (t.check_random_search, search_with(order=0), "not sorted best first"),
    (t.check_random_search, search_with(sample_log=uniform), "'log' hyperparameter was sampled uniformly"),
    (t.check_random_search, search_with(sample_b=log_uniform), "not sampled with your sample_beta"),
    (t.check_random_search, search_with(integers_high=0), "both ends"),
    (t.check_random_search, search_with(calls=2), "exactly once per trial"),
    (t.check_refine_space, refine_with(clip=False), "leaves the original one"),
    (t.check_refine_space, refine_with(worst=True), "not the worst"),
    (t.check_refine_space, refine_with(margin=0.0), "half their spread"),
    (t.check_refine_space, refine_with(linear=True), "on its sampling scale"),
    (t.check_refine_space, refine_with(in_place=True), "return a new space"),
    (t.check_refine_space, refine_with(sort=False), "for a 'beta' range the way back reverses the order"),
    (t.check_refine_space, refine_with(sort=False, clip=False), "for a 'beta' range the way back reverses the order"),
    (t.check_refine_space, refine_reversed, "the new range is reversed"),
]


@pytest.mark.parametrize("check, fn, hint", MISTAKES, ids=[h.split()[0] + "-" + c.__name__ for c, _, h in MISTAKES])
def test_classic_mistakes_are_named(check, fn, hint):
    with pytest.raises(CheckFailed) as failure:
        check(fn)
    assert hint in str(failure.value), str(failure.value)
    assert failure.value.function in str(failure.value)


def test_refined_bounds_follow_the_stated_rule():
    # log: 1e-3 and 1e-2 are one decade apart: half a decade more on each side, then clipped at 1e-3
    low, high = t.refined_bounds("log", [1e-3, 1e-2], 1e-3, 1.0)
    assert low == pytest.approx(1e-3) and high == pytest.approx(10**-1.5)
    # beta: 1 - beta of 0.01 and 0.001 -> 10^-3.5 to 10^-1.5, i.e. beta from 0.9684 to 0.99968
    assert t.refined_bounds("beta", [0.99, 0.999], 0.9, 0.9999) == pytest.approx((1 - 10**-1.5, 1 - 10**-3.5))
    assert t.refined_bounds("int", [3, 4], 1, 6) == (2, 5)
    assert t.refined_bounds("uniform", [0.9, 1.0], 0.5, 1.0) == pytest.approx((0.85, 1.0))


def test_random_search_that_uses_a_wrong_sampler_faithfully_keeps_its_points(capsys):
    """A mistake in sample_log_uniform or sample_beta costs their own points, not random_search's."""
    t.check_random_search(
        search_with(sample_log=uniform, sample_b=beta_uniform), samplers={"log": uniform, "beta": beta_uniform}
    )
    assert "✓ random_search" in capsys.readouterr().out
    with pytest.raises(CheckFailed, match="sampled uniformly"):  # a right sampler, not used: still a mistake
        t.check_random_search(search_with(sample_log=uniform), samplers={"log": log_uniform, "beta": beta})


def test_a_refine_space_that_forgets_to_sort_fails_on_beta_only():
    """The notebook states it: only a 'beta' range comes back reversed, so forgetting to sort costs
    nothing on the other kinds, and the failure names 'beta' and sorting."""
    space = {name: spec for name, spec in t.REFINE_SPACE.items() if spec[0] != "beta"}
    t.check_refine_space(refine_with(sort=False), space=space)
    with pytest.raises(CheckFailed) as failure:
        t.check_refine_space(refine_with(sort=False))
    assert "'beta'" in str(failure.value) and "sorted(" in str(failure.value), str(failure.value)


def refine_choice_in(order):
    """The right options of a 'choice', in the trials' order or sorted."""

    def refine_space(trials, space, top_k):
        out = refine_with()(trials, space, top_k)
        for name, (kind, *args) in space.items():
            if kind == "choice":
                used = list(dict.fromkeys(trial["config"][name] for trial in trials[:top_k]))
                out[name] = ("choice", sorted(used) if order == "sorted" else used)
        return out

    return refine_space


@pytest.mark.parametrize("order", ["trials", "sorted"])
def test_a_choice_in_another_order_than_the_space_is_named(order):
    with pytest.raises(CheckFailed) as failure:
        t.check_refine_space(refine_choice_in(order))
    assert "in their original order" in str(failure.value) and "another order" in str(failure.value)


def test_a_choice_kept_in_order_by_a_loop_or_a_filter_passes(capsys):
    def by_loop(trials, space, top_k):
        out = refine_with()(trials, space, top_k)
        for name, (kind, *args) in space.items():
            if kind == "choice":
                kept = []
                for option in args[0]:
                    for trial in trials[:top_k]:
                        if trial["config"][name] == option and option not in kept:
                            kept.append(option)
                out[name] = ("choice", kept)
        return out

    def by_filter(trials, space, top_k):
        out = refine_with()(trials, space, top_k)
        for name, (kind, *args) in space.items():
            if kind == "choice":
                used = {trial["config"][name] for trial in trials[:top_k]}
                out[name] = ["choice", list(filter(used.__contains__, args[0]))]
        return out

    t.check_refine_space(by_loop)
    t.check_refine_space(by_filter)
    assert capsys.readouterr().out.count("✓ refine_space") == 2


def refine_int_with(rounding):
    """An 'int' range rounded another way than outward (low down, high up)."""

    def refine_space(trials, space, top_k):
        out = refine_with()(trials, space, top_k)
        for name, (kind, *args) in space.items():
            if kind == "int":
                a, b = t.refined_bounds("uniform", [trial["config"][name] for trial in trials[:top_k]], *args)
                out[name] = ("int", *rounding(a, b))
        return out

    return refine_space


@pytest.mark.parametrize(
    "rounding",
    [lambda a, b: (round(a), round(b)), lambda a, b: (np.floor(a), np.ceil(b)), lambda a, b: (int(a), int(b))],
    ids=["round", "floats", "truncated"],
)
def test_an_int_range_not_rounded_outward_to_integers_is_named(rounding):
    with pytest.raises(CheckFailed) as failure:
        t.check_refine_space(refine_int_with(rounding))
    assert "rounds outward" in str(failure.value), str(failure.value)


def test_an_int_range_rounded_outward_with_numpy_integers_passes(capsys):
    t.check_refine_space(refine_int_with(lambda a, b: (np.int64(np.floor(a)), math.ceil(b))))
    assert "✓ refine_space" in capsys.readouterr().out


def test_a_uniform_hyperparameter_drawn_between_0_and_1_is_named():
    names = {"np": np, "sample_log_uniform": log_uniform, "sample_beta": beta}
    search = sample_function(
        "tuning_batchnorm",
        "search_uniform_between_0_and_1_refine_unclipped_and_momentum_swapped",
        "random_search",
        names,
    )
    with pytest.raises(CheckFailed) as failure:
        t.check_random_search(search)
    assert "left its range" in str(failure.value) and "rng.uniform(low, high)" in str(failure.value)
