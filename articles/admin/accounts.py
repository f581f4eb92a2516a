"""The accounts admin: Django's, with no way up past one's own role (issue 14).

The Admin role changes user accounts, and Django's own user admin lets whoever may change an
account tick "superuser status", pick any permission or any group, and set the password of a
superuser: an Admin could make itself (or anyone) a superuser. Here only a superuser grants
superuser status; everyone else grants only groups and permissions they hold themselves, and
may not change (or set the password of) an account that holds more than they do.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group, Permission, User
from django.db.models import Count, Q


def held(user) -> set[str]:
    """`user`'s permissions as "app_label.codename" (every one for an active superuser)."""
    return user.get_all_permissions()


def permissions_within(user):
    """The Permission rows `user` holds."""
    if user.is_active and user.is_superuser:
        return Permission.objects.all()
    names = held(user)
    wanted = Q(pk__in=[])
    for name in names:
        app_label, codename = name.split(".", 1)
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    return Permission.objects.filter(wanted)


def groups_within(user):
    """The groups whose every permission `user` holds."""
    if user.is_active and user.is_superuser:
        return Group.objects.all()
    allowed = permissions_within(user).values("pk")
    beyond = Count("permissions", filter=~Q(permissions__in=allowed))
    return Group.objects.annotate(beyond=beyond).filter(beyond=0)


def outranks(account, user) -> bool:
    """Whether `account` holds something `user` does not (superuser status included)."""
    if user.is_active and user.is_superuser:
        return False
    return account.is_superuser or bool(held(account) - held(user))


admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(UserAdmin):
    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields.append("is_superuser")
        return fields

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = groups_within(request.user)
        elif db_field.name == "user_permissions":
            kwargs["queryset"] = permissions_within(request.user).select_related("content_type")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or not outranks(obj, request.user))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or not outranks(obj, request.user))
