from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A form without its security token: say what to do, not what went wrong."""
    return render(request, "403_csrf.html", status=403)
