"""Public pages of major administrative decisions (重大行政决策), mounted at /zdjc/: the
published yearly catalogues (决策事项目录) and each decision's procedure record."""

from django.urls import URLPattern, path

from gongkai.participation import decision_views

app_name = "decisions"
urlpatterns: list[URLPattern] = [
    path("", decision_views.index, name="index"),
    path("catalogue/<int:catalogue_id>/", decision_views.catalogue, name="catalogue"),
    path("<int:decision_id>/", decision_views.decision, name="decision"),
]
