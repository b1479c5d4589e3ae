"""The error every refused casework operation raises, with a Chinese message for the user."""


class CaseworkError(Exception):
    """An operation refused, with a Chinese message; `field` names the input it is about, when there is one."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field
