"""API keys in the admin (issue 16): Admins make them, see each key once, and revoke them.

Registered from here because the admin package is being reorganised; articles/admin imports
this module so that Django's admin autodiscovery reaches it.
"""

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils import timezone

from ..models import ApiKey

SHOWN_AFTER_CREATION = ["scope", "prefix", "created_by", "created_at", "revoked_at"]


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["name", "scope", "prefix", "state", "created_by", "created_at"]
    list_filter = ["scope"]
    search_fields = ["name", "prefix"]
    list_select_related = ["created_by"]
    actions = ["revoke"]

    def get_fields(self, request, obj=None):
        return ["name", "scope"] if obj is None else ["name", *SHOWN_AFTER_CREATION]

    def get_readonly_fields(self, request, obj=None):
        # A key's powers are fixed when it is handed out: a new scope is a new key.
        return [] if obj is None else SHOWN_AFTER_CREATION

    @admin.display(description="state")
    def state(self, key):
        if key.revoked_at:
            return f"revoked {timezone.localtime(key.revoked_at):%d %b %Y}"
        return "active"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            request._new_api_key = obj.set_new_key()
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        """The new key, once, on its own page (no message: those are kept in a cookie)."""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "API key made",
            "api_key": obj,
            "key": request._new_api_key,
        }
        return TemplateResponse(request, "admin/articles/apikey/key_created.html", context)

    @admin.action(description="Revoke the selected keys", permissions=["change"])
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at=None).update(revoked_at=timezone.now())
        self.message_user(
            request, f"{count} key(s) revoked: they are refused from now on.", messages.SUCCESS
        )
