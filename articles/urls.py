from django.urls import path

from . import preview, views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("latest/", views.latest, name="latest"),
    path("category/<slug:slug>/", views.category_detail, name="category_detail"),
    path("tag/<slug:slug>/", views.tag_detail, name="tag_detail"),
    path("author/<slug:slug>/", views.author_detail, name="author_detail"),
    path("corrections/", views.corrections, name="corrections"),
    path("preview/<int:pk>/", preview.article_preview, name="article_preview"),
    path("preview/link/<str:token>/", preview.preview_link, name="preview_link"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("<slug:category>/<slug:slug>/", views.article_detail, name="article_detail"),
]
