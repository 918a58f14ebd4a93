"""A time limit for the long computations (what matters most, the answers' searches).

A worker process cannot stop a running thread from outside, so the model checks the limit
itself at safe points: `flows.run`, the step every variant, search step and simulation goes
through, calls `check()`. Outside `time_limit` (the CLI, the page's quick figures) it does
nothing.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_deadline: ContextVar[float | None] = ContextVar("ecareer_deadline", default=None)
_seconds: ContextVar[float] = ContextVar("ecareer_time_limit", default=0.0)


class TimeLimitExceeded(Exception):
    """The computation ran past its time limit and stopped between two model runs."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"stopped after its time limit of {seconds:g} s")
        self.seconds = seconds


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeLimitExceeded from the next `check()` once `seconds` have passed."""
    token = _deadline.set(time.monotonic() + seconds)
    limit = _seconds.set(seconds)
    try:
        yield
    finally:
        _deadline.reset(token)
        _seconds.reset(limit)


def check() -> None:
    """Stop the computation (TimeLimitExceeded) when its time limit has passed."""
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline:
        raise TimeLimitExceeded(_seconds.get())
