"""The Initialization notebook's contracts (see tests/contracts/__init__.py)."""

from tests.contracts import Clause

CONTRACT = {
    "normalize_inputs": [
        Clause(
            "Compute $\\mu$ and $\\sigma$ per feature",
            "each EXAMPLE",
            "variance_per_example_small_positive_bias_missing_layer",
        ),
        Clause(
            "on `X_train` only",
            "the training and the second set together",
            "pooled_missing_layer_hardcoded_ten_fan_out",
        ),
        Clause("both sets normalized with them", "statistics of its own", "own_statistics_transposed_unscaled_xavier"),
        Clause(r"x \leftarrow \frac{x - \mu}{\sigma}", "divides by the variance", "variance_flat_bias_global_seed"),
        Clause(
            r"\sigma^2 = \frac{1}{m} \sum_{i=1}^{m} \big(x^{(i)} - \mu\big)^2",
            "dividing by m - 1",
            "sample_std_int_default_one_no_sqrt",
        ),
        Clause(
            "return `(X_train_norm, X_test_norm)`", "does not return two arrays", "statistics_returned_uniform_spread"
        ),
        Clause("return `(X_train_norm, X_test_norm)`", "come back in the wrong order", "swapped_uniform_transposed"),
        Clause(
            "each of the shape of its input",
            "the same shape as the set it normalizes",
            "examples_as_rows_list_own_seed",
        ),
        Clause(
            "Return new arrays: leave `X_train` and `X_test` as they were.",
            "changed its input X_train or X_test",
            "in_place_random_w_fresh_rng_random_bias",
        ),
    ],
    "initialize_parameters_zeros": [
        Clause(
            "For $l = 1, \\dots, L$ with $L$ = `len(layers_dims) - 1`",
            "has the wrong keys",
            "pooled_missing_layer_hardcoded_ten_fan_out",
        ),
        Clause("$W^{[l]} = 0$", "W1 is not all zeros", "in_place_random_w_fresh_rng_random_bias"),
        Clause(
            "of shape `(layers_dims[l], layers_dims[l-1])`", "transposed", "own_statistics_transposed_unscaled_xavier"
        ),
        Clause("$b^{[l]} = 0$", "b1 is not all zeros", "variance_per_example_small_positive_bias_missing_layer"),
        Clause("of shape `(layers_dims[l], 1)`", "is a column", "variance_flat_bias_global_seed"),
        Clause(
            'Return them in a dictionary `{"W1": ..., "b1": ..., ..., "WL": ..., "bL": ...}`',
            "the return value has the wrong type",
            "examples_as_rows_list_own_seed",
        ),
        Clause("the dtype (float)", "do not pass dtype=int", "sample_std_int_default_one_no_sqrt"),
    ],
    "initialize_parameters_random": [
        Clause(
            r"$W^{[l]} = \text{scale} \cdot \mathcal{N}(0, 1)$",
            "multiply the standard normal draws by scale",
            "own_statistics_transposed_unscaled_xavier",
        ),
        Clause(
            "spread `scale`", "use the scale argument, not the number 10", "pooled_missing_layer_hardcoded_ten_fan_out"
        ),
        Clause("with `scale = 10.0` by default", "the default 10.0", "sample_std_int_default_one_no_sqrt"),
        Clause(
            "draws of shape `(layers_dims[l], layers_dims[l-1])`", "transposed", "random_transposed_he_missing_layer"
        ),
        Clause("that the biases are 0", "b1 is not all zeros", "random_bias_he_times_ten"),
        Clause(
            "tests the keys and shapes", "has the wrong keys", "variance_per_example_small_positive_bias_missing_layer"
        ),
        Clause("never from `np.random`", "not from np.random", "variance_flat_bias_global_seed"),
        Clause(
            "the same `rng` seed gives the same weights",
            "draw from the rng argument",
            "in_place_random_w_fresh_rng_random_bias",
        ),
        Clause("another seed other weights", "the function ignores rng", "examples_as_rows_list_own_seed"),
        Clause(
            "every entry a draw of its own", "repeats its values", "normalize_loop_in_place_copies_and_one_row_repeated"
        ),
        Clause("mean 0", "not centred on zero", "swapped_uniform_transposed"),
        Clause("a normal shape", "not normally distributed", "statistics_returned_uniform_spread"),
    ],
    "initialize_parameters_he": [
        Clause(
            "$W^{[l]}$ = `rng.standard_normal(...)`",
            "repeats its values",
            "normalize_loop_in_place_copies_and_one_row_repeated",
        ),
        Clause(r"$\cdot \sqrt{2 / n^{[l-1]}}$", "Xavier", "own_statistics_transposed_unscaled_xavier"),
        Clause(r"$\cdot \sqrt{2 / n^{[l-1]}}$", "take its square root", "sample_std_int_default_one_no_sqrt"),
        Clause(r"$\cdot \sqrt{2 / n^{[l-1]}}$", "the factor 10 belongs to", "random_bias_he_times_ten"),
        Clause(
            "with $n^{[l-1]}$ = `layers_dims[l-1]`",
            "the size of the PREVIOUS layer",
            "pooled_missing_layer_hardcoded_ten_fan_out",
        ),
        Clause("$b^{[l]} = 0$. Same shapes", "b1 is not all zeros", "in_place_random_w_fresh_rng_random_bias"),
        Clause("Same shapes", "transposed", "swapped_uniform_transposed"),
        Clause("tests the structure", "has the wrong keys", "random_transposed_he_missing_layer"),
        Clause("same rule for `rng` as before", "not from np.random", "variance_flat_bias_global_seed"),
        Clause(
            "same rule for `rng` as before",
            "two different rngs gave identical weights",
            "examples_as_rows_list_own_seed",
        ),
    ],
}
