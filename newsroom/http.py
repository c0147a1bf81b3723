"""Request helpers shared by the apps."""

import ipaddress

from django.conf import settings


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
