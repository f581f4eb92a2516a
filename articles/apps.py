from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Newsroom"

    def ready(self):
        from . import signals
        from .editing import notifications, revisions

        revisions.register_models()
        signals.connect_signals()
        notifications.connect()  # desk notifications (issue 15)
