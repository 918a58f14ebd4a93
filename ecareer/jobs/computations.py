"""Long computations on the task queue: one registration per kind, asked for by content.

A view asks `ask(request, kind, key, *args, owner=user)` and gets one `Outcome`:
- `result`: the answer (from the row of the same content key, shared by every server and user);
- `progress`: it is waiting, queued or running; the page shows that and asks again (htmx
  polling, or a page that refreshes itself), with `?job=<id>` so the poll is not counted again;
- `error`: it failed or ran past COMPUTATION_TIME_LIMIT, with the message to show;
- `refused`: the 429 answer of the kind's rate limit.

The limits follow the computation, whichever URL asks for it: each kind has one rate-limit
group (every request asking for it counts, the polls of an asked computation do not), and a
user has at most COMPUTATIONS_RUNNING_MAX computations queued or running and at most
COMPUTATION_CPU_SECONDS_PER_MINUTE of their CPU time finished in the last minute; past either,
the next one waits (its page says why) until there is room.

A new kind is one registration in an app's `computations.py` (found by autodiscovery):

    @computations.register("what-matters", rate="30/m", known_errors={TooLarge: TOO_LARGE})
    def what_matters(data): ...

Question and answer are pickled into the database: only this app writes them.
"""

import logging
import pickle
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage

from ecareer.jobs.models import Computation
from ecareer.projection import deadline
from ecareer.ratelimits import too_many_requests

logger = logging.getLogger(__name__)

Status = Computation.Status
TIME_LIMIT_ERROR = "time-limit"
FAILED_ERROR = "failed"


@dataclass(frozen=True)
class Kind:
    """A registered computation: its function, rate limit and the errors it may answer with."""

    name: str
    function: Callable[..., Any]
    rate: str | Callable[[], str]
    known_errors: dict[type[Exception], Any] = field(default_factory=dict)

    def rate_now(self) -> str:
        return self.rate() if callable(self.rate) else self.rate


_KINDS: dict[str, Kind] = {}


def register(
    name: str,
    *,
    rate: str | Callable[[], str],
    known_errors: dict[type[Exception], Any] | None = None,
) -> Callable:
    """Register `function` as the computation `name` (its arguments and answer are pickled)."""

    def decorator(function: Callable[..., Any]) -> Callable[..., Any]:
        _KINDS[name] = Kind(name, function, rate, dict(known_errors or {}))
        return function

    return decorator


def kind(name: str) -> Kind:
    return _KINDS[name]


@dataclass(frozen=True)
class Progress:
    """What the page shows while it waits: a sentence, and the URL it asks again."""

    message: str
    poll_url: str
    htmx: bool


@dataclass(frozen=True)
class Outcome:
    result: Any = None
    progress: Progress | None = None
    error: str | None = None
    refused: HttpResponse | None = None

    @property
    def done(self) -> bool:
        return self.progress is None and self.error is None and self.refused is None


def ask(request: HttpRequest, name: str, key: str, *args: Any, owner) -> Outcome:
    """The computation `name` of `args` (found by `key`): its answer, or how far it is."""
    found = Computation.objects.filter(key=key).first()
    polled = found is not None and request.GET.get("job") == str(found.pk)
    if found is not None and not _usable(found, polled):
        found.delete()
        found = None
    if found is not None and found.status == Status.DONE:
        if not polled and (refused := _rate_limited(request, name, owner)):
            return Outcome(refused=refused)
        return Outcome(result=pickle.loads(found.result))  # noqa: S301
    if found is not None and found.status == Status.FAILED:
        return Outcome(error=error_message(name, found.error))
    if found is None:
        if refused := _rate_limited(request, name, owner):
            return Outcome(refused=refused)
        found = _create(name, key, args, owner)
    elif not polled and (refused := _rate_limited(request, name, owner)):
        return Outcome(refused=refused)
    waiting = None
    if found.status == Status.WAITING:
        waiting = _start_if_room(found)
    return Outcome(progress=_progress(request, found, waiting))


def _usable(row: Computation, polled: bool) -> bool:
    """False for a row to replace: an old answer, a failure nobody is waiting for, or a job
    whose worker died (running far past its time limit)."""
    now = timezone.now()
    if row.status == Status.DONE:
        return row.finished_at > now - timedelta(seconds=settings.COMPUTATION_RESULT_SECONDS)
    if row.status == Status.FAILED:
        return polled  # the page waiting for it is told; a new request tries again
    if row.status == Status.RUNNING:
        lost = settings.COMPUTATION_TIME_LIMIT * 2 + 60
        return row.started_at > now - timedelta(seconds=lost)
    return True


def _rate_limited(request: HttpRequest, name: str, owner) -> HttpResponse | None:
    """The 429 answer when `owner` asked for this kind too often this period, else None."""
    usage = get_usage(
        request,
        group=f"computation:{name}",
        key=lambda group, request: f"user:{owner.pk}",
        rate=kind(name).rate_now(),
        increment=True,
    )
    if usage is not None and usage["should_limit"]:
        return too_many_requests(request, max(usage["time_left"], 1))
    return None


def _create(name: str, key: str, args: tuple, owner) -> Computation:
    try:
        with transaction.atomic():
            return Computation.objects.create(
                key=key,
                kind=name,
                user=owner,
                status=Status.WAITING,
                question=pickle.dumps(args, protocol=pickle.HIGHEST_PROTOCOL),
            )
    except IntegrityError:  # asked at the same moment by another request: share it
        return Computation.objects.get(key=key)


def _start_if_room(row: Computation) -> str | None:
    """Queue `row` when its owner has room; else why it waits (a sentence)."""
    busy = Computation.objects.filter(user_id=row.user_id).unfinished().count()
    if busy >= settings.COMPUTATIONS_RUNNING_MAX:
        return ngettext(
            "Waiting: your %(count)d other computation has to finish first.",
            "Waiting: your %(count)d other computations have to finish first.",
            busy,
        ) % {"count": busy}
    used, retry = cpu_used(row.user_id)
    if used >= settings.COMPUTATION_CPU_SECONDS_PER_MINUTE:
        return ngettext(
            "Waiting: your computations used their CPU time for this minute; "
            "this one starts in about %(seconds)d second.",
            "Waiting: your computations used their CPU time for this minute; "
            "this one starts in about %(seconds)d seconds.",
            retry,
        ) % {"seconds": retry}
    claimed = Computation.objects.filter(pk=row.pk, status=Status.WAITING).update(
        status=Status.QUEUED
    )
    if claimed:
        from ecareer.jobs.tasks import run_computation  # the task module imports this one

        run_computation.enqueue(row.pk)
        row.status = Status.QUEUED
    return None


def cpu_used(user_id: int) -> tuple[float, int]:
    """(CPU seconds of the user's computations finished in the last minute, seconds until the
    oldest of them leaves that minute)."""
    since = timezone.now() - timedelta(seconds=60)
    recent = Computation.objects.filter(user_id=user_id, finished_at__gte=since)
    used = recent.aggregate(total=Sum("cpu_seconds"))["total"] or 0.0
    oldest = recent.order_by("finished_at").values_list("finished_at", flat=True).first()
    retry = 1 if oldest is None else int((oldest - since).total_seconds()) + 1
    return used, max(retry, 1)


def _progress(request: HttpRequest, row: Computation, waiting: str | None) -> Progress:
    if waiting is not None:
        message = waiting
    elif row.status == Status.RUNNING:
        seconds = int((timezone.now() - row.started_at).total_seconds())
        message = ngettext(
            "Working it out… %(seconds)d second so far.",
            "Working it out… %(seconds)d seconds so far.",
            seconds,
        ) % {"seconds": seconds}
    else:
        message = _("Working it out… waiting for a free worker.")
    query = request.GET.copy()
    query["job"] = str(row.pk)
    return Progress(
        message, f"{request.path}?{query.urlencode()}", bool(request.headers.get("HX-Request"))
    )


def error_message(name: str, code: str) -> str:
    """The sentence the page shows for a failed computation."""
    if code == TIME_LIMIT_ERROR:
        limit = settings.COMPUTATION_TIME_LIMIT
        return ngettext(
            "This computation took longer than its limit of %(seconds)d second and was "
            "stopped. A plan with fewer items, months or simulated futures is quicker.",
            "This computation took longer than its limit of %(seconds)d seconds and was "
            "stopped. A plan with fewer items, months or simulated futures is quicker.",
            limit,
        ) % {"seconds": limit}
    for error, message in kind(name).known_errors.items():
        if code == error.__name__:
            return str(message)
    return _("This computation failed. Please try again later.")


def run(pk: int) -> str:
    """Compute the row `pk` (in the worker): its answer or its error, and its CPU time."""
    if not Computation.objects.filter(pk=pk, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=timezone.now()
    ):
        return "gone"  # replaced or deleted meanwhile
    row = Computation.objects.get(pk=pk)
    job = kind(row.kind)
    args = pickle.loads(row.question)  # noqa: S301
    started = time.process_time()
    fields: dict[str, Any] = {"status": Status.FAILED}
    try:
        with deadline.time_limit(settings.COMPUTATION_TIME_LIMIT):
            answer = job.function(*args)
    except deadline.TimeLimitExceeded:
        fields["error"] = TIME_LIMIT_ERROR
    except tuple(job.known_errors) as error:
        fields["error"] = type(error).__name__
    except Exception:
        logger.exception("computation %s (%s) failed", pk, row.kind)
        fields["error"] = FAILED_ERROR
    else:
        fields |= {"status": Status.DONE, "result": pickle.dumps(answer, pickle.HIGHEST_PROTOCOL)}
    fields |= {"cpu_seconds": time.process_time() - started, "finished_at": timezone.now()}
    Computation.objects.filter(pk=pk).update(**fields)
    _prune()
    return str(fields["status"])


def _prune() -> None:
    """Delete answers past their time (their questions hold plans)."""
    cutoff = timezone.now() - timedelta(seconds=settings.COMPUTATION_RESULT_SECONDS)
    Computation.objects.filter(finished_at__lt=cutoff).delete()
    Computation.objects.filter(status=Status.WAITING, created_at__lt=cutoff).delete()
