"""The Optimization notebook's reference solutions as a module (its solution cells, run by
``tests.support.reference``), and ``OPTIMIZERS``, the course's four optimizers made of them, for the
tests of the training loop, the surfaces and the explorers.

One variation is kept on purpose: ``update_parameters_with_gd_in_place``, gradient descent as many
students write it, each array changed in place (``-=``) where the reference assigns new ones.
``OPTIMIZERS["gd"]`` steps with it: a student's update must not change the parameters that
training started from (tests/course_utils/test_train.py), nor fool the check
(tests/checks/test_optimization.py). RMSprop's ``beta2`` is 0.999 here."""

from course_utils.optimizers import Optimizer
from tests.support.reference import public, reference_solutions

_solutions = reference_solutions("Optimization")
globals().update(public(_solutions))


def update_parameters_with_gd_in_place(parameters, grads, learning_rate):
    for key in parameters:
        parameters[key] -= learning_rate * grads["d" + key]  # in place, as many students write it
    return parameters


OPTIMIZERS = {
    "gd": Optimizer.gd(update_parameters_with_gd_in_place),
    "momentum": Optimizer.momentum(
        _solutions["initialize_velocity"], _solutions["update_parameters_with_momentum"], beta=0.9
    ),
    "rmsprop": Optimizer.rmsprop(
        _solutions["initialize_rmsprop"], _solutions["update_parameters_with_rmsprop"], beta2=0.999
    ),
    "adam": Optimizer.adam(_solutions["initialize_adam"], _solutions["update_parameters_with_adam"]),
}
