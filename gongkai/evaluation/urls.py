"""Public addresses of gongkai.evaluation, mounted at /zcpj/ (gongkai/urls.py). The evaluation
pages themselves are Wagtail pages in each unit's 政策评价 column."""

from django.urls import URLPattern, URLResolver, path

from gongkai.evaluation import views

app_name = "evaluation"

urlpatterns: list[URLPattern | URLResolver] = [path("", views.index, name="index")]
