"""Errors a person can cause or meet. The CLI turns each into one line and exit code 1."""


class MindlogError(Exception):
    """A problem to tell the person about in one plain line (exit code 1)."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class StoreError(MindlogError):
    """The journal could not be read or written."""


class NewerStoreError(StoreError):
    """The journal was written by a newer mindlog; writing to it could lose data."""
