"""The reference solutions reproduce the original course's public test cases.

Coursera's functions seeded NumPy's legacy global generator inside (np.random.seed(3)); ours take
an ``rng``. A legacy ``RandomState(3)`` has the same ``standard_normal`` stream as the seeded
global ``randn``, so passing one as ``rng`` must give the published numbers exactly.
"""

import json

import numpy as np
import pytest

from tests.support.reference import ROOT, given_functions, reference_solutions

CASES = json.loads((ROOT.parent / "shared" / "reference-data" / "coursera_c2_public_cases.json").read_text()) \
    if (ROOT.parent / "shared" / "reference-data" / "coursera_c2_public_cases.json").exists() else None


def decode(value):
    if isinstance(value, dict) and "nd" in value:
        return np.array(value["nd"], dtype=value["dtype"])
    if isinstance(value, dict) and set(value) == {"tuple"}:
        return tuple(decode(v) for v in value["tuple"])
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        return {k: decode(v) for k, v in value.items()}
    return value


def cases_for(notebook: str):
    if CASES is None:
        return []
    return [pytest.param(t, id=t["fn"]) for t in CASES["tests"] if t["notebook"] == notebook]


@pytest.mark.skipif(CASES is None, reason="shared/reference-data is not beside this checkout")
@pytest.mark.parametrize("test", cases_for("Initialization"))
def test_initialization_reproduces_the_public_cases(test):
    fn = reference_solutions("Initialization")[test["fn"]]
    for case in test["cases"]:
        args = list(case["args"])
        if test["kind"] == "seeded":
            args.append(np.random.RandomState(3))  # the stream of Coursera's np.random.seed(3)
        got = fn(*args)
        expected = decode(case["expected"])
        assert sorted(got) == sorted(expected)
        for key, value in expected.items():
            np.testing.assert_allclose(got[key], value, rtol=1e-7, atol=1e-8, err_msg=f"{test['fn']}: {key}")


# ---- Regularization: Coursera's 3-layer cache tuples become this course's per-layer caches ----

def layer_caches(X, flat, dropout: bool) -> list:
    """Coursera's ``(Z1, [D1,] A1, W1, b1, Z2, [D2,] A2, W2, b2, Z3, A3, W3, b3)`` as
    ``[((X, W1, b1), Z1[, D1]), ((A1, W2, b2), Z2[, D2]), (A2, W3, b3)]``."""
    step = 5 if dropout else 4
    hidden = [flat[i:i + step] for i in (0, step)]
    caches, A_prev = [], X
    for layer in hidden:
        Z, *D, A, W, b = layer
        caches.append(((A_prev, W, b), Z, *D))
        A_prev = A
    Z3, A3, W3, b3 = flat[2 * step:]
    return caches + [(A_prev, W3, b3)]


def check_grads(got: dict, expected: dict, fn: str) -> None:
    for key in (k for k in expected if k[:2] in ("dW", "db")):
        # the cached arrays are rounded to 8 digits, so the gradients agree to about that
        np.testing.assert_allclose(got[key], expected[key], rtol=1e-6, atol=1e-7, err_msg=f"{fn}: {key}")


REGULARIZATION = {t["fn"]: t for t in (CASES or {"tests": []})["tests"] if t["notebook"] == "Regularization"}


@pytest.mark.skipif(CASES is None, reason="shared/reference-data is not beside this checkout")
def test_l2_cost_reproduces_the_public_case():
    fn = reference_solutions("Regularization")["compute_cost_with_regularization"]
    [case] = REGULARIZATION["compute_cost_with_regularization"]["cases"]
    A3, Y, parameters, lambd = decode(case["args"])
    ZL = np.log(A3 / (1 - A3))  # the course's cost takes logits
    assert fn(ZL, Y, parameters, lambd) == pytest.approx(case["expected"], rel=1e-7)


@pytest.mark.skipif(CASES is None, reason="shared/reference-data is not beside this checkout")
@pytest.mark.parametrize("name, dropout", [("backward_propagation_with_regularization", False),
                                           ("backward_propagation_with_dropout", True)])
def test_backward_passes_reproduce_the_public_cases(name, dropout):
    fn = reference_solutions("Regularization")[name]
    for case in REGULARIZATION[name]["cases"]:
        X, Y, flat, setting = decode(case["args"])
        check_grads(fn(X, Y, layer_caches(X, flat, dropout), setting), decode(case["expected"]), name)


@pytest.mark.skipif(CASES is None, reason="shared/reference-data is not beside this checkout")
def test_dropout_forward_reproduces_the_public_case():
    """Coursera drew each mask with ``np.random.rand(*A.shape) < keep_prob`` after
    ``np.random.seed(1)``: a ``RandomState(1)`` passed as ``rng`` gives the same masks."""
    fn = reference_solutions("Regularization")["forward_propagation_with_dropout"]
    [case] = REGULARIZATION["forward_propagation_with_dropout"]["cases"]
    X, parameters, keep_prob = decode(case["args"])
    A3, flat = decode(case["expected"])
    ZL, caches = fn(X, parameters, keep_prob, np.random.RandomState(1))
    np.testing.assert_allclose(1 / (1 + np.exp(-ZL)), A3, rtol=1e-6)
    for got, expected in zip(caches, layer_caches(X, flat, dropout=True)):
        if len(expected) == 3 and isinstance(expected[0], tuple):  # a hidden layer: linear cache, Z, D
            np.testing.assert_array_equal(np.asarray(got[2], dtype=bool), expected[2])
            np.testing.assert_allclose(got[1], expected[1], rtol=1e-6, atol=1e-7)
            got, expected = got[0], expected[0]
        for a, b in zip(got, expected):
            np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-7)
    ZL_plain, _ = fn(X, parameters, 1.0, np.random.RandomState(1))
    np.testing.assert_allclose(1 / (1 + np.exp(-ZL_plain)), decode(case["A3_keep_prob_1"]), rtol=1e-6)


# ---- Gradient checking: the warm-up, and gradient_check_n through the network and its planted bugs ----

GRADIENT_CHECKING = {t["fn"]: t for t in (CASES or {"tests": []})["tests"] if t["notebook"] == "Gradient_Checking"}


@pytest.mark.skipif(CASES is None, reason="shared/reference-data is not beside this checkout")
@pytest.mark.parametrize("name", ["forward_propagation", "backward_propagation", "gradient_check"])
def test_gradient_checking_warm_up_reproduces_the_public_cases(name):
    fn = reference_solutions("Gradient_Checking")[name]
    for case in GRADIENT_CHECKING[name]["cases"]:
        assert fn(*case["args"]) == pytest.approx(case["expected"], rel=1e-6)


@pytest.mark.skipif(CASES is None, reason="shared/reference-data is not beside this checkout")
def test_gradient_check_n_reproduces_the_public_cases():
    """The case's gradients are Coursera's backward pass with its planted bugs (dW2 * 2, db1 with
    4 / m), then without them: the notebook's shipped backward_propagation_n and its fixed version
    give the same gradients on the case's network, and gradient_check_n the same difference for the
    buggy ones. With the bugs fixed Coursera printed 1.19e-7, rounding of a cost computed as
    log(sigmoid(Z)); the course's cost (from the logits, stable) leaves ~1e-9: below 2e-7 either way."""
    namespace = given_functions("Gradient_Checking", {"backward_propagation_n", "backward_propagation_n_fixed"})
    buggy_case, fixed_case = GRADIENT_CHECKING["gradient_check_n"]["cases"]
    for case, backward in ((buggy_case, "backward_propagation_n"), (fixed_case, "backward_propagation_n_fixed")):
        parameters, gradients, X, Y, epsilon = decode(case["args"])
        _, caches = namespace["model_forward"](X, parameters)
        ours = namespace[backward](X, Y, caches)
        for key, value in gradients.items():
            np.testing.assert_allclose(ours[key], value, rtol=1e-7, atol=1e-10, err_msg=f"{backward}: {key}")
        difference, gradapprox = namespace["gradient_check_n"](parameters, gradients, X, Y, epsilon)
        assert gradapprox.shape == (47, 1)
        if case is buggy_case:
            assert difference == pytest.approx(case["expected"], rel=1e-6)
        else:
            assert difference < 2e-7 and case["expected"] < 2e-7


# ---- Optimization: the updates, the mini-batches (Coursera's np.random.seed(0) is RandomState(0)), the decays ----

OPTIMIZATION = {t["fn"]: t for t in (CASES or {"tests": []})["tests"] if t["notebook"] == "Optimization_methods"}


def assert_dicts_close(got: dict, expected: dict, what: str, rtol: float = 1e-6) -> None:
    assert sorted(got) == sorted(expected), f"{what}: keys"
    for key, value in expected.items():
        np.testing.assert_allclose(got[key], value, rtol=rtol, atol=1e-8, err_msg=f"{what}: {key}")


def copied_args(args):
    return [({k: v.copy() for k, v in a.items()} if isinstance(a, dict) else a) for a in args]


@pytest.mark.skipif(CASES is None, reason="shared/reference-data is not beside this checkout")
@pytest.mark.parametrize("name", ["update_parameters_with_gd", "initialize_velocity", "initialize_adam", "update_parameters_with_momentum"])
def test_optimization_updates_reproduce_the_public_cases(name):
    fn = reference_solutions("Optimization")[name]
    for case in OPTIMIZATION[name]["cases"]:
        got, expected = fn(*copied_args(decode(case["args"]))), decode(case["expected"])
        if isinstance(expected, tuple):
            assert isinstance(got, tuple) and len(got) == len(expected)
            for number, (g, e) in enumerate(zip(got, expected)):
                assert_dicts_close(g, e, f"{name}[{number}]")
        else:
            assert_dicts_close(got, expected, name)


@pytest.mark.skipif(CASES is None, reason="shared/reference-data is not beside this checkout")
def test_adam_reproduces_the_public_case():
    fn = reference_solutions("Optimization")["update_parameters_with_adam"]
    [case] = OPTIMIZATION["update_parameters_with_adam"]["cases"]
    parameters, v, s, *_ = fn(*copied_args(decode(case["args"])))
    assert_dicts_close(parameters, decode(case["expected_parameters_full"]), "parameters")
    for name, got in (("parameters", parameters), ("v", v), ("s", s)):
        row0 = decode(case["expected_row0"][name]) if name in case["expected_row0"] else {}
        for key, value in row0.items():
            np.testing.assert_allclose(got[key][0], value, rtol=1e-6, atol=1e-8, err_msg=f"{name}: {key}")


@pytest.mark.skipif(CASES is None, reason="shared/reference-data is not beside this checkout")
def test_mini_batches_reproduce_the_public_cases():
    """Coursera shuffled with np.random.seed(0); np.random.permutation: a RandomState(0) passed as rng
    gives the same batches. The second case states only the sizes (m = 148, size 64)."""
    fn = reference_solutions("Optimization")["random_mini_batches"]
    exact, sizes_only = OPTIMIZATION["random_mini_batches"]["cases"]
    X, Y, size = decode(exact["args"])
    got = fn(X, Y, size, np.random.RandomState(0))
    expected = decode(exact["expected"])
    assert len(got) == len(expected)
    for (X_b, Y_b), (X_e, Y_e) in zip(got, expected):
        np.testing.assert_allclose(X_b, X_e, rtol=1e-7)
        np.testing.assert_array_equal(np.asarray(Y_b, dtype=bool), np.asarray(Y_e, dtype=bool))
    spec = sizes_only["args_spec"]
    X = np.arange(spec["nx"] * spec["m"]).reshape(spec["m"], spec["nx"]).T
    Y = (np.arange(spec["m"]) % 2).reshape(1, -1)
    batches = fn(X, Y, spec["mini_batch_size"], np.random.default_rng(0))
    assert [b[0].shape[1] for b in batches] == sizes_only["expected_sizes"]
    for X_b, Y_b in batches:  # still paired
        np.testing.assert_array_equal(Y_b[0], (X_b[0] // spec["nx"]) % 2)


@pytest.mark.skipif(CASES is None, reason="shared/reference-data is not beside this checkout")
@pytest.mark.parametrize("name", ["update_lr", "schedule_lr_decay"])
def test_decays_reproduce_the_public_cases(name):
    fn = reference_solutions("Optimization")[name]
    for case in OPTIMIZATION[name]["cases"]:
        assert fn(*case["args"]) == pytest.approx(case["expected"], rel=1e-9, abs=1e-9)  # some are printed to 9 decimals


# ---- TensorFlow introduction: the functions whose signatures match the original's ----

TENSORFLOW = {t["fn"]: t for t in (CASES or {"tests": []})["tests"] if t["notebook"] == "Tensorflow_introduction"}


@pytest.mark.skipif(CASES is None, reason="shared/reference-data is not beside this checkout")
def test_tensorflow_loss_and_one_hot_reproduce_the_public_cases():
    """compute_total_loss(logits, labels) takes the same (classes, m) layout and sums over the examples,
    as the original; one_hot_matrix takes a vector of labels here, a single label there: a label
    alone, or in a list of one, gives the original's column."""
    nb = reference_solutions("TensorFlow_Introduction")
    for case in TENSORFLOW["compute_total_loss"]["cases"]:
        logits, labels = decode(case["args"])
        assert float(nb["compute_total_loss"](logits, labels)) == pytest.approx(case["expected"], abs=case.get("atol", 1e-6))
    for case in TENSORFLOW["one_hot_matrix"]["cases"]:
        label, depth = case["args"]
        got = np.asarray(nb["one_hot_matrix"](np.asarray(label), depth)).ravel()
        np.testing.assert_array_equal(got, case["expected"])
        assert got.dtype == np.float32


@pytest.mark.skipif(CASES is None, reason="shared/reference-data is not beside this checkout")
def test_tensorflow_normalize_and_initialization_reproduce_the_public_properties():
    """The original normalized one 64 x 64 x 3 image to a vector of 12,288 float32 values (/255, flattened
    in memory order); normalize takes a batch, so one image gives one column of the same values. Its
    initialize_parameters test asks shapes, a mean within 0.5 and a spread in (0, 1) for [12288, 25, 12, 6]."""
    nb = reference_solutions("TensorFlow_Introduction")
    [case] = TENSORFLOW["normalize"]["cases"]
    image = np.zeros((1, *case["image_shape"]), dtype=np.uint8)
    image[0, 0, 0], image[0, -1, -1] = case["first_pixel"], case["last_pixel"]
    X = np.asarray(nb["normalize"](image))
    assert X.shape == (case["expected_len"], 1) and X.dtype == np.float32
    np.testing.assert_allclose(X[:3, 0], case["expected_first"], rtol=1e-6)
    np.testing.assert_allclose(X[-3:, 0], case["expected_last"], rtol=1e-6)
    [case] = TENSORFLOW["initialize_parameters"]["cases"]
    parameters = nb["initialize_parameters"](case["layer_dims"], 1)
    for key, shape in decode(case["expected_shapes"]).items():
        value = np.asarray(parameters[key])
        assert value.shape == tuple(shape)
        if key.startswith("W"):
            assert abs(value.mean()) < case["max_abs_mean"] and case["std_open_interval"][0] < value.std() < case["std_open_interval"][1]


@pytest.mark.skipif(CASES is None, reason="shared/reference-data is not beside this checkout")
def test_tensorflow_warm_ups_reproduce_the_public_cases():
    """The original's linear_function() drew X (3, 1), W (4, 3), b (4, 1) with np.random.randn after
    np.random.seed(1) and kept them float64; ours takes the generator as rng and makes float32 constants: a
    RandomState(1) gives the same draws, and Y to float32's precision. sigmoid(z) casts to float32 in both."""
    nb = reference_solutions("TensorFlow_Introduction")
    [case] = TENSORFLOW["linear_function"]["cases"]
    Y = nb["linear_function"](np.random.RandomState(1))
    assert Y.dtype == nb["tf"].float32
    np.testing.assert_allclose(np.asarray(Y), case["expected"], rtol=1e-6)
    for case in TENSORFLOW["sigmoid"]["cases"]:
        [z] = case["args"]
        a = nb["sigmoid"](z)
        assert a.dtype.name == case["dtype"]
        assert float(a) == pytest.approx(case["expected"], rel=1e-7)
