from django.core.management.base import BaseCommand

from articles.models import Article
from articles.search import refresh_search_index, search_engine


class Command(BaseCommand):
    help = (
        "Rebuild the site search index of every story. Needed after stories, bylines or tags "
        "are written without Article.save(): bulk_create, QuerySet.update(), raw SQL."
    )

    def handle(self, *args, **options):
        refresh_search_index()
        engine = type(search_engine()).__name__
        self.stdout.write(f"Indexed {Article.objects.count()} stories ({engine}).")
