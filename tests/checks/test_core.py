"""The recipes every notebook's checks share (course_utils/checks/core.py): each helper does what
its docstring says, and fails the checker with the caller's own words."""

import numpy as np
import pytest

from course_utils.checks import Checker, CheckFailed
from course_utils.checks.core import (
    closest_mistake,
    copied,
    describe,
    describe_values,
    expect_reproducible,
    matching_mistake,
    matching_mistakes,
    only_from_rng,
    shape_or_type,
    type_and_length,
    unpack,
    within_ratio,
)


def failure(action) -> CheckFailed:
    with pytest.raises(CheckFailed) as caught:
        action()
    return caught.value


# ---- the rng discipline ----


def test_only_from_rng_passes_draws_from_the_rng_argument():
    c = Checker("f")
    with only_from_rng(c, "use rng"):
        np.random.default_rng(0).standard_normal(5)
    assert c.passed == 0  # the guard counts nothing: each module counts its own checks


def test_only_from_rng_fails_a_draw_from_numpys_global_generator():
    def draw():
        with only_from_rng(Checker("f"), "use rng", expected="the permutation drawn from rng"):
            np.random.permutation(5)

    got = failure(draw)
    assert (got.function, got.problem) == ("f", "uses NumPy's global generator (np.random.*).")
    assert (got.expected, got.got, got.hint) == (
        "the permutation drawn from rng",
        "np.random's state changed",
        "use rng",
    )


def test_only_from_rng_without_a_got_line():
    def seeded():
        with only_from_rng(Checker("f"), "use rng", got=None):
            np.random.seed(3)

    got = failure(seeded)
    assert got.got is None and "got:" not in str(got)
    assert got.expected == "all randomness drawn from rng"


def test_only_from_rng_lets_the_bodys_own_failure_through():
    c = Checker("f")

    def crash():
        with only_from_rng(c, "use rng"):
            np.random.random()
            c.fail("raised ValueError.")

    assert failure(crash).problem == "raised ValueError."


def test_expect_reproducible_passes_the_same_result_and_another_for_another_seed():
    c = Checker("f")
    expect_reproducible(
        c, np.arange(3), np.arange(3), "differ", "hint", other=np.arange(3)[::-1], ignored="ignores rng"
    )
    assert c.passed == 0


def test_expect_reproducible_fails_two_different_results_for_one_seed():
    got = failure(
        lambda: expect_reproducible(
            Checker("f"), np.arange(3), np.arange(3) + 1, "two calls gave different values.", "use rng"
        )
    )
    assert (got.problem, got.hint) == ("two calls gave different values.", "use rng")


def test_expect_reproducible_fails_the_same_result_for_another_seed_with_its_own_hint():
    c = Checker("f")
    same = np.arange(3)
    got = failure(
        lambda: expect_reproducible(c, same, same.copy(), "differ", "use rng", other=same.copy(), ignored="ignores rng")
    )
    assert (got.problem, got.hint) == ("ignores rng", "use rng")
    got = failure(
        lambda: expect_reproducible(
            c, same, same.copy(), "differ", "use rng", other=same.copy(), ignored="ignores rng", ignored_hint="shuffle"
        )
    )
    assert got.hint == "shuffle"


def test_expect_reproducible_checks_another_seed_only_when_asked():
    expect_reproducible(Checker("f"), np.arange(3), np.arange(3), "differ", "hint", other=np.arange(3))


def test_expect_reproducible_uses_the_callers_comparisons():
    c = Checker("f")
    first, again = {"W1": np.ones(2), "b1": np.zeros(1)}, {"W1": np.ones(2), "b1": np.ones(1)}
    weights_only = lambda a, b: np.array_equal(a["W1"], b["W1"])  # noqa: E731
    expect_reproducible(c, first, again, "differ", "hint", same=weights_only)
    got = failure(
        lambda: expect_reproducible(
            c, first, first, "differ", "hint", other=again, ignored="identical", identical=weights_only
        )
    )
    assert got.problem == "identical"


# ---- copies ----


def test_copied_copies_every_array_and_keeps_the_structure():
    rng = np.random.default_rng(0)
    value = {"W1": np.ones((2, 2)), "caches": [(np.zeros(2), 3, "relu"), np.arange(3)], "rng": rng, "lambd": 0.7}
    copy = copied(value)
    assert isinstance(copy["caches"], list) and isinstance(copy["caches"][0], tuple)
    assert copy["rng"] is rng and copy["lambd"] == 0.7 and copy["caches"][0][1:] == (3, "relu")
    copy["W1"][0, 0] = 5
    copy["caches"][0][0][:] = 7
    copy["caches"][1][0] = 9
    assert value["W1"][0, 0] == 1 and not np.any(value["caches"][0][0]) and value["caches"][1][0] == 0


def test_copied_with_a_dtype_makes_fresh_arrays_of_a_dicts_values():
    value = {"dW1": [[1, 2]], "db1": np.ones((1, 1), dtype=np.float32), "inner": {"x": 3}}
    copy = copied(value, float)
    assert all(
        isinstance(a, np.ndarray) and a.dtype == np.float64 for a in (copy["dW1"], copy["db1"], copy["inner"]["x"])
    )
    array = np.ones(2)
    assert copied({"a": array}, float)["a"] is not array


def test_call_on_copies_hands_the_student_copies():
    def writes_into_its_inputs(X, parameters, scale=None):
        X[:] = 0
        parameters["W1"] *= 2
        scale[0] = -1
        return "done"

    c = Checker("f")
    X, parameters, scale = np.ones(3), {"W1": np.ones(2)}, np.ones(1)
    assert c.call_on_copies(writes_into_its_inputs, X, parameters, scale=scale) == "done"
    assert np.all(X == 1) and np.all(parameters["W1"] == 1) and scale[0] == 1


def test_call_on_copies_reports_a_crash_as_call_does():
    def crashes(X):
        raise ValueError("boom")

    assert (
        failure(lambda: Checker("f").call_on_copies(crashes, np.ones(2))).problem
        == "raised ValueError when called as f([1., 1.])."
    )


# ---- return values ----


def test_unpack_gives_the_values_of_a_tuple_or_list():
    c = Checker("f")
    assert unpack(c, [1, 2], 2, "two") == (1, 2)
    assert unpack(c, (1, 2, 3), 3, "three") == (1, 2, 3)


@pytest.mark.parametrize(
    "out, got", [((1, 2, 3), "tuple of 3"), ([1], "list of 1"), ({"a": 1, "b": 2}, "dict"), (None, "NoneType")]
)
def test_unpack_fails_anything_else_saying_what_came_back(out, got):
    failed = failure(
        lambda: unpack(Checker("f"), out, 2, "should return two values.", expected="parameters, v", hint="return both")
    )
    assert (failed.problem, failed.expected, failed.got, failed.hint) == (
        "should return two values.",
        "parameters, v",
        got,
        "return both",
    )


def test_unpack_takes_the_callers_got_line():
    assert failure(lambda: unpack(Checker("f"), (1, 2, 3), 2, "two", got="tuple")).got == "tuple"


# ---- describing a value ----


def test_describe_says_what_a_value_is():
    assert describe(np.zeros((3, 4))) == "array of shape (3, 4)"
    assert describe((np.zeros(2), [1, 2], 3.0)) == "tuple of 3: (array of shape (2,), list of 2: (int, int), float)"
    assert describe(list(range(6))) == "list of 6: (int, int, int, int, ...)"
    assert describe({"a": 1}) == "dict"
    long = describe([[np.zeros((100, 100))] * 4] * 4)
    assert len(long) == 160 and long.endswith("...")


def test_describe_values_shows_the_first_four():
    assert describe_values(np.array([1.0, 2.5])) == "[1. , 2.5]"
    assert describe_values(np.arange(6.0).reshape(2, 3)) == "[0., 1., 2., 3., ...] (shape (2, 3))"


def test_type_and_length_and_shape_or_type():
    assert type_and_length((1, 2, 3)) == "tuple of 3"
    assert type_and_length([1], "of length") == "list of length 1"
    assert type_and_length(np.zeros(3)) == "ndarray"
    assert shape_or_type(np.zeros((2, 5))) == (2, 5)
    assert shape_or_type([1, 2]) == "list"


def test_a_long_argument_is_clipped_in_the_call_line():
    def crashes(text):
        raise ValueError

    failed = failure(lambda: Checker("f").call(crashes, "x" * 100))
    assert failed.problem == f"raised ValueError when called as f('{'x' * 56}...)."


# ---- matching a result to a classic mistake ----


def test_matching_mistake_names_the_first_mistake_that_matches():
    got = np.array([2.0, 4.0])
    mistakes = [("halved", got / 2), ("doubled", got * 1.0), ("also doubled", got.copy())]
    assert matching_mistake(got, mistakes) == "doubled"
    assert list(matching_mistakes(got, mistakes)) == ["doubled", "also doubled"]
    assert matching_mistake(got, {"halved": got / 2}) is None
    assert matching_mistake(got, {"halved": got / 2}, default="see the formula") == "see the formula"


def test_matching_mistake_tolerance_rule():
    value = np.array([1.0, 100.0])
    # |got - value| <= atol + rtol * |value|, entry by entry
    assert matching_mistake(value * (1 + 0.9e-6), {"m": value}, rtol=1e-6, atol=0) == "m"
    assert matching_mistake(value * (1 + 1.1e-6), {"m": value}, rtol=1e-6, atol=0) is None
    assert matching_mistake(np.array([1e-9, 100.0]), {"m": np.array([0.0, 100.0])}, rtol=0, atol=1e-8) == "m"
    assert matching_mistake(np.array([1e-7, 100.0]), {"m": np.array([0.0, 100.0])}, rtol=0, atol=1e-8) is None
    # NumPy's defaults when none are given
    assert matching_mistake(1.0 + 0.9e-5, {"m": 1.0}) == "m" and matching_mistake(1.0 + 2e-5, {"m": 1.0}) is None


def test_matching_mistake_never_broadcasts():
    column = np.ones((3, 1))
    assert matching_mistake(column, {"a row": np.ones((1, 3))}) is None
    assert matching_mistake(column, {"a matrix": np.ones((3, 3))}) is None


def test_matching_mistake_passes_over_what_cannot_show():
    assert matching_mistake(1.0, [(None, 1.0), ("no value", None), ("right", 1.0)]) == "right"


def test_matching_mistake_with_the_callers_rule_and_the_right_value():
    close = lambda a, b: abs(a - b) < 0.1  # noqa: E731
    assert matching_mistake(1.05, {"near": 1.0}, close=close) == "near"
    # a mistake that gives the right value here cannot be told from the right answer: passed over
    assert (
        matching_mistake(1.05, [("same as right", 1.0), ("other", 1.02)], close=close, right=1.0, default="formula")
        == "formula"
    )
    assert matching_mistake(1.05, [("same as right", 1.0), ("other", 1.02)], close=close, right=0.5) == "same as right"


def test_matching_mistake_works_out_only_what_it_needs():
    def mistakes():
        yield "first", 1.0
        raise AssertionError("worked out a mistake after the first match")

    assert matching_mistake(1.0, mistakes()) == "first"


def test_within_ratio():
    assert within_ratio(0.05)(1.04, 1.0) and not within_ratio(0.05)(1.06, 1.0)
    assert matching_mistake(0.21, {"Xavier": 0.2, "He": 0.3}, close=within_ratio(0.06)) == "Xavier"


def test_closest_mistake_names_one_ten_times_nearer_than_the_right_value():
    right = np.array([1.0, 2.0])
    mistakes = {"one-sided": right + 1e-8, "halved": right / 2, "unknown": None}
    assert closest_mistake(right + 1.05e-8, right, mistakes) == "one-sided"
    assert closest_mistake(right + 0.6e-8, right, mistakes) is None  # nearer, but not ten times
    assert closest_mistake(right + 0.6e-8, right, mistakes, ratio=1.2) == "one-sided"
    assert closest_mistake(right / 2 + 1e-3, right, [("halved", right / 2), ("one-sided", right + 1e-8)]) == "halved"
    assert closest_mistake(right, right, {}) is None
