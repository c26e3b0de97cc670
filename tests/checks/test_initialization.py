"""The student-facing checks: every correct implementation passes, each classic mistake fails
with a message that names the function and the mistake."""

import re

import numpy as np
import pytest

from course_utils.checks import Checker, CheckFailed
from course_utils.checks.initialization import (
    check_initialize_parameters_he,
    check_initialize_parameters_random,
    check_initialize_parameters_zeros,
    check_normalize_inputs,
)


def build(dims, weight, bias=lambda n: np.zeros((n, 1)), order=None):
    """parameters with W_l = weight(n_l, n_prev) and b_l = bias(n_l), layers visited in ``order``."""
    L = len(dims) - 1
    out = {}
    for l in order(L) if order else range(1, L + 1):
        out[f"W{l}"], out[f"b{l}"] = weight(dims[l], dims[l - 1]), bias(dims[l])
    return out


# ---- correct implementations, written the different ways students write them ----


def zeros_loop(dims):
    return build(dims, lambda n, p: np.zeros((n, p)))


def zeros_comprehension(dims):
    return {
        k: v
        for l in range(1, len(dims))
        for k, v in (("W%d" % l, np.zeros([dims[l], dims[l - 1]])), ("b%d" % l, np.zeros([dims[l], 1])))
    }


def random_standard_normal(dims, rng, scale=10.0):
    return build(dims, lambda n, p: rng.standard_normal((n, p)) * scale)


def random_normal_call(dims, rng, scale=10.0):
    return build(dims, lambda n, p: rng.normal(0.0, scale, size=(n, p)))


def random_reverse_order(dims, rng, scale=10.0):
    return build(dims, lambda n, p: scale * rng.standard_normal(size=(n, p)), order=lambda L: range(L, 0, -1))


def he_standard_normal(dims, rng):
    return build(dims, lambda n, p: rng.standard_normal((n, p)) * np.sqrt(2 / p))


def he_normal_call(dims, rng):
    return build(dims, lambda n, p: rng.normal(scale=np.sqrt(2.0 / p), size=(n, p)))


def he_transposed_draw(dims, rng):
    # draws (n_prev, n) and transposes: other numbers, same distribution
    return build(dims, lambda n, p: (rng.standard_normal((p, n)) / np.sqrt(p / 2)).T)


def he_float32(dims, rng):
    return build(dims, lambda n, p: rng.standard_normal((n, p), dtype=np.float32) * np.float32(np.sqrt(2 / p)))


@pytest.mark.parametrize("fn", [zeros_loop, zeros_comprehension])
def test_correct_zeros_pass(fn, capsys):
    check_initialize_parameters_zeros(fn)
    assert "✓ initialize_parameters_zeros: all" in capsys.readouterr().out


@pytest.mark.parametrize("fn", [random_standard_normal, random_normal_call, random_reverse_order])
@pytest.mark.parametrize("seed", [3, 12345])
def test_correct_random_pass(fn, seed, capsys):
    check_initialize_parameters_random(fn, seed=seed)
    assert "✓ initialize_parameters_random" in capsys.readouterr().out


@pytest.mark.parametrize("fn", [he_standard_normal, he_normal_call, he_transposed_draw, he_float32])
@pytest.mark.parametrize("seed", [3, 777, 2026])
def test_correct_he_pass(fn, seed):
    check_initialize_parameters_he(fn, seed=seed)


# ---- classic mistakes: each must fail, and the message must say which mistake it is ----


def zeros_transposed(dims):
    return build(dims, lambda n, p: np.zeros((p, n)))


def zeros_flat_bias(dims):
    return build(dims, lambda n, p: np.zeros((n, p)), bias=lambda n: np.zeros(n))


def zeros_skip_last_layer(dims):
    return {k: v for k, v in zeros_loop(dims).items() if not k.endswith(str(len(dims) - 1))}


def zeros_int(dims):
    return build(dims, lambda n, p: np.zeros((n, p), dtype=int))


def zeros_ones(dims):
    return build(dims, lambda n, p: np.ones((n, p)))


def not_written(*args, **kwargs):
    raise NotImplementedError("Not written yet")


def random_unscaled(dims, rng, scale=10.0):
    return build(dims, lambda n, p: rng.standard_normal((n, p)))


def random_hardcoded_10(dims, rng, scale=10.0):
    return build(dims, lambda n, p: rng.standard_normal((n, p)) * 10)


def random_uniform(dims, rng, scale=10.0):
    return build(dims, lambda n, p: rng.random((n, p)) * scale)


def random_global_numpy(dims, rng, scale=10.0):
    return build(dims, lambda n, p: np.random.randn(n, p) * scale)


def random_seeded_inside(dims, rng, scale=10.0):
    np.random.seed(3)  # what the classic notebook did
    return build(dims, lambda n, p: np.random.randn(n, p) * scale)


def random_random_bias(dims, rng, scale=10.0):
    return build(dims, lambda n, p: rng.standard_normal((n, p)) * scale, bias=lambda n: rng.standard_normal((n, 1)))


def random_one_row_repeated(dims, rng, scale=10.0):
    return build(dims, lambda n, p: np.tile(rng.standard_normal((1, p)) * scale, (n, 1)))


def he_one_draw_broadcast(dims, rng):
    return build(dims, lambda n, p: np.ones((n, p)) * rng.standard_normal(p) * np.sqrt(2 / p))


def he_xavier(dims, rng):
    return build(dims, lambda n, p: rng.standard_normal((n, p)) * np.sqrt(1 / p))


def he_fan_out(dims, rng):
    return build(dims, lambda n, p: rng.standard_normal((n, p)) * np.sqrt(2 / n))


def he_no_sqrt(dims, rng):
    return build(dims, lambda n, p: rng.standard_normal((n, p)) * 2 / p)


def he_times_10(dims, rng):
    return build(dims, lambda n, p: rng.standard_normal((n, p)) * 10 * np.sqrt(2 / p))


def he_glorot(dims, rng):
    return build(dims, lambda n, p: rng.standard_normal((n, p)) * np.sqrt(2 / (n + p)))


def he_ignores_rng(dims, rng):
    fixed = np.random.default_rng(0)
    return build(dims, lambda n, p: fixed.standard_normal((n, p)) * np.sqrt(2 / p))


MISTAKES = [
    (check_initialize_parameters_zeros, zeros_transposed, r"W1 has the wrong shape.*transposed"),
    (check_initialize_parameters_zeros, zeros_flat_bias, r"b1 has the wrong shape.*is a column"),
    (check_initialize_parameters_zeros, zeros_skip_last_layer, r"missing \['W2', 'b2'\].*range\(1, L \+ 1\)"),
    (check_initialize_parameters_zeros, zeros_int, r"dtype int"),
    (check_initialize_parameters_zeros, zeros_ones, r"W1 is not all zeros"),
    (check_initialize_parameters_zeros, not_written, r"not written yet.*NotImplementedError"),
    (check_initialize_parameters_random, random_unscaled, r"wrong spread.*the spread is 1: multiply .* by scale"),
    (check_initialize_parameters_random, random_hardcoded_10, r"wrong spread.*use the scale argument"),
    (check_initialize_parameters_random, random_uniform, r"not centred on zero.*rng\.random"),
    (check_initialize_parameters_random, random_global_numpy, r"global generator"),
    (check_initialize_parameters_random, random_seeded_inside, r"global generator"),
    (check_initialize_parameters_random, random_random_bias, r"b1 is not all zeros"),
    (check_initialize_parameters_random, not_written, r"not written yet"),
    (check_initialize_parameters_random, random_one_row_repeated, r"W1 repeats its values.*symmetry"),
    (check_initialize_parameters_he, he_one_draw_broadcast, r"W1 repeats its values.*one number per entry"),
    (check_initialize_parameters_he, he_xavier, r"wrong spread.*Xavier"),
    (check_initialize_parameters_he, he_fan_out, r"wrong spread.*PREVIOUS layer"),
    (check_initialize_parameters_he, he_no_sqrt, r"wrong spread.*square root"),
    (check_initialize_parameters_he, he_times_10, r"wrong spread.*10 x He"),
    (check_initialize_parameters_he, he_glorot, r"wrong spread.*Glorot"),
    (check_initialize_parameters_he, he_ignores_rng, r"ignores rng"),
]


@pytest.mark.parametrize("check, fn, message", MISTAKES, ids=[m[1].__name__ for m in MISTAKES])
def test_classic_mistake_is_named(check, fn, message):
    with pytest.raises(CheckFailed) as failure:
        check(fn)
    text = str(failure.value)
    assert text.startswith("✗ " + check.__name__.removeprefix("check_") + ":")
    assert re.search(message, text, re.S), text


def test_failure_renders_as_a_short_message_not_a_traceback():
    with pytest.raises(CheckFailed) as failure:
        check_initialize_parameters_he(he_xavier)
    rendered = failure.value._render_traceback_()
    assert 2 <= len(rendered) <= 5
    assert "Traceback" not in "\n".join(rendered)
    assert "\x1b[31m" in rendered[0]  # red in Jupyter


def test_student_bug_is_reported_with_the_call_that_failed():
    def broken(dims):
        return {"W1": np.zeros((dims[5], 1))}

    with pytest.raises(
        CheckFailed, match=r"raised IndexError when called as initialize_parameters_zeros\(\[3, 2, 1\]\)"
    ):
        check_initialize_parameters_zeros(broken)


def test_prints_and_warnings_of_a_correct_answer_go_to_stdout_not_stderr(capfd):
    import sys
    import warnings

    def noisy(dims):
        print("debug: building", dims, file=sys.stderr)
        warnings.warn("just a warning")
        return zeros_loop(dims)

    check_initialize_parameters_zeros(noisy)
    out, err = capfd.readouterr()
    assert err == ""
    assert "debug: building" in out and "just a warning" in out and "✓" in out


def test_expect_close_names_the_key_and_the_worst_entry():
    c = Checker("f")
    c.expect_close("dW1", np.array([[1.0, 2.0]]), np.array([[1.0, 2.0]]))
    with pytest.raises(
        CheckFailed, match=r"dW1 has wrong values \(first big difference at index \(0, 1\)\)"
    ) as failure:
        c.expect_close("dW1", np.array([[1.0, 2.5]]), np.array([[1.0, 2.0]]))
    assert (failure.value.expected, failure.value.got) == ("2", "2.5")


# ---- normalize_inputs: correct implementations, written the different ways students write them ----


def normalize_vectorized(X_train, X_test):
    mu = np.mean(X_train, axis=1, keepdims=True)
    sigma = np.std(X_train, axis=1, keepdims=True)
    return (X_train - mu) / sigma, (X_test - mu) / sigma


def normalize_lecture_formulas(X_train, X_test):
    # the lecture's two steps: subtract mu, then sigma^2 = (1/m) sum x^2 of the centred x
    m = X_train.shape[1]
    mu = np.sum(X_train, axis=1, keepdims=True) / m
    centred = X_train - mu
    sigma2 = np.sum(centred**2, axis=1, keepdims=True) / m
    return centred / np.sqrt(sigma2), (X_test - mu) / np.sqrt(sigma2)


def normalize_loop_over_features(X_train, X_test):
    train, test = np.empty_like(X_train, dtype=float), np.empty_like(X_test, dtype=float)
    for i in range(X_train.shape[0]):
        mu, sigma = X_train[i].mean(), X_train[i].std()
        train[i], test[i] = (X_train[i] - mu) / sigma, (X_test[i] - mu) / sigma
    return train, test


def normalize_copies_then_in_place(X_train, X_test):
    mu, var = X_train.mean(axis=1)[:, None], X_train.var(axis=1)[:, None]
    train, test = X_train.copy(), X_test.copy()
    train -= mu
    test -= mu
    train /= np.sqrt(var)
    test /= np.sqrt(var)
    return [train, test]


@pytest.mark.parametrize(
    "fn",
    [normalize_vectorized, normalize_lecture_formulas, normalize_loop_over_features, normalize_copies_then_in_place],
)
@pytest.mark.parametrize("seed, n", [(0, 3), (7, 5), (2026, 1)])
def test_correct_normalize_pass(fn, seed, n, capsys):
    check_normalize_inputs(fn, seed=seed, n=n)
    assert "✓ normalize_inputs: all" in capsys.readouterr().out


# ---- normalize_inputs: classic mistakes ----


def normalize_per_example(X_train, X_test):
    mu, sigma = X_train.mean(axis=0, keepdims=True), X_train.std(axis=0, keepdims=True)
    return (X_train - mu) / sigma, (X_test - mu) / sigma


def normalize_per_example_no_keepdims(X_train, X_test):
    mu, sigma = X_train.mean(axis=0), X_train.std(axis=0)
    return (X_train - mu) / sigma, (X_test - mu) / sigma


def normalize_each_example_itself(X_train, X_test):
    def own(X):
        return (X - X.mean(axis=0)) / X.std(axis=0)

    return own(X_train), own(X_test)


def normalize_without_keepdims(X_train, X_test):
    mu, sigma = X_train.mean(axis=1), X_train.std(axis=1)
    return (X_train - mu) / sigma, (X_test - mu) / sigma


def normalize_test_with_its_own(X_train, X_test):
    def own(X):
        return (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, keepdims=True)

    return own(X_train), own(X_test)


def normalize_test_own_sigma(X_train, X_test):
    mu = X_train.mean(axis=1, keepdims=True)
    return (X_train - mu) / X_train.std(axis=1, keepdims=True), (X_test - mu) / X_test.std(axis=1, keepdims=True)


def normalize_whole_matrix(X_train, X_test):
    mu, sigma = np.mean(X_train), np.std(X_train)
    return (X_train - mu) / sigma, (X_test - mu) / sigma


def normalize_by_variance(X_train, X_test):
    mu, var = X_train.mean(axis=1, keepdims=True), X_train.var(axis=1, keepdims=True)
    return (X_train - mu) / var, (X_test - mu) / var


def normalize_not_centred(X_train, X_test):
    sigma = X_train.std(axis=1, keepdims=True)
    return X_train / sigma, X_test / sigma


def normalize_only_centred(X_train, X_test):
    mu = X_train.mean(axis=1, keepdims=True)
    return X_train - mu, X_test - mu


def normalize_raw_mean_square(X_train, X_test):
    mu = X_train.mean(axis=1, keepdims=True)
    sigma2 = np.mean(X_train**2, axis=1, keepdims=True)  # the lecture's formula on the raw X
    return (X_train - mu) / np.sqrt(sigma2), (X_test - mu) / np.sqrt(sigma2)


def normalize_train_and_test_together(X_train, X_test):
    both = np.hstack([X_train, X_test])
    mu, sigma = both.mean(axis=1, keepdims=True), both.std(axis=1, keepdims=True)
    return (X_train - mu) / sigma, (X_test - mu) / sigma


def normalize_sample_std(X_train, X_test):
    mu, sigma = X_train.mean(axis=1, keepdims=True), X_train.std(axis=1, ddof=1, keepdims=True)
    return (X_train - mu) / sigma, (X_test - mu) / sigma


def normalize_in_place(X_train, X_test):
    mu, sigma = X_train.mean(axis=1, keepdims=True), X_train.std(axis=1, keepdims=True)
    X_train -= mu
    X_train /= sigma
    X_test -= mu
    X_test /= sigma
    return X_train, X_test


def normalize_swapped(X_train, X_test):
    return normalize_vectorized(X_train, X_test)[::-1]


def normalize_returns_statistics(X_train, X_test):
    mu, sigma = X_train.mean(axis=1, keepdims=True), X_train.std(axis=1, keepdims=True)
    return (X_train - mu) / sigma, (X_test - mu) / sigma, mu, sigma


def normalize_transposed(X_train, X_test):
    return tuple(X.T for X in normalize_vectorized(X_train, X_test))


NORMALIZE_MISTAKES = [
    (normalize_per_example, r"each EXAMPLE"),
    (normalize_per_example_no_keepdims, r"raised ValueError.*each EXAMPLE"),
    (normalize_each_example_itself, r"X_train_norm has wrong values.*each EXAMPLE"),
    (normalize_without_keepdims, r"raised ValueError.*keepdims"),
    (normalize_test_with_its_own, r"X_test_norm has wrong values.*statistics of its own"),
    (normalize_test_own_sigma, r"X_test_norm has wrong values.*statistics of its own"),
    (normalize_whole_matrix, r"X_train_norm has wrong values.*whole matrix"),
    (normalize_by_variance, r"X_train_norm has wrong values.*divides by the variance"),
    (normalize_not_centred, r"X_train_norm has wrong values.*mean is not subtracted"),
    (normalize_only_centred, r"X_train_norm has wrong values.*only the mean is subtracted"),
    (normalize_raw_mean_square, r"X_train_norm has wrong values.*once the mean is subtracted"),
    (normalize_train_and_test_together, r"X_train_norm has wrong values.*together"),
    (normalize_sample_std, r"X_train_norm has wrong values.*m - 1"),
    (normalize_in_place, r"changed its input.*X -= mu"),
    (normalize_swapped, r"wrong order"),
    (normalize_returns_statistics, r"does not return two arrays.*tuple of 4"),
    (normalize_transposed, r"wrong shape.*features x examples"),
    (not_written, r"not written yet"),
]


@pytest.mark.parametrize("fn, message", NORMALIZE_MISTAKES, ids=[m[0].__name__ for m in NORMALIZE_MISTAKES])
def test_normalize_mistake_is_named(fn, message):
    with pytest.raises(CheckFailed) as failure:
        check_normalize_inputs(fn)
    text = str(failure.value)
    assert text.startswith("✗ normalize_inputs:")
    assert re.search(message, text, re.S), text


def test_normalize_one_new_example_with_its_own_statistics_is_named():
    # a function that normalizes the second set by itself only when it has several examples passes
    # the first cases by luck of design; one example alone has sigma 0
    def own_when_alone(X_train, X_test):
        if X_test.shape[1] == 1:
            return normalize_vectorized(X_train, X_train)[0], (X_test - X_test.mean()) / X_test.std(
                axis=1, keepdims=True
            )
        return normalize_vectorized(X_train, X_test)

    with (
        np.errstate(divide="ignore", invalid="ignore"),
        pytest.raises(CheckFailed, match=r"(?s)inf or nan.*own standard deviation is 0"),
    ):
        check_normalize_inputs(own_when_alone)
