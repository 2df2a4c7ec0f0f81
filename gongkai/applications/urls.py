"""Public routes of 依申请公开 (/ysqgk/)."""

from django.urls import path

from gongkai.applications import views

app_name = "applications"

urlpatterns = [
    path("", views.index, name="index"),
    path("apply/<slug:unit_slug>/", views.apply, name="apply"),
    path("receipt/", views.receipt, name="receipt"),
    path("track/", views.track, name="track"),
    path("case/<str:number>/", views.case_view, name="case"),
    path(
        "case/<str:number>/letters/<int:letter_id>.<str:fmt>",
        views.letter_download,
        name="letter",
    ),
    path(
        "case/<str:number>/files/<int:attachment_id>/",
        views.reply_file_download,
        name="reply_file",
    ),
]
