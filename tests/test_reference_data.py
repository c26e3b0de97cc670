"""The reference solutions reproduce the original course's public test cases.

Coursera's functions seeded NumPy's legacy global generator inside (np.random.seed(3)); ours take
an ``rng``. A legacy ``RandomState(3)`` has the same ``standard_normal`` stream as the seeded
global ``randn``, so passing one as ``rng`` must give the published numbers exactly.
"""

import json
from pathlib import Path

import nbformat
import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
CASES = json.loads((ROOT.parent / "shared" / "reference-data" / "coursera_c2_public_cases.json").read_text()) \
    if (ROOT.parent / "shared" / "reference-data" / "coursera_c2_public_cases.json").exists() else None


def reference_solutions(notebook: str) -> dict:
    """Run the setup cell (its IPython magics left out) and the solution cells of a source
    notebook (the solution markers are comments)."""
    namespace = {"np": np}
    nb = nbformat.read(next((ROOT / "notebooks").glob(f"*/{notebook}.ipynb")), as_version=4)
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") or meta.get("grade_id") == "setup":
            exec("\n".join(line for line in cell.source.splitlines() if not line.startswith("%")), namespace)
    return namespace


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
