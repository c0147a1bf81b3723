from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WordPressConfig(AppConfig):
    name = "wordpress"
    verbose_name = _("WordPress migration")

    def ready(self):
        from comments.personal_data import comments_erased

        from .models import remember_erased

        comments_erased.connect(remember_erased, dispatch_uid="wordpress-erased")
