import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

USERNAME = "editor"
DEFAULT_PASSWORD = "harbour-ledger-demo"
PASSWORD_VARIABLE = "NEWSROOM_EDITOR_PASSWORD"


class Command(BaseCommand):
    help = (
        f"Make sure the “{USERNAME}” account (in the Editor group) exists for trying the admin, "
        "and print how to "
        f"log in. The password comes from {PASSWORD_VARIABLE} (default “{DEFAULT_PASSWORD}”); "
        "an existing account keeps its password unless that variable is set."
    )

    def handle(self, *args, **options):
        user_model = get_user_model()
        chosen = os.environ.get(PASSWORD_VARIABLE, "")
        user = user_model.objects.filter(username=USERNAME).first()
        created = user is None
        if created:
            user = user_model(username=USERNAME)
        if created or chosen:
            password = chosen or DEFAULT_PASSWORD
            try:
                validate_password(password, user)
            except ValidationError as error:
                raise CommandError(
                    f"{PASSWORD_VARIABLE} is not usable: {' '.join(error)}"
                ) from None
            user.set_password(password)
        # An editor, not a superuser: the demo shows the desk as the newsroom's editors see it.
        user.is_active = user.is_staff = True
        user.is_superuser = False
        user.save()
        user.groups.add(Group.objects.get(name="Editor"))

        if chosen:
            shown = f"the value of {PASSWORD_VARIABLE}"
        else:
            shown = DEFAULT_PASSWORD if created else "(unchanged)"
        port = os.environ.get("PORT", "8000")
        done = "Created the editor account." if created else "The editor account already exists."
        self.stdout.write(self.style.SUCCESS(done))
        self.stdout.write(f"  Log in at http://127.0.0.1:{port}/admin/")
        self.stdout.write(f"  Username: {USERNAME}")
        self.stdout.write(f"  Password: {shown}")
