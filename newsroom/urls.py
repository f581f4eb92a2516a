from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

admin.site.site_header = f"{settings.SITE_NAME} newsroom"
admin.site.site_title = f"{settings.SITE_NAME} newsroom"
admin.site.index_title = "Today's desk"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
]


def serve_media(request, path):
    # MEDIA_ROOT is read per request, so tests that move it still get their files.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


if settings.SERVE_MEDIA:
    # Local media (the embedded default). With an object store or a CDN in front, turn it off.
    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve_media)]

handler404 = "articles.views.page_not_found"
handler500 = "articles.views.server_error"
