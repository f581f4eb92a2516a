from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from articles.admin.account import desk_account
from articles.reader import views

admin.site.site_header = f"{settings.SITE_NAME} newsroom"
admin.site.site_title = f"{settings.SITE_NAME} newsroom"
admin.site.index_title = "Today's desk"
admin.site.enable_nav_sidebar = False  # the story list needs the width more than a second menu

urlpatterns = [
    # Each person's own settings: email notifications (issue 15).
    path("admin/account/", admin.site.admin_view(desk_account), name="desk_account"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("articles.api.urls")),  # issue 16
    path("", include("articles.urls")),
]

if settings.SERVE_MEDIA:
    # Local media (the embedded default). With an object store or a CDN in front, turn it off.
    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", views.media)]

# The 404 page, which first moves an imported WordPress post's old address to its story.
handler404 = "articles.importing.views.page_not_found"
handler500 = "articles.reader.views.server_error"
