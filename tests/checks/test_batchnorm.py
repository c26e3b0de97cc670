"""The batch-norm checks (course_utils.checks.tuning_batchnorm, part 2): every correct implementation passes (another cache, the step-by-step or
the compact backward pass, running statistics updated in place or replaced), and each classic
mistake fails with the message that names it."""

from __future__ import annotations

import numpy as np
import pytest

from course_utils.checks import tuning_batchnorm as b
from course_utils.checks.core import CheckFailed
from tests.support.grading_helpers import sample_function


def forward_with(axis=1, ddof=0, inside=True, swapped=False, store=True, test_batch=False, running_std=False):
    def batchnorm_forward(Z, gamma, beta, bn_params):
        eps, momentum = bn_params["epsilon"], bn_params["momentum"]
        if bn_params["mode"] == "train" or test_batch:
            mu = Z.mean(axis=axis, keepdims=True)
            var = Z.var(axis=axis, keepdims=True, ddof=ddof)
            std = np.sqrt(var + eps) if inside else np.sqrt(var) + eps
            Z_norm = (Z - mu) / std
            if bn_params["mode"] == "train" and store:
                new = (momentum, 1 - momentum) if not swapped else (1 - momentum, momentum)
                bn_params["running_mean"] = new[0] * bn_params["running_mean"] + new[1] * mu
                bn_params["running_var"] = new[0] * bn_params["running_var"] + new[1] * (
                    np.sqrt(var) if running_std else var
                )
        else:
            std = np.sqrt(bn_params["running_var"] + eps)
            Z_norm = (Z - bn_params["running_mean"]) / std
        return gamma * Z_norm + beta, (Z_norm, gamma, std)

    return batchnorm_forward


# Running statistics updated in place, a dictionary as the cache, the backward pass walked node by
# node (CS231n's first version): the unusual but correct answers of a sample submission.
forward_in_place = sample_function("tuning_batchnorm", "correct_unusual", "batchnorm_forward", {"np": np})
backward_step_by_step = sample_function("tuning_batchnorm", "correct_unusual", "batchnorm_backward", {"np": np})


def backward_compact(dout, cache):
    Z_norm, gamma, std = cache
    m = dout.shape[1]
    dZ_norm = dout * gamma
    dZ = (m * dZ_norm - dZ_norm.sum(axis=1, keepdims=True) - Z_norm * (dZ_norm * Z_norm).sum(axis=1, keepdims=True)) / (
        m * std
    )
    return dZ, np.sum(dout * Z_norm, axis=1, keepdims=True), np.sum(dout, axis=1, keepdims=True)


def backward_with(term=None, axis=1, keepdims=True):
    def batchnorm_backward(dout, cache):
        Z_norm, gamma, std = cache
        m = dout.shape[1]
        dZ_norm = dout * gamma
        first = dZ_norm.sum(axis=1, keepdims=True) if term != "mean" else 0
        second = Z_norm * (dZ_norm * Z_norm).sum(axis=1, keepdims=True) if term != "var" else 0
        dZ = dZ_norm / std if term == "both" else (m * dZ_norm - first - second) / (m * std)
        return dZ, np.sum(dout * Z_norm, axis=axis, keepdims=keepdims), np.sum(dout, axis=axis, keepdims=keepdims)

    return batchnorm_backward


def test_correct_forward_passes_pass(capsys):
    for forward in (forward_with(), forward_in_place):
        b.check_batchnorm_forward(forward)
    assert capsys.readouterr().out.count("✓ batchnorm_forward") == 2


def test_correct_backward_passes_pass(capsys):
    b.check_batchnorm_backward(backward_compact, forward_with())
    b.check_batchnorm_backward(backward_step_by_step, forward_in_place)
    assert capsys.readouterr().out.count("✓ batchnorm_backward") == 2


def test_a_correct_backward_keeps_its_points_when_the_forward_slips(capsys):
    """Judged as the derivative of the stated forward pass or of the student's own."""
    b.check_batchnorm_backward(backward_compact, forward_with(swapped=True))  # a running-average slip: out is right
    b.check_batchnorm_backward(backward_compact, forward_with(inside=False))  # out itself is off
    assert capsys.readouterr().out.count("✓ batchnorm_backward") == 2


MISTAKES = [
    (forward_with(axis=0), b.AXIS),
    (forward_with(inside=False), b.EPS_OUTSIDE),
    (forward_with(ddof=1), b.UNBIASED),
    (forward_with(swapped=True), b.MOMENTUM_SWAPPED),
    (forward_with(store=False), b.NOT_STORED),
    (forward_with(test_batch=True), b.TEST_BATCH),
    (forward_with(running_std=True), b.STD_NOT_VAR),
]


@pytest.mark.parametrize("forward, hint", MISTAKES, ids=[h.split(":")[0][:40] for _, h in MISTAKES])
def test_forward_mistakes_are_named(forward, hint):
    with pytest.raises(CheckFailed) as failure:
        b.check_batchnorm_forward(forward)
    assert hint in str(failure.value) and "batchnorm_forward" in str(failure.value), str(failure.value)


BACKWARD_MISTAKES = [
    (backward_with(term="mean"), b.DZ_TERM),
    (backward_with(term="var"), b.DZ_TERM),
    (backward_with(term="both"), b.DZ_PLAIN),
    (backward_with(axis=0), b.DGAMMA_AXIS),
    (backward_with(keepdims=False), b.DGAMMA_KEEPDIMS),
]


@pytest.mark.parametrize(
    "backward, hint", BACKWARD_MISTAKES, ids=["no mean term", "no variance term", "plain", "axis 0", "no keepdims"]
)
def test_backward_mistakes_are_named(backward, hint):
    with pytest.raises(CheckFailed) as failure:
        b.check_batchnorm_backward(backward, forward_with())
    assert hint in str(failure.value) and "batchnorm_backward" in str(failure.value), str(failure.value)


def test_reference_gradients_are_the_derivative_of_the_stated_forward_pass():
    rng = np.random.default_rng(7)
    Z, gamma, beta = b._inputs(3, 5, rng)
    dout = rng.normal(size=(3, 5))
    numerical = b._numerical_gradients(forward_with(), Z, gamma, beta, dout, b.bn_params(3))
    for analytic, measured in zip(b.reference_gradients(Z, gamma, dout, b.EPSILON), numerical):
        np.testing.assert_allclose(analytic, measured, rtol=1e-5, atol=1e-7)


def test_a_backward_pass_on_a_wrong_forward_pass_says_to_fix_the_forward_pass_first():
    with pytest.raises(CheckFailed) as failure:
        b.check_batchnorm_backward(backward_compact, forward_with(axis=0))
    assert b.FORWARD_FIRST in str(failure.value)


def test_the_running_average_is_keras_momentum_not_pytorch():
    """What the notebook says of ``bn_params["momentum"]``: the weight of the old running value,
    running = momentum * running + (1 - momentum) * batch, as Keras's BatchNormalization(momentum=0.99)
    by default; the check names the other direction (PyTorch's, whose momentum weighs the new batch)."""
    tf = pytest.importorskip("tensorflow")
    layer = tf.keras.layers.BatchNormalization()
    assert layer.momentum == 0.99
    rng = np.random.default_rng(5)
    Z = rng.normal(3.0, 2.0, (4, 6))  # units x examples, the course's layout; Keras wants examples x units
    layer(tf.constant(Z.T, dtype=tf.float64), training=True)
    params = b.bn_params(4, momentum=0.99)
    before = params["running_mean"].copy()
    forward_with()(Z, np.ones((4, 1)), np.zeros((4, 1)), params)
    np.testing.assert_allclose(layer.moving_mean.numpy().reshape(4, 1), params["running_mean"], rtol=1e-5)
    assert np.allclose(params["running_mean"], 0.99 * before + 0.01 * Z.mean(axis=1, keepdims=True))
    with pytest.raises(CheckFailed, match="momentum multiplies the old running value"):
        b.check_batchnorm_forward(forward_with(swapped=True))  # PyTorch's direction, read with Keras's name
