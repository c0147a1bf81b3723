from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

import desk.views

from . import two_factor, views

admin.site.site_header = _("Newsroom administration")
admin.site.site_title = _("Newsroom")
admin.site.index_title = _("Newsroom desk")
# Editors work the queue all day: its columns need the width more than a
# second list of the models (the index and the breadcrumbs link them).
admin.site.enable_nav_sidebar = False

handler500 = "newsroom.views.server_error"

urlpatterns = [
    path("favicon.ico", views.favicon),
    path("admin/desk/", admin.site.admin_view(desk.views.desk), name="desk"),
    path("admin/two-factor/", two_factor.two_factor, name="two-factor"),
    path("admin/", admin.site.urls),
    path("healthz", views.health, name="health"),
    path("language/<str:code>/", views.choose_language, name="language"),
    path("livez", views.alive, name="alive"),
    # Before the library's own URLs: our audio reads the sum ("3 plus 8").
    path("", include("comments.urls")),
    path("captcha/", include("captcha.urls")),
    path("", include("privacy_requests.urls")),
    path("", include("articles.urls")),
]
