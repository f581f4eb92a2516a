from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("latest/", views.latest, name="latest"),
    path("category/<slug:slug>/", views.category_detail, name="category_detail"),
    path("tag/<slug:slug>/", views.tag_detail, name="tag_detail"),
    path("author/<slug:slug>/", views.author_detail, name="author_detail"),
    path("search/", views.search, name="search"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("<slug:category>/<slug:slug>/", views.article_detail, name="article_detail"),
]
