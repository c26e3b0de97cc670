"""course_utils: the helpers every notebook of *Improving Deep Neural Networks* imports.

Modules: ``data`` (the course datasets), ``layers`` and ``network`` (the NumPy network
scaffolding), ``train`` (the training loop), ``gradcheck`` (every parameter in one vector, for
gradient checking), ``diagnostics`` (per-layer statistics), ``plots``, ``checks`` (student-facing
checks), ``controls`` (the one table of every explorer's and the playground's controls, and the one
mapping from their settings to a ``TrainConfig``), ``panel`` (the settings every explorer and the
playground hold, and the widgets an explorer shows: its controls over a figure that follows them),
``widgets`` (interactive explorers) and ``playground`` (every technique as a live control). None of them holds a graded solution: they take the student's functions as arguments
(``notebook_functions`` reads them from the student's notebooks for the playground).
"""

__version__ = "0.1.0"
