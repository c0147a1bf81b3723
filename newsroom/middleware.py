from django.conf import settings

from comments.http import DATABASE_UNAVAILABLE, database_unavailable


class ContentSecurityPolicyMiddleware:
    """Send the Content-Security-Policy header on every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault(
            "Content-Security-Policy", settings.CONTENT_SECURITY_POLICY
        )
        return response


class DatabaseUnavailableMiddleware:
    """A database that is busy or gone answers 503 with Retry-After, never 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_UNAVAILABLE):
            return database_unavailable(request, exception)
        return None
