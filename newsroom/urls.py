from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from .views import health

admin.site.site_header = _("Newsroom administration")
admin.site.site_title = _("Newsroom")
admin.site.index_title = _("Newsroom desk")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health, name="health"),
    path("captcha/", include("captcha.urls")),
    path("", include("comments.urls")),
    path("", include("articles.urls")),
]
