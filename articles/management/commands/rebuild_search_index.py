from django.core.management.base import BaseCommand

from articles.models import Article
from articles.search import search_engine
from articles.signals import stories_changed


class Command(BaseCommand):
    help = (
        "Rebuild the site search index of every story. Needed after stories, bylines or tags "
        "are written behind the signals' back (raw SQL, another program)."
    )

    def handle(self, *args, **options):
        stories_changed()  # outside a transaction: at once
        engine = type(search_engine()).__name__
        self.stdout.write(f"Indexed {Article.objects.count()} stories ({engine}).")
