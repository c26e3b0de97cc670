"""The Optimization notebook's contracts (see tests/contracts/__init__.py)."""

from tests.contracts import Clause

CONTRACT = {
    "update_parameters_with_gd": [
        Clause(
            "One step moves every parameter against its gradient", "steps against the gradient", "clauses_gd_uphill"
        ),
        Clause(
            r"W^{[l]} = W^{[l]} - \alpha \, dW^{[l]}",
            "multiply the gradient by learning_rate",
            "clauses_gd_rate_ignored",
        ),
        Clause(r"b^{[l]} = b^{[l]} - \alpha \, db^{[l]}", "update the biases too", "clauses_gd_weights_only"),
        Clause("$L$ = `len(parameters) // 2`", "loop over every layer", "clauses_gd_two_layers"),
    ],
    "random_mini_batches": [
        Clause(
            "`permutation = rng.permutation(m)`",
            "draw the permutation from the rng argument",
            "clauses_gd_uphill",
        ),
        Clause("1. **Shuffle**", "the examples were not shuffled", "clauses_gd_rate_ignored"),
        Clause(
            "then `X[:, permutation]` and `Y[:, permutation]`",
            "the rows (features) were shuffled",
            "clauses_adam_weights_only",
        ),
        Clause(
            "the same permutation for both, so each label stays with its example",
            "different permutations",
            "momentum_average_two_permutations_and_adam_defaults",
        ),
        Clause(
            "mini-batch $k$ holds the shuffled columns `k * mini_batch_size` to `(k + 1) * mini_batch_size`",
            "batches of the wrong size",
            "ewa_from_first_value_rmsprop_epsilon_inside_and_batch_sizes",
        ),
        Clause(
            "a **last, smaller** mini-batch",
            "last, smaller mini-batch is missing",
            "ewa_in_place_adam_uncorrected_and_last_batch_dropped",
        ),
        Clause(
            "holds the `m % mini_batch_size` examples left",
            "filled up to mini_batch_size",
            "ewa_fed_back_adam_t_minus_one_and_last_batch_padded",
        ),
        Clause(
            r"so there are $\lceil m / \text{mini\_batch\_size} \rceil$ in all",
            "an empty mini-batch at the end",
            "clauses_gd_weights_only",
        ),
        Clause(
            "Return a list of `(mini_batch_X, mini_batch_Y)` pairs",
            "list of (mini_batch_X, mini_batch_Y) pairs",
            "clauses_gd_two_layers",
        ),
    ],
    "exponentially_weighted_average": [
        Clause(
            "$$v_0 = 0", "v starts at the first value", "ewa_from_first_value_rmsprop_epsilon_inside_and_batch_sizes"
        ),
        Clause(
            r"v_t = \beta \, v_{t-1} + (1 - \beta)\, \theta_t",
            "beta and 1 - beta are swapped",
            "ewa_beta_swapped_adam_step_first_and_decay_swapped",
        ),
        Clause(
            "with $t$ counted from 1",
            "divided by 1 - beta ** 0 = 0",
            "ewa_t_from_zero_momentum_step_first_rmsprop_no_square_and_decay_not_floored",
        ),
        Clause(
            r"v^{\text{corrected}}_t = \frac{v_t}{1 - \beta^t}",
            "the correction uses t + 1",
            "clauses_gd_uphill",
        ),
        Clause(
            r"of the same length (an array, or a list) holding $v_1, \dots, v_n$",
            "one average per value",
            "clauses_gd_rate_ignored",
        ),
        Clause(
            r"each divided by $1 - \beta^t$ when `bias_correction` is `True`",
            "with bias_correction=True, divide each v_t",
            "clauses_gd_weights_only",
        ),
        Clause(
            "`bias_correction` is `True` (the default)", "bias_correction defaults to True", "clauses_gd_two_layers"
        ),
        Clause(
            "leave `values` as it was",
            "values was changed in place",
            "ewa_in_place_adam_uncorrected_and_last_batch_dropped",
        ),
        Clause(
            "Keep $v$ the plain average from step to step: only what you return is corrected.",
            "corrected average was fed back",
            "ewa_fed_back_adam_t_minus_one_and_last_batch_padded",
        ),
    ],
    "initialize_velocity": [
        Clause("The velocity starts at zero", "is not all zeros", "clauses_gd_rate_ignored"),
        Clause(
            '`v["dW" + str(l)]` of the shape of $W^{[l]}$',
            "zeros of each parameter's shape",
            "clauses_gd_weights_only",
        ),
        Clause("The keys are the gradients' names.", "named after its gradient", "clauses_gd_uphill"),
        Clause("(`np.zeros_like`)", "has dtype int", "clauses_adam_weights_only"),
    ],
    "update_parameters_with_momentum": [
        Clause(
            r"v_{dW^{[l]}} = \beta \, v_{dW^{[l]}} + (1 - \beta) \, dW^{[l]}",
            "factor is missing",
            "momentum_average_two_permutations_and_adam_defaults",
        ),
        Clause(
            r"W^{[l]} = W^{[l]} - \alpha \, v_{dW^{[l]}}",
            "did not use the plain velocity",
            "clauses_gd_uphill",
        ),
        Clause(
            r"and the same for $b^{[l]}$ with $v_{db^{[l]}}$",
            "update the biases too",
            "clauses_gd_rate_ignored",
        ),
        Clause(
            "Update the velocity first, then step with the new one.",
            "moved before the velocity",
            "ewa_t_from_zero_momentum_step_first_rmsprop_no_square_and_decay_not_floored",
        ),
        Clause("Return `parameters, v`.", "should return two values", "clauses_gd_weights_only"),
    ],
    "initialize_rmsprop": [
        Clause("Like the velocity", "zeros of each parameter's shape", "clauses_gd_uphill"),
        Clause('`s["dW" + str(l)]`, `s["db" + str(l)]`', "named after its gradient", "clauses_gd_rate_ignored"),
        Clause('`s["db" + str(l)]`, zeros.', "is not all zeros", "clauses_gd_weights_only"),
    ],
    "update_parameters_with_rmsprop": [
        Clause(
            r"s_{dW^{[l]}} = \beta_2 \, s_{dW^{[l]}} + (1 - \beta_2) \, \big(dW^{[l]}\big)^2",
            "the (1 - beta2) factor is missing",
            "clauses_gd_uphill",
        ),
        Clause(
            "the square taken entry by entry",
            "square is missing",
            "ewa_t_from_zero_momentum_step_first_rmsprop_no_square_and_decay_not_floored",
        ),
        Clause(
            r"$\varepsilon$ (`epsilon`) outside the root",
            "outside the square root",
            "ewa_from_first_value_rmsprop_epsilon_inside_and_batch_sizes",
        ),
        Clause("Same for $b^{[l]}$.", "update the biases too", "clauses_gd_two_layers"),
        Clause("Update `s` first, then the parameters.", "moved before the average s", "clauses_gd_rate_ignored"),
        Clause("Return `parameters, s`.", "should return two values", "clauses_gd_weights_only"),
        Clause(
            "`update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8)`",
            "epsilon defaults to 1e-8",
            "clauses_rmsprop_default_and_adam_three_values",
        ),
    ],
    "initialize_adam": [
        Clause("Return `v, s`", "should return two dictionaries", "clauses_gd_uphill"),
        Clause("`v, s`: two dictionaries", "v and s share their arrays", "clauses_adam_weights_only"),
        Clause("two dictionaries of zeros", "is not all zeros", "clauses_gd_rate_ignored"),
        Clause("keyed as the velocity", "named after its gradient", "clauses_gd_weights_only"),
    ],
    "update_parameters_with_adam": [
        Clause("For each layer and each of `W`, `b`", "update the biases too", "clauses_adam_weights_only"),
        Clause(
            r"v_{dW} &= \beta_1 v_{dW} + (1 - \beta_1)\, dW",
            "the (1 - beta1) factor is missing",
            "clauses_gd_uphill",
        ),
        Clause(
            r"s_{dW} &= \beta_2 s_{dW} + (1 - \beta_2)\, dW^2",
            "the square is missing",
            "clauses_gd_rate_ignored",
        ),
        Clause(
            r"v^{\text{corrected}}_{dW} &= \frac{v_{dW}}{1 - \beta_1^t}",
            "no bias correction",
            "ewa_in_place_adam_uncorrected_and_last_batch_dropped",
        ),
        Clause(
            "With $t$ the number of steps taken so far, counted from 1",
            "uses t - 1",
            "ewa_fed_back_adam_t_minus_one_and_last_batch_padded",
        ),
        Clause(
            r"\sqrt{s^{\text{corrected}}_{dW}} + \varepsilon",
            "epsilon belongs outside the square root",
            "clauses_gd_weights_only",
        ),
        Clause("Keep $v$ and $s$ uncorrected", "keep the plain averages", "clauses_gd_two_layers"),
        Clause(
            "update `v`, then `s`, compute the corrected values into `v_corrected` and `s_corrected`, then step",
            "moved before the moments",
            "ewa_beta_swapped_adam_step_first_and_decay_swapped",
        ),
        Clause(
            "Return `parameters, v, s, v_corrected, s_corrected`.",
            "return five values",
            "clauses_rmsprop_default_and_adam_three_values",
        ),
        Clause(
            "learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8)`",
            "the defaults are learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8",
            "momentum_average_two_permutations_and_adam_defaults",
        ),
    ],
    "update_lr": [
        Clause(
            r"\alpha = \frac{\alpha_0}{1 + \text{decay\_rate} \times \text{epoch\_num}}",
            "exponential decay",
            "clauses_gd_uphill",
        ),
    ],
    "schedule_lr_decay": [
        Clause(
            r"\text{decay\_rate} \times \left\lfloor \frac{\text{epoch\_num}}{\text{time\_interval}} \right\rfloor",
            "not floored",
            "ewa_t_from_zero_momentum_step_first_rmsprop_no_square_and_decay_not_floored",
        ),
        Clause("counting whole intervals", "rounded instead of floored", "clauses_gd_uphill"),
        Clause("once per `time_interval` epochs", "time_interval ignored", "clauses_gd_rate_ignored"),
        Clause(
            r"\alpha = \frac{\alpha_0}{1 + \text{decay\_rate} \times \left\lfloor",
            "swapped",
            "ewa_beta_swapped_adam_step_first_and_decay_swapped",
        ),
    ],
}
