"""The site under /moved/, for tests that change ROOT_URLCONF."""

from django.urls import include, path

urlpatterns = [path("moved/", include("articles.urls"))]
