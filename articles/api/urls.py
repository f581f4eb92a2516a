"""The content API at /api/v1/: django-ninja's URL patterns, each view wrapped by
`api_endpoint` (CORS, keys, rate limit, page cache), and a JSON 404 for any other address."""

from django.urls import URLPattern, re_path

from .http import api_endpoint, error
from .views import api

app_name = "api"


def not_found(request):
    return error(404, "No such address in the content API; /api/v1/ lists them.")


urlpatterns = [
    *(
        URLPattern(
            pattern.pattern, api_endpoint(pattern.callback), pattern.default_args, pattern.name
        )  # fmt: skip
        for pattern in api.urls[0]
    ),
    re_path(r"^.*$", api_endpoint(not_found)),
]
