"""The Tuning and Batch Norm notebook's contracts (see tests/contracts/__init__.py)."""

from tests.contracts import Clause

CONTRACT = {
    "sample_log_uniform": [
        Clause(
            "Return an array of shape `(size,)`",
            "return a NumPy array of shape (size,)",
            "log_uniform_column_and_refine_in_place",
        ),
        Clause(
            "`r = rng.uniform(np.log10(low), np.log10(high), size)`",
            "uniform instead of log-uniform",
            "log_uniform_uniform_and_bn_axis",
        ),
        Clause(
            "then return `10 ** r`",
            "the logarithm and its inverse must match",
            "log_uniform_bases_mixed_and_trials_as_pairs",
        ),
        Clause(
            "Draw only from `rng` (no `np.random`)",
            "not from np.random",
            "search_log_drawn_uniformly_and_refine_linear",
        ),
        Clause(
            "so that a seed reproduces a search",
            "ignores its rng argument",
            "log_uniform_own_generator_refine_beta_unsorted_and_running_std",
        ),
    ],
    "sample_beta": [
        Clause(
            "Sample $1 - \\beta$ on a log scale instead",
            "beta itself was sampled",
            "beta_not_one_minus_search_choice_always_first_and_eps_outside",
        ),
        Clause(r"\beta = 1 - 10^{r}", "that is 1 - beta", "search_twice_and_test_mode_updates"),
        Clause(
            "betas between `low` and `high` (for instance 0.9 and 0.999), an array of shape `(size,)`",
            "return a NumPy array of shape (size,)",
            "refine_choice_trials_order_and_running_not_stored",
        ),
    ],
    "random_search": [
        Clause(
            "# your sample_log_uniform(low, high, 1, rng)[0]",
            "'log' hyperparameter was sampled uniformly",
            "search_log_drawn_uniformly_and_refine_linear",
        ),
        Clause(
            "# your sample_beta(low, high, 1, rng)[0]",
            "not sampled with your sample_beta",
            "search_beta_log_uniform_and_forward_without_cache",
        ),
        Clause(
            "# rng.integers(low, high + 1): both ends included",
            "includes both ends",
            "search_int_high_excluded_and_shift_before_scale",
        ),
        Clause(
            "# rng.uniform(low, high)",
            "left its range",
            "search_uniform_between_0_and_1_refine_unclipped_and_momentum_swapped",
        ),
        Clause(
            "# options[rng.integers(len(options))]",
            "should take each of",
            "beta_not_one_minus_search_choice_always_first_and_eps_outside",
        ),
        Clause(
            "score it with `train_and_evaluate(config)`",
            "not what train_and_evaluate returned",
            "search_keeps_the_error_test_mode_batch_and_dz_missing_term",
        ),
        Clause("(call it once per trial)", "exactly once per trial", "search_twice_and_test_mode_updates"),
        Clause(
            'keep `{"config": config, "score": score}`',
            "each trial is a dictionary",
            "log_uniform_bases_mixed_and_trials_as_pairs",
        ),
        Clause("Return the trials **sorted best first**", "not sorted best first", "search_not_sorted_and_unbiased"),
        Clause("(highest score first)", "sorted worst first", "search_ascending_and_dgamma_axis"),
    ],
    "refine_space": [
        Clause(
            "take the values of the `top_k` best trials (`trials[:top_k]`: they come best first)",
            "not the worst",
            "search_twice_and_test_mode_updates",
        ),
        Clause(
            "on the hyperparameter's **sampling scale**",
            "on its sampling scale",
            "search_log_drawn_uniformly_and_refine_linear",
        ),
        Clause(
            "**widened by half their spread on each side**",
            "half their spread",
            "search_int_high_excluded_and_shift_before_scale",
        ),
        Clause(
            "so sort the two ends (`sorted(...)`) before you clip",
            "the way back reverses the order",
            "log_uniform_own_generator_refine_beta_unsorted_and_running_std",
        ),
        Clause(
            "**clip** to the original bounds: the new range never leaves the old one",
            "leaves the original one",
            "search_uniform_between_0_and_1_refine_unclipped_and_momentum_swapped",
        ),
        Clause(
            "round the new low down and the new high up (`np.floor`, `np.ceil`, then `int`)",
            "rounds outward",
            "log_uniform_bases_mixed_and_trials_as_pairs",
        ),
        Clause(
            'a `"choice"` keeps the options that the `top_k` trials used, in their original order',
            "in their original order",
            "refine_choice_trials_order_and_running_not_stored",
        ),
        Clause(
            "Return a **new** space of the same names and kinds (do not change the one you were given)",
            "return a new space",
            "log_uniform_column_and_refine_in_place",
        ),
    ],
    "batchnorm_forward": [
        Clause(
            "one value per unit, computed over the examples, `axis=1`",
            "normalize each unit over the examples",
            "log_uniform_uniform_and_bn_axis",
        ),
        Clause("The variance is the plain mean of squares", "ddof=1", "search_not_sorted_and_unbiased"),
        Clause(
            r"$\varepsilon$ sits inside the square root",
            "epsilon belongs inside the square root",
            "beta_not_one_minus_search_choice_always_first_and_eps_outside",
        ),
        Clause(
            r"\text{out} = \gamma \odot \hat Z + \beta",
            "scale by gamma, then shift by beta",
            "search_int_high_excluded_and_shift_before_scale",
        ),
        Clause(
            r"\text{running\_mean} = \text{momentum} \cdot \text{running\_mean} + (1 - \text{momentum}) \cdot \mu",
            "momentum multiplies the old running value",
            "search_uniform_between_0_and_1_refine_unclipped_and_momentum_swapped",
        ),
        Clause(
            r"and the same for `running_var` with $\sigma^2$",
            "running_var holds the variance",
            "log_uniform_own_generator_refine_beta_unsorted_and_running_std",
        ),
        Clause(
            "update the running averages and **store them back** in `bn_params`",
            "store the updated running statistics back",
            "refine_choice_trials_order_and_running_not_stored",
        ),
        Clause(
            'In `"test"` mode: normalize with `bn_params["running_mean"]` and `bn_params["running_var"]`',
            "test mode uses the running statistics",
            "search_keeps_the_error_test_mode_batch_and_dz_missing_term",
        ),
        Clause(
            "and leave them unchanged",
            "test mode leaves the running statistics alone",
            "search_twice_and_test_mode_updates",
        ),
        Clause(
            "Return `out` and a `cache`",
            "should return two values: out, cache",
            "search_beta_log_uniform_and_forward_without_cache",
        ),
    ],
    "batchnorm_backward": [
        Clause(
            r"return `dZ, dgamma, dbeta`",
            "should return three values",
            "log_uniform_bases_mixed_and_trials_as_pairs",
        ),
        Clause(
            r"(`axis=1, keepdims=True`, so that they are columns like $\gamma$)",
            "sum over the examples, axis=1",
            "search_ascending_and_dgamma_axis",
        ),
        Clause(
            r"d\gamma = \sum_{i} \text{dout}^{(i)} \odot \hat Z^{(i)}, \qquad d\beta = \sum_{i} \text{dout}^{(i)}",
            "dgamma = sum over the examples of dout * Z_norm",
            "search_twice_and_test_mode_updates",
        ),
        Clause(
            r"the chain rule through $\hat Z$, $\mu$ and $\sigma^2$",
            "missing the terms that come through mu and var",
            "refine_choice_trials_order_and_running_not_stored",
        ),
        Clause(
            r"m\, d\hat Z - \sum_{i} d\hat Z^{(i)} - \hat Z \odot \sum_{i} d\hat Z^{(i)} \odot \hat Z^{(i)}",
            "a term of dZ is missing",
            "search_keeps_the_error_test_mode_batch_and_dz_missing_term",
        ),
    ],
}
