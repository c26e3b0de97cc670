"""course_utils: the helpers every notebook of *Improving Deep Neural Networks* imports.

None of them holds a graded solution: they take the student's functions as arguments. The map,
from the floor up (a module imports only modules above it in this list, never a sibling below):

Data and the network
    ``data``                the course datasets (generated deterministically, or shipped by scikit-learn)
    ``layers``              layer building blocks: ``forward`` returns ``out, cache``, ``backward(dout, cache)``
    ``network``             the L-layer NumPy classifier: forward, cost, backward, predictions
    ``batchnorm``           batch normalization as a layer, made of the student's two functions
    ``optimizers``          update rules with state (``Optimizer``): the student's optimizers plug in
    ``train``               the training loop in small pure steps (``TrainConfig``, ``train_steps``)
    ``gradcheck``           every parameter in one vector and back, for gradient checking
    ``diagnostics``         per-layer sizes of activations and gradients
    ``surfaces``            two-parameter cost surfaces for the optimizer race
    ``normalization``       a linear model's quadratic cost on raw and normalized inputs: contours, steps to the minimum
    ``tuning``              a search task (a fixed train / dev / test split), a grid search, its plot
    ``notebook_functions``  the student's functions read back from their notebooks, for the playground
Drawing and controls
    ``plots``               the plots the notebooks share (each takes an ``ax`` and returns it)
    ``controls``            the controls room: the one table of controls, checked settings, the one
                            mapping from settings to a ``TrainConfig``
    ``panel``               the settings every explorer holds, and an explorer's controls over its figure
Explorers (siblings over ``controls`` and ``panel``: none imports another)
    ``widgets``             the NumPy explorers of the weekly notebooks
    ``tensorflow_tools``    TensorFlow, imported quietly at first use; Keras helpers, the TensorFlow explorer
    ``playground``          every technique of the course as a live control
Checks and the way in
    ``checks``              student-facing checks: ``checks.core`` the recipes, one module per notebook
    ``lab``                 ``python -m course_utils.lab``: copy the notebooks, open JupyterLab
"""

__version__ = "0.1.0"
