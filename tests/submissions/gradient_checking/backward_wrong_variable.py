"""The warm-up's backward returns theta (the derivative with respect to the wrong variable): loses
the backward_propagation points only. gradient_check is judged with the student's own backward,
so the right gradient_check keeps its points (in the kernel and outside it)."""

EXPECTED = {"test_backward_propagation": 0}
FEEDBACK_MUST_CONTAIN = ["backward_propagation", "with respect to theta is x"]


def backward_propagation(x, theta):
    return theta
