"""A time budget for one report: checks stop at the deadline and the report is incomplete.

The engine asks `expired()` before each check. On the main thread of a Unix process (the CLI,
and each worker of a process pool) `enforced()` also arms a timer, so a check that runs away is
interrupted where it stands (`TimeBudgetExceeded` is raised inside it; regular expressions see
the signal too). Elsewhere (threads) a running check finishes and the ones after it are skipped.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Iterator
from types import FrameType


class TimeBudgetExceeded(BaseException):
    """Raised inside a running check at the deadline (a BaseException: checks that catch
    `Exception` cannot swallow it)."""


class Deadline:
    """`seconds` from now; None or <= 0: no limit."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds if seconds and seconds > 0 else None
        self.at = time.monotonic() + self.seconds if self.seconds else None

    def expired(self) -> bool:
        return self.at is not None and time.monotonic() >= self.at

    def remaining(self) -> float | None:
        return None if self.at is None else self.at - time.monotonic()

    @contextlib.contextmanager
    def enforced(self) -> Iterator[None]:
        """Interrupt the code in the block at the deadline, where the platform allows it."""
        left = self.remaining()
        if (
            left is None
            or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, signal.SIG_IGN, None)
        ):
            yield  # no timer: the engine still stops between checks
            return

        def interrupt(signum: int, frame: FrameType | None) -> None:
            raise TimeBudgetExceeded

        previous = signal.signal(signal.SIGALRM, interrupt)
        try:
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3))
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
