from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyRequestsConfig(AppConfig):
    name = "privacy_requests"
    verbose_name = _("Readers' privacy requests")
