from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Newsroom"

    def ready(self):
        from . import cleaning, signals
        from .editing import notifications, revisions
        from .ops import checks, signins  # noqa: F401 (checks registers itself)

        revisions.register_models()
        cleaning.connect_signals()
        signals.connect_signals()
        signins.connect_signals()
        notifications.connect()  # desk notifications (issue 15)
