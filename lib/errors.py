"""The project's own error: a document that cannot be read as a form.

A :class:`FormError` carries a reason *code* and its parameters, never words: the words come
from the catalogue (``reason.<code>`` in :mod:`lib.i18n`) where the error is shown, in the
reader's language (:meth:`FormError.text`).
"""

from __future__ import annotations

from typing import Any

from lib.i18n import coded_text


class FormError(Exception):
    """A file that is not a readable form: the file, a reason code and the reason's parameters."""

    def __init__(self, source: str, code: str, **params: Any) -> None:
        super().__init__(source, code, params)
        self.source = source
        self.code = code
        self.params = params

    def text(self, lang: str) -> str:
        """The reason in ``lang`` (``zh`` or ``en``)."""
        return coded_text("reason", self.code, self.params, lang)

    @property
    def reason(self) -> str:
        """The reason in English, as logs and tests read it; pages and the CLI use :meth:`text`."""
        return self.text("en")

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its three parts (a worker process sends it back)."""
        return _rebuilt, (self.source, self.code, self.params)


def _rebuilt(source: str, code: str, params: dict[str, Any]) -> FormError:
    return FormError(source, code, **params)
