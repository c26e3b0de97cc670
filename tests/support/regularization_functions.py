"""The Regularization notebook's reference solutions as a module (its solution cells, run by
``tests.support.reference``); its four L2 and dropout functions also under the names of the fields of
``course_utils.train.Regularizers`` (``l2_cost``, ``l2_backward``, ``dropout_forward``,
``dropout_backward``), and ``REGULARIZERS``, made of them, for the tests of the training loop and the
explorers."""

from course_utils.train import Regularizers
from tests.support.reference import public, reference_solutions

_solutions = reference_solutions("Regularization")
globals().update(public(_solutions))

l2_cost = _solutions["compute_cost_with_regularization"]
l2_backward = _solutions["backward_propagation_with_regularization"]
dropout_forward = _solutions["forward_propagation_with_dropout"]
dropout_backward = _solutions["backward_propagation_with_dropout"]

REGULARIZERS = Regularizers(l2_cost, l2_backward, dropout_forward, dropout_backward)
