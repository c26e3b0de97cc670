"""The course data: layout, determinism, committed files that match their generator, offline
real data, and the shape each dataset is meant to have."""

import json

import numpy as np
import pytest

from course_utils import data
from course_utils.data import (
    DATASETS,
    DATASETS_DIR,
    SKLEARN_DATASETS,
    file_sha256,
    load_dataset,
    load_digit_images,
    write_datasets,
)


@pytest.mark.parametrize("name", list(DATASETS) + list(SKLEARN_DATASETS))
def test_layout_is_units_by_examples(name):
    d = load_dataset(name)
    for X, Y in ((d.X_train, d.Y_train), (d.X_test, d.Y_test)):
        assert X.ndim == 2 and Y.shape == (1, X.shape[1])
        assert X.dtype == np.float64 and Y.dtype == np.int64
        assert np.all(np.isfinite(X))
    assert d.n_features == d.X_test.shape[0]
    if name in DATASETS:
        assert (d.n_train, d.n_test) == (DATASETS[name].n_train, DATASETS[name].n_test)


@pytest.mark.parametrize("name", ["circles", "moons", "spirals"])
def test_toy_sets_are_balanced_and_interleaved(name):
    d = load_dataset(name)
    assert abs(d.Y_train.mean() - 0.5) <= 0.01
    # shuffled: the labels are not in two blocks
    assert np.count_nonzero(np.diff(d.Y_train.ravel())) > d.n_train / 4


def test_committed_files_match_their_checksums_and_the_generator(tmp_path):
    recorded = json.loads((DATASETS_DIR / "checksums.json").read_text())
    assert set(recorded) == {f"{n}_{s}.csv" for n in DATASETS for s in ("train", "test")}
    for name, digest in recorded.items():
        assert file_sha256(DATASETS_DIR / name) == digest, f"{name} was edited by hand"
    assert write_datasets(tmp_path) == recorded, "the generator no longer gives the committed data"


def test_generation_is_deterministic_and_seeded():
    spec = DATASETS["circles"]
    a, b = spec.generate(), spec.generate()
    assert np.array_equal(a.X_train, b.X_train) and np.array_equal(a.Y_test, b.Y_test)
    X1, _ = data.make_circles(50, np.random.default_rng(1))
    X2, _ = data.make_circles(50, np.random.default_rng(2))
    assert not np.array_equal(X1, X2)


def test_files_and_in_memory_fallback_are_identical(tmp_path):
    for name in DATASETS:
        from_files = load_dataset(name)
        regenerated = load_dataset(name, folder=tmp_path / "missing")
        for field in ("X_train", "Y_train", "X_test", "Y_test"):
            assert np.array_equal(getattr(from_files, field), getattr(regenerated, field)), (name, field)


def test_unknown_name_lists_the_choices():
    with pytest.raises(ValueError, match=r"unknown dataset 'cirlces'.*circles.*breast_cancer"):
        load_dataset("cirlces")


@pytest.mark.parametrize("name, n_features, classes", [("breast_cancer", 30, 2), ("digits", 64, 10)])
def test_sklearn_sets_load_offline_standardized_on_train(name, n_features, classes):
    d = load_dataset(name)
    assert d.n_features == n_features
    assert set(np.unique(d.Y_train)) == set(range(classes))
    assert d.n_test == pytest.approx(0.2 * (d.n_train + d.n_test), abs=1)
    varying = d.X_train.std(axis=1) > 0
    assert np.allclose(d.X_train.mean(axis=1), 0, atol=1e-9)
    assert np.allclose(d.X_train.std(axis=1)[varying], 1)
    assert not np.allclose(d.X_test.mean(axis=1), 0, atol=1e-9)  # the test set did not take part


def test_circles_are_separated_by_radius():
    d = load_dataset("circles")
    radius = np.hypot(*d.X_train)
    threshold = 0.9  # the rings have radius 1 (class 0) and 0.8 (class 1)
    assert np.mean((radius < threshold) == (d.Y_train.ravel() == 1)) >= 0.95


def test_football_is_not_linearly_separable():
    d = load_dataset("football")
    A = np.vstack([d.X_train, np.ones(d.n_train)]).T
    w, *_ = np.linalg.lstsq(A, 2.0 * d.Y_train.ravel() - 1, rcond=None)
    linear_accuracy = np.mean((A @ w > 0) == (d.Y_train.ravel() == 1))
    assert 0.6 < linear_accuracy < 0.9


def test_football_boundary_labels_are_the_labels_before_the_noise():
    from course_utils.data import football_boundary_labels, football_margin

    data = load_dataset("football")
    for X, Y in ((data.X_train, data.Y_train), (data.X_test, data.Y_test)):
        truth = football_boundary_labels(X)
        assert truth.shape == Y.shape and set(np.unique(truth)) <= {0, 1}
        far = np.abs(football_margin(X)) >= 0.3  # near the boundary 15% of the labels flipped, elsewhere 2%
        assert np.mean(truth[:, far] != Y[:, far]) < 0.05 < np.mean(truth[:, ~far] != Y[:, ~far]) < 0.3
        assert 0.05 < np.mean(truth != Y) < 0.2, "the base (Bayes) error: about one label in ten"


def test_digit_images_split_into_train_dev_and_test_once():
    """One seeded permutation (split_indices): its first 20% the test set, the images of load_dataset("digits")'s
    test set; the next 20% the dev set; the rest training. Every image in exactly one set."""
    from sklearn import datasets

    images = np.round(datasets.load_digits().images * 255 / 16).astype(np.uint8)
    rest, test = data.split_indices(1797, 0.2, 0)
    d = load_digit_images()
    assert (len(d.labels_train), len(d.labels_dev), len(d.labels_test)) == (1079, 359, 359)
    np.testing.assert_array_equal(d.images_test, images[test])
    np.testing.assert_array_equal(d.images_dev, images[rest[:359]])
    np.testing.assert_array_equal(d.images_train, images[rest[359:]])
    np.testing.assert_array_equal(d.labels_test, load_dataset("digits").Y_test.ravel())
    assert len(load_digit_images(dev_fraction=0).labels_train) == 1438
