from django.urls import path

from . import views

app_name = "privacy_requests"
urlpatterns = [
    path("privacy/", views.request_form, name="form"),
    path("privacy/sent/", views.sent, name="sent"),
    path("privacy/confirm/<str:token>/", views.confirm, name="confirm"),
    path("privacy/download/<str:token>/", views.download, name="download"),
]
