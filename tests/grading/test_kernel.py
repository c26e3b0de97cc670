"""The grading kernel (autograder/kernel.py) keeps its builtins out of the notebook's reach."""


def test_the_grading_kernel_keeps_its_builtins_out_of_the_notebooks_reach():
    import builtins

    from autograder.kernel import keep_builtins

    class Shell:
        def __init__(self):
            self.hooks, self.events, self.user_ns = [], self, {}

        def register(self, event, hook):
            self.hooks.append((event, hook))

        def get_ipython(self):
            return self

    shell, real_isinstance = Shell(), builtins.isinstance
    own = keep_builtins(shell)
    [(event, restore)] = shell.hooks
    try:
        exec(
            "import builtins\nbuiltins.isinstance = lambda *args: True\ndel builtins.AssertionError\n"
            "fooled = isinstance(1, str)\nme = get_ipython()",
            shell.user_ns,
        )
        assert shell.user_ns["fooled"] is True and shell.user_ns["me"] is shell, "the notebook sees its own change"
        assert builtins.isinstance is real_isinstance and builtins.AssertionError is AssertionError, (
            "the kernel does not"
        )
        builtins.isinstance = lambda *args: True  # reached some other way (sys.modules["builtins"])
        restore(None)
        assert event == "post_run_cell" and builtins.isinstance is real_isinstance
        assert own.isinstance is real_isinstance and own.AssertionError is AssertionError
    finally:
        builtins.isinstance = real_isinstance
        builtins.AssertionError = AssertionError
