"""The project's own error: a document that cannot be read as a form."""

from __future__ import annotations


class FormError(Exception):
    """A file that is not a readable form; the message names the file and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
