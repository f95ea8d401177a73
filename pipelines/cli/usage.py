"""The error every command raises for an argument it cannot use; `exits` maps it to exit code 2."""


class UsageError(ValueError):
    """An argument a command cannot use; the message says which and why."""
