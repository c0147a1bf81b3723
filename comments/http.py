"""Request helpers shared by the apps: who is asking, and the answer when
the database is not there."""

import ipaddress
import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# A busy (SQLite locked past its timeout) or unreachable database.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def client_ip(request):
    """The visitor's address, trusting only the configured number of proxies.

    Each trusted proxy appends the address it saw to X-Forwarded-For, so the
    visitor's address is the one that many entries from the right; anything
    further left was written by the visitor and proves nothing.
    """
    proxies = settings.NEWSROOM_TRUSTED_PROXIES
    hops = request.headers.get("X-Forwarded-For", "").split(",")
    candidate = hops[-proxies].strip() if proxies and len(hops) >= proxies else ""
    for address in (candidate, request.META.get("REMOTE_ADDR", "")):
        try:
            return str(ipaddress.ip_address(address))
        except ValueError:
            continue
    return None


def database_unavailable(request, error, template="503.html", context=None):
    """503 with Retry-After, and a log line. Rendered without the request's
    context, which could need the database (the session, the user)."""
    logger.error(
        "Database unavailable (%s %s): %s", request.method, request.path, error
    )
    body = render_to_string(template, context)
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
