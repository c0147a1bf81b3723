"""The workflows of a reader's privacy request: ask, confirm, download, erase.

Nothing here tells anyone whether an email address has comments: a request
is answered the same way (a confirmation email) whatever the database holds.
"""

import json
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from comments.personal_data import personal_data_erase, personal_data_export
from comments.tasks import queue_email

from .models import PrivacyRequest

CONFIRM_SALT = "privacy_requests.confirm"
DOWNLOAD_SALT = "privacy_requests.download"
LINK_DAYS = 1


def over_limit(*, email, ip_address, now=None):
    """Too many requests lately from this address or for this email."""
    since = (now or timezone.now()) - timedelta(days=1)
    recent = PrivacyRequest.objects.recent(since)
    by_email = recent.filter(email=email).count()
    by_address = recent.filter(ip_address=ip_address).count() if ip_address else 0
    return (
        by_email >= settings.PRIVACY_REQUESTS_PER_EMAIL
        or by_address >= settings.PRIVACY_REQUESTS_PER_ADDRESS
    )


@transaction.atomic
def privacy_request_submit(*, email, kind, ip_address, site_url):
    """Record the request and send its confirmation link to the address."""
    request = PrivacyRequest.objects.create(
        email=email.strip().lower(), kind=kind, ip_address=ip_address
    )
    token = signing.dumps(request.pk, salt=CONFIRM_SALT)
    link = site_url + reverse("privacy_requests:confirm", args=[token])
    send(request, "confirm", link=link)
    return request


def signed_pk(token, salt):
    """The request id a link carries, or None if it is damaged or too old."""
    try:
        return signing.loads(token, salt=salt, max_age=timedelta(days=LINK_DAYS))
    except signing.BadSignature:
        return None


def confirmed_request(token):
    """The request a confirmation link stands for, or None."""
    pk = signed_pk(token, CONFIRM_SALT)
    return PrivacyRequest.objects.filter(pk=pk).first() if pk else None


@transaction.atomic
def privacy_request_confirm(*, request, site_url):
    """The reader followed the link: an export is sent, an erasure awaits."""
    if request.status != PrivacyRequest.Status.UNCONFIRMED:
        return request
    request.confirmed_at = timezone.now()
    if request.kind == PrivacyRequest.Kind.EXPORT:
        request.status = PrivacyRequest.Status.DONE
        request.done_at = request.confirmed_at
        token = signing.dumps(request.pk, salt=DOWNLOAD_SALT)
        link = site_url + reverse("privacy_requests:download", args=[token])
        send(request, "download", link=link)
    else:
        request.status = PrivacyRequest.Status.AWAITING
    request.save(update_fields=["status", "confirmed_at", "done_at"])
    return request


def download_request(token):
    """The export request a download link stands for, within its 24 hours."""
    pk = signed_pk(token, DOWNLOAD_SALT)
    if pk is None:
        return None
    return PrivacyRequest.objects.filter(
        pk=pk, kind=PrivacyRequest.Kind.EXPORT, status=PrivacyRequest.Status.DONE
    ).first()


def export_file(request):
    rows = personal_data_export(request.email)
    return json.dumps(rows, ensure_ascii=False, indent=2)


@transaction.atomic
def privacy_request_erase(*, request, user):
    """An editor approved the erasure: done as the admin's erasure does it."""
    plan = personal_data_erase(email=request.email, delete_text=False, user=user)
    request.status = PrivacyRequest.Status.DONE
    request.done_at = timezone.now()
    request.done_by = user
    request.save(update_fields=["status", "done_at", "done_by"])
    send(request, "erased")
    return plan


def send(request, name, **context):
    """Queued with the change that causes it: sent once it commits."""
    context = {"request": request, "days": LINK_DAYS, **context}
    subject = render_to_string(f"privacy_requests/email/{name}_subject.txt", context)
    body = render_to_string(f"privacy_requests/email/{name}_body.txt", context)
    queue_email(EmailMessage(" ".join(subject.split()), body, to=[request.email]))
