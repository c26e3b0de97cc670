"""The course datasets: small 2-D sets generated deterministically, and real data that
scikit-learn ships (loaded offline, never downloaded).

Layout everywhere: ``X`` has shape ``(n_features, m)`` (one column per example), float64;
``Y`` has shape ``(1, m)``, int64 labels.

The 2-D sets are committed as CSV files in ``datasets/`` (``datasets/generate.py`` writes them and
``checksums.json``); the student edition's package carries them inside, in ``course_utils/datasets/``.
``load_dataset`` reads those files, and regenerates the very same numbers in memory when neither
folder is there (a non-editable install on a grading worker).
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

Array = np.ndarray
# the files inside the package (the student edition's wheel), else the repository's datasets/
DATASETS_DIR = next(
    (
        folder
        for folder in (Path(__file__).resolve().parent / "datasets", Path(__file__).resolve().parents[1] / "datasets")
        if folder.is_dir()
    ),
    Path(__file__).resolve().parents[1] / "datasets",
)


@dataclass(frozen=True)
class Dataset:
    """A train/test split in units x examples layout."""

    name: str
    X_train: Array
    Y_train: Array
    X_test: Array
    Y_test: Array

    @property
    def n_features(self) -> int:
        return self.X_train.shape[0]

    @property
    def n_train(self) -> int:
        return self.X_train.shape[1]

    @property
    def n_test(self) -> int:
        return self.X_test.shape[1]


# ---- generators: (n_samples, rng, **kwargs) -> X (2, n), Y (1, n), shuffled ----


def _shuffled(X: Array, labels: Array, rng: np.random.Generator) -> tuple[Array, Array]:
    order = rng.permutation(X.shape[1])
    return X[:, order], labels[order].reshape(1, -1).astype(np.int64)


def _balanced_labels(n_samples: int) -> Array:
    return np.arange(n_samples) % 2


def make_circles(
    n_samples: int, rng: np.random.Generator, *, noise: float = 0.05, factor: float = 0.8
) -> tuple[Array, Array]:
    """Two concentric rings: class 0 on the outer circle (radius 1), class 1 on the inner (``factor``)."""
    labels = _balanced_labels(n_samples)
    angles = rng.uniform(0, 2 * np.pi, n_samples)
    radius = np.where(labels == 1, factor, 1.0)
    X = np.vstack([radius * np.cos(angles), radius * np.sin(angles)]) + noise * rng.standard_normal((2, n_samples))
    return _shuffled(X, labels, rng)


def make_moons(n_samples: int, rng: np.random.Generator, *, noise: float = 0.1) -> tuple[Array, Array]:
    """Two interleaved half circles."""
    labels = _balanced_labels(n_samples)
    t = rng.uniform(0, np.pi, n_samples)
    X = np.where(labels == 0, [np.cos(t), np.sin(t)], [1 - np.cos(t), 0.5 - np.sin(t)])
    return _shuffled(X + noise * rng.standard_normal((2, n_samples)), labels, rng)


def make_spirals(
    n_samples: int, rng: np.random.Generator, *, noise: float = 0.05, turns: float = 1.5
) -> tuple[Array, Array]:
    """Two spirals wound into each other, ``turns`` turns each, radius growing to 1."""
    labels = _balanced_labels(n_samples)
    r = rng.uniform(0.05, 1.0, n_samples)
    angle = 2 * np.pi * turns * r + np.pi * labels
    X = np.vstack([r * np.cos(angle), r * np.sin(angle)])
    return _shuffled(X + noise * rng.standard_normal((2, n_samples)), labels, rng)


def football_margin(X: Array) -> Array:
    """How far each point of the football field lies from the wavy boundary the labels follow
    (negative: our team's side, label 1), shape ``(m,)``."""
    return X[0] - (0.35 * np.sin(5.0 * X[1]) - 0.15)


def football_boundary_labels(X: Array) -> Array:
    """The labels the boundary itself gives, before any is flipped, shape ``(1, m)``: the best any
    classifier can do on this data, so its error is the Bayes error (the base error of the
    bias/variance analysis)."""
    return (football_margin(X) < 0).astype(np.int64).reshape(1, -1)


def make_football(
    n_samples: int, rng: np.random.Generator, *, band: float = 0.3, near_flip: float = 0.15, far_flip: float = 0.02
) -> tuple[Array, Array]:
    """Where the goalkeeper's kick landed on the field, and which team headed it (1: ours).

    The positions are uniform over the half-field; the label follows a wavy boundary. Within
    ``band`` of it a fraction ``near_flip`` of the points take the other team's label (a contested
    ball), and anywhere else a fraction ``far_flip`` (a lucky header deep in the other team's
    zone): enough noise that an unregularized network draws islands around it and overfits.
    """
    X = np.vstack([rng.uniform(-0.75, 0.45, n_samples), rng.uniform(-0.8, 0.8, n_samples)])
    margin = football_margin(X)
    labels = (margin < 0).astype(np.int64)
    chance = np.where(np.abs(margin) < band, near_flip, far_flip)
    flipped = rng.random(n_samples) < chance
    labels[flipped] = 1 - labels[flipped]
    return _shuffled(X, labels, rng)


# The 2-D generators that take a ``noise`` level, by name: the playground draws its data with them
# (``controls.CONTROLS["dataset"]`` lists their names).
GENERATORS: dict[str, Callable[..., tuple[Array, Array]]] = {
    "circles": make_circles,
    "moons": make_moons,
    "spirals": make_spirals,
}


@dataclass(frozen=True)
class DatasetSpec:
    """How a 2-D dataset is generated: one Generator per dataset, train drawn first, then test."""

    name: str
    generator: Callable[..., tuple[Array, Array]]
    n_train: int
    n_test: int
    seed: int
    description: str
    kwargs: dict = field(default_factory=dict)

    def generate(self) -> Dataset:
        rng = np.random.default_rng(self.seed)
        X_train, Y_train = self.generator(self.n_train, rng, **self.kwargs)
        X_test, Y_test = self.generator(self.n_test, rng, **self.kwargs)
        return Dataset(self.name, X_train, Y_train, X_test, Y_test)


DATASETS: dict[str, DatasetSpec] = {
    spec.name: spec
    for spec in (
        DatasetSpec(
            "circles",
            make_circles,
            300,
            100,
            1,
            "two concentric rings (Initialization)",
            {"noise": 0.05, "factor": 0.8},
        ),
        DatasetSpec("moons", make_moons, 300, 100, 2, "two interleaved half circles", {"noise": 0.1}),
        DatasetSpec("spirals", make_spirals, 400, 200, 3, "two interleaved spirals", {"noise": 0.05, "turns": 1.5}),
        DatasetSpec(
            "football", make_football, 250, 250, 4, "kick positions, which team headed the ball (Regularization)"
        ),
    )
}

SKLEARN_DATASETS = ("breast_cancer", "digits")


# ---- files: CSV with exact float round-trip, and their checksums ----


def to_csv(X: Array, Y: Array) -> bytes:
    """``x1,x2,...,y`` with floats written by ``repr`` (exact round trip), deterministic bytes."""
    out = io.StringIO()
    out.write(",".join([f"x{i + 1}" for i in range(X.shape[0])] + ["y"]) + "\n")
    for column, label in zip(X.T, Y.ravel()):
        out.write(",".join([repr(float(v)) for v in column] + [str(int(label))]) + "\n")
    return out.getvalue().encode()


def read_csv(path: Path) -> tuple[Array, Array]:
    """Inverse of ``to_csv``."""
    table = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    return np.ascontiguousarray(table[:, :-1].T), table[:, -1].astype(np.int64).reshape(1, -1)


def file_sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def write_datasets(folder: Path) -> dict[str, str]:
    """Write every 2-D dataset as ``<name>_train.csv`` / ``<name>_test.csv``; returns file -> sha256."""
    folder.mkdir(parents=True, exist_ok=True)
    checksums = {}
    for spec in DATASETS.values():
        data = spec.generate()
        for split, X, Y in (("train", data.X_train, data.Y_train), ("test", data.X_test, data.Y_test)):
            path = folder / f"{spec.name}_{split}.csv"
            path.write_bytes(to_csv(X, Y))
            checksums[path.name] = file_sha256(path)
    return checksums


# ---- loading ----


def load_dataset(name: str, folder: Path | None = None) -> Dataset:
    """Load a course dataset by name: one of ``DATASETS`` or ``SKLEARN_DATASETS``."""
    if name in SKLEARN_DATASETS:
        return _load_sklearn(name)
    if name not in DATASETS:
        raise ValueError(f"unknown dataset {name!r}; available: {', '.join(list(DATASETS) + list(SKLEARN_DATASETS))}")
    folder = DATASETS_DIR if folder is None else Path(folder)
    train, test = folder / f"{name}_train.csv", folder / f"{name}_test.csv"
    if not (train.exists() and test.exists()):
        return DATASETS[name].generate()
    return Dataset(name, *read_csv(train), *read_csv(test))


def split_indices(m: int, test_fraction: float = 0.2, seed: int = 0) -> tuple[Array, Array]:
    """Train and test example indices: one seeded permutation of ``range(m)``, its first
    ``round(test_fraction * m)`` entries the test set (the rule of every split in the course)."""
    order = np.random.default_rng(seed).permutation(m)
    n_test = int(round(test_fraction * m))
    return order[n_test:], order[:n_test]


def _load_sklearn(name: str, test_fraction: float = 0.2, seed: int = 0) -> Dataset:
    """A seeded train/test split of a dataset bundled with scikit-learn, features standardized
    with the training set's mean and std (the test set must not leak into them)."""
    from sklearn import datasets

    bunch = {"breast_cancer": datasets.load_breast_cancer, "digits": datasets.load_digits}[name]()
    X, y = bunch.data.astype(float), bunch.target.astype(np.int64)
    train, test = split_indices(len(y), test_fraction, seed)
    mean, std = X[train].mean(axis=0), X[train].std(axis=0)
    std[std == 0] = 1.0  # constant pixels in digits: leave them at 0 rather than divide by 0

    def scale(rows: np.ndarray) -> np.ndarray:
        return ((X[rows] - mean) / std).T

    return Dataset(name, scale(train), y[train].reshape(1, -1), scale(test), y[test].reshape(1, -1))


@dataclass(frozen=True)
class DigitImages:
    """scikit-learn's handwritten digits as images: ``images_*`` of shape ``(m, 8, 8)``, uint8 from
    0 (white) to 255 (black), as an image file stores them; ``labels_*`` of shape ``(m,)``, 0 to 9.
    Three sets: train, dev (to compare models and settings) and test (to judge the chosen one, once)."""

    images_train: Array
    labels_train: Array
    images_dev: Array
    labels_dev: Array
    images_test: Array
    labels_test: Array


def load_digit_images(test_fraction: float = 0.2, dev_fraction: float = 0.2, seed: int = 0) -> DigitImages:
    """The digits (1,797 images bundled with scikit-learn, no download), cut by one seeded permutation
    (``split_indices``): its first ``round(test_fraction * m)`` the test set, the same 359 images as
    ``load_dataset("digits")``'s; the next ``round(dev_fraction * m)`` the dev set; the rest training
    (with the defaults 1,079 train, 359 dev, 359 test). scikit-learn stores 17 grey levels, 0 to 16;
    they are rescaled to 0-255, the range of the 8-bit images a framework usually reads."""
    from sklearn import datasets

    bunch = datasets.load_digits()
    images = np.round(bunch.images * 255 / 16).astype(np.uint8)
    labels = bunch.target.astype(np.int64)
    rest, test = split_indices(len(labels), test_fraction, seed)
    n_dev = int(round(dev_fraction * len(labels)))
    dev, train = rest[:n_dev], rest[n_dev:]
    return DigitImages(images[train], labels[train], images[dev], labels[dev], images[test], labels[test])
