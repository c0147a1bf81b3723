"""Logging helpers the LOGGING setting names."""

import logging


class SkipServiceUnavailable(logging.Filter):
    """Django logs every 5xx response; a 503 for a database that is busy or
    gone was logged once already, in words, by the site (newsroom.views), and
    is no error to mail to the admins."""

    def filter(self, record):
        return getattr(record, "status_code", None) != 503
