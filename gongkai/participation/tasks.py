"""Background tasks of public participation (django-tasks; settings.TASKS)."""

from __future__ import annotations

from django_tasks import task

from gongkai.participation import services


@task()
def analyse_comments(analysis_id: int) -> str:
    """Run a queued analysis of a consultation's comments and store the result."""
    run = services.analysis_run(analysis_id=analysis_id)
    return run.status if run is not None else "missing"
