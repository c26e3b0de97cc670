"""TensorFlow in the process that grading calls the student's functions in: it imports and trains
inside the sandbox under the grading kernel's address-space limit, GRADING_THREADS reaches its thread
pools, and tensors come back as plain arrays. (The grading kernel gets the same environment, the
same sandbox and the same limit: tests/grading/test_sample_submissions.py grades the TensorFlow notebook's samples.)"""

from __future__ import annotations

import numpy as np

from autograder import settings
from autograder.course import THREAD_LIMITS
from autograder.isolation import StudentProcess

MEMORY_MB = settings.default("GRADING_MEMORY_MB")  # the limit grading sets unless told otherwise

STEP = """
def step(x):
    import os, resource
    v = tf.Variable(x)
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(v * v)
    gradient = tape.gradient(y, v)
    tf.matmul(tf.ones((512, 512)), tf.ones((512, 512)))  # the thread pools start with the first kernels
    return gradient, len(os.listdir("/proc/self/task")), resource.getrlimit(resource.RLIMIT_AS)[0] // 2**20, \\
        {name: os.environ.get(name) for name in ("TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS")}
"""


def run_step(monkeypatch, threads: str) -> tuple:
    for name in THREAD_LIMITS:  # what the grader sets for its nbgrader commands, from GRADING_THREADS
        monkeypatch.setenv(name, threads)
    student = StudentProcess("from course_utils.tensorflow_tools import tf", [STEP], memory_mb=MEMORY_MB)
    try:
        return student.function("step")(np.arange(3, dtype=np.float32))
    finally:
        student.close()


def test_tensorflow_trains_in_the_sandbox_within_the_memory_limit_and_takes_its_thread_count(monkeypatch):
    gradient, one_thread, limit_mb, env = run_step(monkeypatch, "1")
    assert isinstance(gradient, np.ndarray) and gradient.dtype == np.float32  # a tensor comes back as an array
    np.testing.assert_array_equal(gradient, [0.0, 2.0, 4.0])
    assert limit_mb == MEMORY_MB
    assert env == {"TF_NUM_INTRAOP_THREADS": "1", "TF_NUM_INTEROP_THREADS": "1"}
    *_, three_threads, _, _ = run_step(monkeypatch, "3")
    # intra- and inter-op pools of 3 threads each instead of 1: four threads more
    assert three_threads - one_thread >= 4, (one_thread, three_threads)
