"""The Regularization notebook's contracts (see tests/contracts/__init__.py)."""

from tests.contracts import Clause

# the three samples made for the clauses that no classic-mistake sample broke: each breaks one clause
# of every function
FLAT = "clauses_flat_labels_sigmoid_and_one_based"
SIX = "clauses_six_values_scaled_mask_and_float_epoch"
INT = "clauses_int_sizes_global_mask_and_no_value_error"

CONTRACT = {
    "split_train_dev_test": [
        Clause(
            "$m_\\text{dev}$ = `round(dev_fraction * m)` and $m_\\text{test}$ = `round(test_fraction * m)` "
            "(Python's `round`)",
            "int() rounds down",
            INT,
        ),
        Clause(
            "the training set gets the rest, `m_train = m - m_dev - m_test`",
            "examples lost or duplicated",
            "cost_biases_dropout_wrong_fraction_and_stop_at_argmin",
        ),
        Clause(
            "draw **one** permutation of the examples, `order = rng.permutation(m)`",
            "draw the permutation from the rng argument",
            "cost_lambd_over_m_dropout_unscaled_and_stop_epoch_returned",
        ),
        Clause(
            "another seed, another split",
            "ignores rng",
            "cost_sum_not_squares_dropout_mask_per_unit_and_patience_minus_one",
        ),
        Clause(
            "apply it to `X` and to `Y` (`X[:, order]`, `Y[:, order]`): each label stays with its example",
            "shuffled with different permutations",
            "split_two_permutations_dropout_on_input_and_previous_epoch",
        ),
        Clause(
            "Each **column** of `X` is one example",
            "the rows (features) were shuffled",
            "l2_gradient_half_backward_fresh_mask_and_tie_improves",
        ),
        Clause(
            "No example is lost or repeated",
            "examples lost or duplicated",
            "split_overlap_dropout_on_output_and_patience_plus_one",
        ),
        Clause(
            "`X` and `Y` are left unchanged",
            "X or Y was changed in place",
            "l2_gradient_in_db_backward_unscaled_and_count_never_reset",
        ),
        Clause("`Y` has shape $(1, m)$", "Y keeps its shape (1, m)", FLAT),
        Clause("Return `(X_train, Y_train), (X_dev, Y_dev), (X_test, Y_test)`.", "should return three pairs", SIX),
    ],
    "diagnose_bias_variance": [
        Clause(r"\text{avoidable bias} = \text{train error} - \text{base error}", "base_error ignored", FLAT),
        Clause(r"\text{variance} = \text{dev error} - \text{train error}", "variance is measured from base", SIX),
        Clause(
            "Call the avoidable bias **high** when it is larger than `tolerance`",
            "tolerance ignored (0.02 hard-coded)",
            INT,
        ),
        Clause(
            "(a gap equal to `tolerance` is not high)",
            "a gap equal to tolerance is not high",
            "cost_sum_not_squares_dropout_mask_per_unit_and_patience_minus_one",
        ),
        Clause(
            "A model with high avoidable bias does not even fit its training data",
            "bias and variance swapped",
            "cost_lambd_over_m_dropout_unscaled_and_stop_epoch_returned",
        ),
        Clause(
            "Return exactly one of the strings",
            "return exactly one of these four strings",
            "cost_biases_dropout_wrong_fraction_and_stop_at_argmin",
        ),
    ],
    "compute_cost_with_regularization": [
        Clause(
            "`compute_cost(ZL, Y)` (given; it takes the logits $Z^{[L]}$) plus the penalty",
            "the cross-entropy part is missing",
            FLAT,
        ),
        Clause(
            r"\frac{\lambda}{2m} \sum_{l=1}^{L} \big\lVert W^{[l]} \big\rVert_F^2",
            "lambd / (2 * m)",
            "cost_lambd_over_m_dropout_unscaled_and_stop_epoch_returned",
        ),
        Clause(
            r"\big\lVert W \big\rVert_F^2 = \sum_{k}\sum_{j} W_{kj}^2",
            "np.sum(W) instead of the sum of squares",
            "cost_sum_not_squares_dropout_mask_per_unit_and_patience_minus_one",
        ),
        Clause(
            "The biases are left out",
            "biases included in the norm",
            "cost_biases_dropout_wrong_fraction_and_stop_at_argmin",
        ),
        Clause("summed over **every** layer", "the last layer's W_L is missing", SIX),
        Clause("$L$ = `num_layers(parameters)`", "only three layers hard-coded", "three_layers_hard_coded"),
        Clause("With $m$ examples and $L$ layers", "m is the number of examples, Y.shape[1]", INT),
        Clause(
            "Return a Python float.",
            "return a number: float(value)",
            "split_overlap_dropout_on_output_and_patience_plus_one",
        ),
    ],
    "backward_propagation_with_regularization": [
        Clause("so each weight gradient gets one more term", "the L2 term is missing", FLAT),
        Clause(
            r"\frac{\lambda}{2m} \lVert W^{[l]} \rVert_F^2 = \frac{\lambda}{m} W^{[l]}",
            "lambd / (2 * m) * W_l in dW_l",
            "l2_gradient_half_backward_fresh_mask_and_tie_improves",
        ),
        Clause(
            r"dW^{[l]} = dW^{[l]}_\text{cross-entropy} + \frac{\lambda}{m} W^{[l]}",
            "that is lambd * W_l in dW_l",
            SIX,
        ),
        Clause(
            r"db^{[l]} = db^{[l]}_\text{cross-entropy}",
            "the L2 term added to db",
            "l2_gradient_in_db_backward_unscaled_and_count_never_reset",
        ),
        Clause(
            "Return a dictionary with `dW1`, `db1`, ..., `dWL`, `dbL`, one of each for every layer.",
            "one dW_l and one db_l for every layer",
            INT,
        ),
        Clause("$L$ = `len(caches)`", "only three layers hard-coded", "three_layers_hard_coded"),
    ],
    "forward_propagation_with_dropout": [
        Clause(
            "the mask `D = rng.random(A.shape) < keep_prob`",
            "keeps the wrong fraction",
            "cost_biases_dropout_wrong_fraction_and_stop_at_argmin",
        ),
        Clause(
            "independently for every example",
            "one mask entry per unit AND example",
            "cost_sum_not_squares_dropout_mask_per_unit_and_patience_minus_one",
        ),
        Clause(
            "then `A = A * D / keep_prob`",
            "divide by keep_prob",
            "cost_lambd_over_m_dropout_unscaled_and_stop_epoch_returned",
        ),
        Clause("with dropout after each hidden ReLU", "apply ReLU before dropout", "three_layers_hard_coded"),
        Clause(
            "its cache is `(linear_cache, Z, D)`",
            "put the mask D_l in it",
            "l2_gradient_in_db_backward_unscaled_and_count_never_reset",
        ),
        Clause(
            "output layer: `ZL, linear_cache = linear_forward(A_prev, W, b)`; its cache is `linear_cache`",
            "no dropout on the output layer",
            "split_overlap_dropout_on_output_and_patience_plus_one",
        ),
        Clause(
            "never the output nor the inputs $X$",
            "never drop the input",
            "split_two_permutations_dropout_on_input_and_previous_epoch",
        ),
        Clause("Return `ZL, caches`, as `model_forward` does.", "return the logits ZL", FLAT),
        Clause("Draw every random number from `rng`.", "draw the masks from the rng argument", INT),
        Clause(
            "that `rng` decides the masks",
            "ignores rng: draw each mask from the rng argument",
            "l2_gradient_half_backward_fresh_mask_and_tie_improves",
        ),
        Clause("holds 0s and 1s", "keep the division by keep_prob out of the mask", SIX),
    ],
    "backward_propagation_with_dropout": [
        Clause(
            r"\text{ from layer } l\text{'s cache (never a new mask).}",
            "a fresh mask in backward",
            "l2_gradient_half_backward_fresh_mask_and_tie_improves",
        ),
        Clause(
            "gets the **same** mask and the same division",
            "dA not scaled by 1/keep_prob in backward",
            "l2_gradient_in_db_backward_unscaled_and_count_never_reset",
        ),
        Clause(
            r"dA^{[l]} \leftarrow \frac{dA^{[l]} \odot D^{[l]}}{\texttt{keep\_prob}}",
            "the mask not applied in backward",
            INT,
        ),
        Clause("apply the mask and the division to `dA`", "divided by keep_prob more than once", SIX),
        Clause("Start from the output: `dZL = (sigmoid(ZL) - Y) / m`", "every gradient is m times too large", FLAT),
        Clause("Then for $l = L-1, \\dots, 1$", "only three layers hard-coded", "three_layers_hard_coded"),
        Clause(
            "Return a dictionary with `dW1`, `db1`, ..., `dWL`, `dbL` (other entries may stay in it",
            "one dW_l and one db_l for every layer",
            "split_two_permutations_dropout_on_input_and_previous_epoch",
        ),
    ],
    "early_stopping_epoch": [
        Clause("with epochs counted from 0", "epochs are counted from 0", FLAT),
        Clause("epoch 0 is the first best", "epoch 0 is the first best", "early_stop_skips_epoch_zero"),
        Clause(
            "An epoch **improves** when its cost is *strictly* lower than the best so far",
            "compares each epoch with the one before it",
            "split_two_permutations_dropout_on_input_and_previous_epoch",
        ),
        Clause(
            "(an equal cost is no improvement)",
            "an equal cost counted as an improvement",
            "l2_gradient_half_backward_fresh_mask_and_tie_improves",
        ),
        Clause(
            "count the epochs in a row that did not improve; an epoch that improves sets the count back to 0",
            "not consecutive ones",
            "l2_gradient_in_db_backward_unscaled_and_count_never_reset",
        ),
        Clause(
            "training **stops** after the first epoch at which the count reaches `patience`",
            "stops one epoch too soon",
            "cost_sum_not_squares_dropout_mask_per_unit_and_patience_minus_one",
        ),
        Clause(
            "training **stops** after the first epoch at which the count reaches `patience`",
            "stops one epoch too late",
            "split_overlap_dropout_on_output_and_patience_plus_one",
        ),
        Clause(
            "their entries in `dev_costs` must not change your answer",
            "looks beyond the stopping point",
            "cost_biases_dropout_wrong_fraction_and_stop_at_argmin",
        ),
        Clause(
            "Return the best epoch at that point",
            "that is the epoch where training stops",
            "cost_lambd_over_m_dropout_unscaled_and_stop_epoch_returned",
        ),
        Clause(
            "if the count never reaches `patience`, training ran to the last epoch",
            "or the last epoch when patience never runs out",
            "cost_lambd_over_m_dropout_unscaled_and_stop_epoch_returned",
        ),
        Clause("as an `int`", "return the epoch as an int", SIX),
        Clause(
            "Raise `ValueError`, with a message that says why, when `dev_costs` is empty",
            "when dev_costs is empty",
            INT,
        ),
        Clause("or `patience` is smaller than 1", "when patience < 1", INT),
        Clause("with a message that says why", "give the ValueError a message", "three_layers_hard_coded"),
    ],
}
