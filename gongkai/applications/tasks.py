"""Background tasks of the applications app (django-tasks; settings.TASKS)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from gongkai.applications.models import Application


@task()
def send_receipt_email(case_id: int) -> bool:
    """The receipt by e-mail, when the applicant gave an address. It carries the number, the
    unit, the dates and what happens next — never the query code, which is a credential shown
    once on the receipt page (GB/T 22239-2019 8.1.4.8)."""
    case = Application.objects.select_related("organisation").filter(pk=case_id).first()
    if case is None or not case.email:
        return False
    base = str(settings.WAGTAILADMIN_BASE_URL).rstrip("/")
    context = {
        "case": case,
        "site_name": settings.GONGKAI["SITE_NAME"],
        "track_url": base + reverse("applications:track"),
    }
    body = render_to_string("applications/receipt_email.txt", context)
    subject = f"政府信息公开申请回执：{case.number}"
    send_mail(subject, body, None, [case.email])
    return True
