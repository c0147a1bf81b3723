from django.contrib import admin
from django.urls import include, path
from videos.views import VideoDetailView

import desk.views

urlpatterns = [
    path("admin/desk/", admin.site.admin_view(desk.views.desk), name="desk"),
    path("admin/", admin.site.urls),
    path("", include("comments.urls")),
    path("captcha/", include("captcha.urls")),
    path("videos/<slug:slug>/", VideoDetailView.as_view(), name="video"),
]
