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
        self._armed = False  # a timer of `armed()` runs: `enforced()` only marks the checks
        self._inside = False  # a check runs under that timer: the signal interrupts it
        self._fired = False  # that timer went off

    def expired(self) -> bool:
        return self._fired or (self.at is not None and time.monotonic() >= self.at)

    def remaining(self) -> float | None:
        return None if self.at is None else self.at - time.monotonic()

    def _timer_possible(self) -> bool:
        return (
            self.remaining() is not None
            and hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None)
        )

    @contextlib.contextmanager
    def armed(self) -> Iterator[None]:
        """One timer for a series of `enforced()` blocks (the checks of one report): arming a
        timer for each check cost more than many checks (a signal handler and two timer calls
        each). At the deadline the block running under `enforced()` is interrupted; between
        blocks the signal only passes (the caller asks `expired()` before the next one)."""
        if self._armed or not self._timer_possible():
            yield
            return

        def interrupt(signum: int, frame: FrameType | None) -> None:
            self._fired = True  # expired() from now on, whatever the clocks say
            if self._inside:
                self._inside = False
                raise TimeBudgetExceeded

        left = self.remaining() or 0.0
        previous = signal.signal(signal.SIGALRM, interrupt)
        self._armed = True
        try:
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3))
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            self._armed = self._inside = False

    @contextlib.contextmanager
    def enforced(self) -> Iterator[None]:
        """Interrupt the code in the block at the deadline, where the platform allows it."""
        if self._armed:  # under `armed()`: its timer interrupts the block
            self._inside = True
            try:
                yield
            finally:
                self._inside = False
            return
        left = self.remaining()
        if left is None or not self._timer_possible():
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
