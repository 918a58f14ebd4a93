"""Long computations run on the task queue (issue 27, point 9): the page shows how far it is
and asks again, the answer is shared by content, a user has a bounded number of running jobs
and a CPU budget a minute, a job over its time limit stops with a clear message, and the rate
limit counts the questions, not the polls.

The worker is django-tasks-db's own, run in this process on the test database
(tests/worker.py) whenever the test says so.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ecareer.jobs.models import Computation
from ecareer.planning import convert
from tests.html import parse
from tests.planning.test_dashboard_views import hand_worked_plan
from tests.worker import run_queued


@pytest.fixture
def scenario(owner):
    return convert.create_scenario(owner, hand_worked_plan())


def _url(name, scenario):
    return reverse(f"planning:{name}", args=[scenario.pk])


def _poll_url(html: str) -> str:
    """The URL the progress asks again (htmx's hx-get; the same as the link)."""
    return parse(html).find(class_="job-refresh").attrs["href"]


def _progress(html: str) -> str:
    return parse(html).find(class_="job-progress").text


def test_what_matters_shows_progress_then_the_charts(owner_client, scenario, hx):
    first = owner_client.get(_url("what_matters", scenario), headers=hx).content.decode()
    assert "Working it out… waiting for a free worker." in _progress(first)
    progress = parse(first).find(class_="job-progress")
    # htmx asks the same URL again in a second and swaps the whole section with the answer.
    assert progress.attrs["hx-trigger"] == "load delay:1s"
    assert progress.attrs["hx-target"] == "#what-matters"
    poll = _poll_url(first)
    assert poll == progress.attrs["hx-get"]
    assert "matters-balance" not in first
    # Nothing was computed in the request: the question waits on the queue.
    [queued] = DBTaskResult.objects.all()
    assert queued.status == "READY"
    assert Computation.objects.get().status == "queued"

    run_queued()
    done = owner_client.get(poll, headers=hx).content.decode()
    assert "job-progress" not in done
    assert 'id="chart-matters-balance"' in done


def test_without_javascript_the_page_refreshes_itself_and_links_to_itself(owner_client, scenario):
    page = owner_client.get(_url("what_matters", scenario)).content.decode()
    poll = _poll_url(page)
    assert f'<meta http-equiv="refresh" content="1; url={poll.replace("&", "&amp;")}">' in page
    assert "hx-get" not in str(parse(page).find(class_="job-progress").attrs)
    run_queued()
    answered = owner_client.get(poll).content.decode()
    assert 'http-equiv="refresh"' not in answered
    assert 'id="chart-matters-balance"' in answered


def test_the_answer_is_shared_by_content_across_users(owner_client, other, other_client, scenario):
    owner_client.get(_url("what_matters", scenario))
    run_queued()
    # The other user's own plan of the same content finds the answer at once.
    copy = convert.create_scenario(other, hand_worked_plan())
    page = other_client.get(_url("what_matters", copy)).content.decode()
    assert "job-progress" not in page
    assert Computation.objects.count() == 1
    # An edit is new content: asked anew.
    copy.living_monthly += 1
    copy.save()
    assert "job-progress" in other_client.get(_url("what_matters", copy)).content.decode()


def test_a_job_over_its_time_limit_stops_with_a_clear_message(owner_client, scenario, settings, hx):
    settings.COMPUTATION_TIME_LIMIT = 0  # past at the first model run
    poll = _poll_url(owner_client.get(_url("what_matters", scenario), headers=hx).content.decode())
    run_queued()
    html = owner_client.get(poll, headers=hx).content.decode()
    assert parse(html).by_id("what-matters-error").text == (
        "This computation took longer than its limit of 0 seconds and was stopped. "
        "A plan with fewer items, months or simulated futures is quicker."
    )
    assert Computation.objects.get().status == "failed"
    # Asked again (the button, not the poll), it is tried again.
    settings.COMPUTATION_TIME_LIMIT = 60
    owner_client.get(_url("what_matters", scenario), headers=hx)
    run_queued()
    assert Computation.objects.get().status == "done"


def test_a_job_over_its_time_limit_in_the_panel_and_a_price_cell(
    owner_client, scenario, settings, hx
):
    settings.COMPUTATION_TIME_LIMIT = 0
    panel = owner_client.get(_url("decisions", scenario), {"risk_pct": "5"}, headers=hx)
    cell = owner_client.get(_url("required_price", scenario), headers=hx)
    run_queued()
    for first, found in ((panel, "decisions-error"), (cell, "price-answer")):
        html = owner_client.get(_poll_url(first.content.decode()), headers=hx).content.decode()
        text = parse(html).find(class_="message-error").text
        assert text.startswith("This computation took longer than its limit of 0 seconds"), found


def test_a_user_has_a_bounded_number_of_running_jobs(owner_client, scenario, settings, hx):
    settings.COMPUTATIONS_RUNNING_MAX = 1
    first = owner_client.get(_url("what_matters", scenario), headers=hx).content.decode()
    second = owner_client.get(_url("decisions", scenario), {"risk_pct": "5"}, headers=hx)
    second = second.content.decode()
    assert "Working it out" in _progress(first)
    assert _progress(second).startswith("Waiting: your 1 other computation has to finish first.")
    assert DBTaskResult.objects.count() == 1  # only the first is on the queue
    run_queued()
    # The second's next poll finds room and queues it.
    again = owner_client.get(_poll_url(second), headers=hx).content.decode()
    assert "waiting for a free worker" in _progress(again)
    run_queued()
    done = owner_client.get(_poll_url(second), headers=hx).content.decode()
    assert 'id="decisions-results"' in done


def test_a_user_has_a_cpu_budget_a_minute(owner_client, scenario, settings, hx, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    settings.COMPUTATION_CPU_SECONDS_PER_MINUTE = 0.000001  # spent by any one computation
    owner_client.get(_url("what_matters", scenario), headers=hx)
    run_queued()
    assert Computation.objects.get().cpu_seconds > 0
    asked = owner_client.get(_url("decisions", scenario), {"risk_pct": "5"}, headers=hx)
    html = asked.content.decode()
    assert _progress(html).startswith(
        "Waiting: your computations used their CPU time for this minute; this one starts in "
        "about 61 seconds."
    )
    assert DBTaskResult.objects.count() == 1
    time_machine.shift(timedelta(seconds=61))  # the finished one leaves the minute
    again = owner_client.get(_poll_url(html), headers=hx).content.decode()
    assert "waiting for a free worker" in _progress(again)
    assert DBTaskResult.objects.count() == 2


def test_polls_are_not_counted_by_the_rate_limit(
    own_rate_limit_cache, still_clock, owner_client, scenario, settings, hx
):
    settings.WHAT_MATTERS_RATE_LIMIT = "2/m"
    url = _url("what_matters", scenario)
    poll = _poll_url(owner_client.get(url, headers=hx).content.decode())  # 1 question
    for _ in range(5):  # the page asking again while it runs
        assert owner_client.get(poll, headers=hx).status_code == 200
    run_queued()
    assert owner_client.get(poll, headers=hx).status_code == 200
    assert owner_client.get(url, headers=hx).status_code == 200  # 2 questions
    refused = owner_client.get(url, headers=hx)
    assert refused.status_code == 429
    assert "Too many requests" in refused.content.decode()
    # A poll naming a computation of other content is a question like any other.
    other = owner_client.get(f"{url}?job=999", headers=hx)
    assert other.status_code == 429


def test_another_users_poll_is_404(other_client, owner_client, scenario, hx):
    poll = _poll_url(owner_client.get(_url("what_matters", scenario), headers=hx).content.decode())
    assert other_client.get(poll, headers=hx).status_code == 404


def test_a_computation_is_deleted_with_its_owner(owner, owner_client, scenario):
    owner_client.get(_url("what_matters", scenario))
    assert Computation.objects.filter(user=owner).exists()
    owner.delete()
    assert not Computation.objects.exists()
