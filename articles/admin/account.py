"""Each person's own account page in the admin (issue 15): email notifications on or off."""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from ..models import DeskSettings


class DeskSettingsForm(forms.ModelForm):
    class Meta:
        model = DeskSettings
        fields = ["email_notifications"]


def desk_account(request):
    """Wrapped by admin.site.admin_view in newsroom/urls.py: staff only, signed in."""
    desk_settings = DeskSettings.objects.filter(user=request.user).first()
    desk_settings = desk_settings or DeskSettings(user=request.user)
    data = request.POST if request.method == "POST" else None
    form = DeskSettingsForm(data, instance=desk_settings)
    if request.method == "POST" and form.is_valid():
        form.save()
        state = "on" if form.instance.email_notifications else "off"
        messages.success(request, f"Email notifications are {state}.")
        return redirect("desk_account")
    context = {**admin.site.each_context(request), "form": form, "title": "Your account"}
    return TemplateResponse(request, "admin/articles/notifications/account.html", context)
