from django.apps import AppConfig
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from .converters import UnicodeSlugConverter

        # Before any URLconf loads: the comments app's URLs take slugs too.
        register_converter(UnicodeSlugConverter, "uslug")
