"""The site's URLs behind the bench's baseline page (bench/baseline.py), at /bench/baseline/."""

from django.urls import include, path

from bench.baseline import baseline
from newsroom.urls import handler404, handler500

urlpatterns = [
    path("bench/baseline/", baseline),  # ahead of the story URLs, as a reader page's route is
    path("", include("newsroom.urls")),
]

__all__ = ["handler404", "handler500", "urlpatterns"]
