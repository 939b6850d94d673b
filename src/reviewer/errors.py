"""Errors the tool reports as one line and exit code 2."""

from __future__ import annotations


class ReviewerError(Exception):
    """Base class: a problem with input or usage, shown to the user as one line."""


class InputError(ReviewerError):
    """A report could not be read or decoded."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
