import time

from django.core.management.base import BaseCommand

from articles import tasks
from articles.models import Article
from articles.search import refresh_search_index, search_engine
from articles.signals import changed


class Command(BaseCommand):
    help = (
        "Rebuild the site search index of every story, in chunks with progress. Needed after "
        "stories, bylines or tags are written behind the signals' back (raw SQL, another "
        "program). --enqueue hands the chunks to the task workers instead (issue 15)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the chunks for the task workers."
        )

    def handle(self, *args, enqueue, **options):
        ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        total, size = len(ids), tasks.SEARCH_CHUNK
        engine = type(search_engine()).__name__
        started = time.monotonic()
        for done, start in enumerate(range(0, total, size), start=1):
            chunk = ids[start : start + size]
            if enqueue:
                tasks.refresh_search.enqueue(chunk)
            else:
                refresh_search_index(chunk)
            count = start + len(chunk)
            self.stdout.write(f"[{count}/{total}] {'queued' if enqueue else 'indexed'} ({done})")
        if not enqueue:
            changed(tags={"list-search"})  # search pages rendered from the old index go
        verb = "Queued" if enqueue else "Indexed"
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(f"{verb} {total} stories ({engine}) in {seconds:.1f} s.")
        )
