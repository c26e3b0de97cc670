"""The TensorFlow notebook's contracts (see tests/contracts/__init__.py)."""

from tests.contracts import Clause

CONTRACT = {
    "linear_function": [
        Clause(
            "Draw from the generator `rng`",
            "draw X, W and b from the rng argument",
            "unseeded_shuffle_step_returned_swapped_np_random",
        ),
        Clause(
            "**in this order**",
            "draw X, then W, then b",
            "shuffled_once_he_draw_order_sigmoid_float64_dx_scrambled_rows_moments",
        ),
        Clause(
            "make each a float32 constant",
            "tf.constant keeps NumPy's float64",
            "one_seed_sgd_float64_untransposed_no_exp_two_returns",
        ),
        Clause(
            "return `tf.matmul(W, X) + b`",
            "tf.matmul(W, X), W (4, 3) first",
            "matmul_order_not_cast_constant_softmax_overflow_unshuffled",
        ),
        Clause(
            "`W * X` would multiply entry by entry",
            "* multiplies entry by entry",
            "accuracy_axis_glorot_uniform_elementwise",
        ),
        Clause(
            "a float32 tensor of shape $(4, 1)$",
            "not a TensorFlow tensor",
            "numpy_result_flipped_rebound_global_max_batches_shuffled",
        ),
    ],
    "sigmoid": [
        Clause(
            r"$\sigma(z) = \frac{1}{1 + e^{-z}}$",
            "that is sigmoid(-z)",
            "numpy_result_flipped_rebound_global_max_batches_shuffled",
        ),
        Clause(
            "Cast first, `z = tf.cast(z, tf.float32)`",
            "cast first",
            "matmul_order_not_cast_constant_softmax_overflow_unshuffled",
        ),
        Clause(
            "Return the float32 tensor.",
            "a float64 z stays float64",
            "shuffled_once_he_draw_order_sigmoid_float64_dx_scrambled_rows_moments",
        ),
    ],
    "gradient_descent_step": [
        Clause(
            "`w = tf.Variable(w0, dtype=tf.float32)`",
            "tf.Variable(w0) keeps NumPy's float64",
            "one_seed_sgd_float64_untransposed_no_exp_two_returns",
        ),
        Clause(
            "A `tf.constant` in place of the Variable fails twice",
            "a constant cannot change",
            "matmul_order_not_cast_constant_softmax_overflow_unshuffled",
        ),
        Clause(
            "`dJ_dw = tape.gradient(J, w)`, which is $2(w_0 - x)$",
            "that is dJ/dx",
            "shuffled_once_he_draw_order_sigmoid_float64_dx_scrambled_rows_moments",
        ),
        Clause(
            "`w.assign_sub(learning_rate * dJ_dw)`: the step, in place.",
            "w is a tensor, not a tf.Variable",
            "numpy_result_flipped_rebound_global_max_batches_shuffled",
        ),
        Clause(
            "Return `w, dJ_dw`.",
            "the Variable after the step first, then the gradient",
            "unseeded_shuffle_step_returned_swapped_np_random",
        ),
    ],
    "normalize": [
        Clause(
            "reshape to `(m, 64)` (one row per image, so pixels of different images never mix)",
            "mixes pixels of different images",
            "shuffled_once_he_draw_order_sigmoid_float64_dx_scrambled_rows_moments",
        ),
        Clause(
            "cast to float32 with `tf.cast(..., tf.float32)`",
            "NumPy's / gives float64",
            "not_cast_fixed_seed_relu_output_epsilon_inside",
        ),
        Clause(
            "divide by 255",
            "integer division",
            "integer_division_axis_transposed_weights_uncorrected_activations_first",
        ),
        Clause(
            "transpose to `(64, m)`",
            "one column per example: reshape to (m, pixels), then transpose",
            "one_seed_sgd_float64_untransposed_no_exp_two_returns",
        ),
    ],
    "one_hot_matrix": [
        Clause(
            "column $i$ is all zeros but a 1 in row `labels[i]`",
            "wrong axis",
            "integer_division_axis_transposed_weights_uncorrected_activations_first",
        ),
    ],
    "initialize_parameters": [
        Clause(
            "One `tf.Variable` per parameter",
            "wrap each initial value in tf.Variable",
            "three_layers_tensors_not_variables",
        ),
        Clause(
            r"$W^{[l]}$ of shape $(n^{[l]}, n^{[l-1]})$",
            "has shape (n_l, n_(l-1))",
            "integer_division_axis_transposed_weights_uncorrected_activations_first",
        ),
        Clause(
            r"\operatorname{std}\big(W^{[l]}\big) = \sqrt{\frac{2}{n^{[l-1]} + n^{[l]}}}",
            "that is He's sqrt(2/fan_in)",
            "shuffled_once_he_draw_order_sigmoid_float64_dx_scrambled_rows_moments",
        ),
        Clause("b^{[l]} = 0", "biases start at zero", "costs_returned_first_random_biases"),
        Clause(
            "Weights are **Glorot-normal**",
            "that looks like Glorot-uniform",
            "accuracy_axis_glorot_uniform_elementwise",
        ),
        Clause(
            "Use the `seed` argument",
            "seed=1 and seed=2 gave identical weights",
            "not_cast_fixed_seed_relu_output_epsilon_inside",
        ),
        Clause(
            "give each layer its own seed",
            "start identical",
            "one_seed_sgd_float64_untransposed_no_exp_two_returns",
        ),
    ],
    "forward_propagation": [
        Clause(
            r"Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}",
            "W first, then the activations",
            "integer_division_axis_transposed_weights_uncorrected_activations_first",
        ),
        Clause("for any number of layers", "loop over every layer", "three_layers_tensors_not_variables"),
        Clause(
            "no activation on the last layer",
            "ReLU on the output layer",
            "not_cast_fixed_seed_relu_output_epsilon_inside",
        ),
    ],
    "softmax": [
        Clause(
            r"\operatorname{softmax}(z)_k = \frac{e^{z_k}}{\sum_j e^{z_j}}",
            "no exponential",
            "one_seed_sgd_float64_untransposed_no_exp_two_returns",
        ),
        Clause(
            "one softmax per **column**",
            "normalized along the rows",
            "shuffled_once_he_draw_order_sigmoid_float64_dx_scrambled_rows_moments",
        ),
        Clause(
            "subtract the column's largest logit",
            "exp(1000) overflows to inf",
            "matmul_order_not_cast_constant_softmax_overflow_unshuffled",
        ),
        Clause(
            "Each column's own maximum, not the largest logit of the whole matrix",
            "the largest logit of the whole matrix subtracted",
            "numpy_result_flipped_rebound_global_max_batches_shuffled",
        ),
    ],
    "compute_total_loss": [
        Clause(
            "Return its **sum** over the examples of the batch",
            "the mean instead of the sum",
            "patches_checks_loss_mean_epsilon_outside",
        ),
        Clause(
            "so transpose both",
            "labels and logits transposed",
            "not_cast_fixed_seed_relu_output_epsilon_inside",
        ),
        Clause(
            "`from_logits=True` says that `y_pred` holds logits",
            "softmax applied twice, or none",
            "integer_division_axis_transposed_weights_uncorrected_activations_first",
        ),
    ],
    "train_model": [
        Clause(
            "`optimizer = tf.keras.optimizers.Adam(learning_rate)`",
            "plain gradient descent (SGD)",
            "one_seed_sgd_float64_untransposed_no_exp_two_returns",
        ),
        Clause(
            "`.shuffle(m, seed=seed)`",
            "mini-batches come in the data's own order",
            "matmul_order_not_cast_constant_softmax_overflow_unshuffled",
        ),
        Clause(
            "reshuffles at every epoch",
            "shuffled once, not at every epoch",
            "shuffled_once_he_draw_order_sigmoid_float64_dx_scrambled_rows_moments",
        ),
        Clause(
            "(reproducibly)",
            "two runs with the same seed gave different costs",
            "unseeded_shuffle_step_returned_swapped_np_random",
        ),
        Clause(
            "`.batch(minibatch_size)` cuts batches",
            "the mini-batches are shuffled, not the examples",
            "numpy_result_flipped_rebound_global_max_batches_shuffled",
        ),
        Clause(
            "then `optimizer.apply_gradients(zip(grads, variables))`",
            "each mini-batch: the loss under tf.GradientTape, its gradients, then optimizer.apply_gradients",
            "no_optimizer_step",
        ),
        Clause(
            "`costs` gets the epoch's summed loss divided by $m$",
            "not the average loss per example",
            "patches_checks_loss_mean_epsilon_outside",
        ),
        Clause(
            "`train_acc` and `dev_acc` the accuracy of the current parameters on the whole training and dev sets",
            "is not the accuracy of the parameters returned",
            "accuracy_axis_glorot_uniform_elementwise",
        ),
        Clause(
            "Return `parameters, costs, train_acc, dev_acc`.",
            "the first thing returned is not the parameters dictionary",
            "costs_returned_first_random_biases",
        ),
    ],
    "adam_step": [
        Clause(
            r"v \leftarrow \beta_1 v + (1 - \beta_1)\, g",
            "each moment is a weighted average",
            "shuffled_once_he_draw_order_sigmoid_float64_dx_scrambled_rows_moments",
        ),
        Clause(
            r"\hat v = \frac{v}{1 - \beta_1^t}",
            "without bias correction",
            "integer_division_axis_transposed_weights_uncorrected_activations_first",
        ),
        Clause(
            r"\frac{\hat v}{\sqrt{\hat s} + \varepsilon}",
            "epsilon inside the square root",
            "not_cast_fixed_seed_relu_output_epsilon_inside",
        ),
        Clause(
            r"\text{variable} \leftarrow \text{variable} - \alpha\, \frac{\hat v}{\sqrt{\hat s} + \varepsilon}",
            "epsilon added after the division",
            "patches_checks_loss_mean_epsilon_outside",
        ),
        Clause(
            "Return the new `(variable, v, s)`",
            "return the updated variable and both moments",
            "one_seed_sgd_float64_untransposed_no_exp_two_returns",
        ),
    ],
}
