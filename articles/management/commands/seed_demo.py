import argparse
import time

from django.core.management.base import BaseCommand, CommandError

from articles.demo import bulk as demo_bulk
from articles.demo import newsroom as demo


def positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(
            f"expected a whole number of stories, 1 or more, not “{value}”"
        )
    return number


class Command(BaseCommand):
    help = (
        "Fill the site with the demo newsroom, The Harbour Ledger: sections, authors, tags and "
        "40 stories with drawn pictures. Safe to run again: it only adds what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=positive_int,
            metavar="N",
            help="Also add N generated stories quickly (for benchmarks); each run adds N more.",
        )

    def handle(self, *args, articles=None, verbosity=1, **options):
        def log(message):
            if verbosity >= 1:
                self.stdout.write(message)

        started = time.perf_counter()
        if demo.demo_exists():
            nothing = "" if articles else "; nothing to add"
            log(f"The demo newsroom is already there ({len(demo.STORIES)} stories){nothing}.")
        else:
            log("Building the demo newsroom, The Harbour Ledger...")
            result = demo.seed_newsroom(log)
            log(
                self.style.SUCCESS(
                    f"Created {result.sections} sections, {result.authors} authors, "
                    f"{result.tags} tags and {result.stories} stories ({result.published} "
                    f"published, {result.drafts} drafts, {result.scheduled} scheduled) "
                    f"in {time.perf_counter() - started:.1f} s."
                )
            )
        if articles:
            log(f"Adding {articles:,} generated stories...")
            started = time.perf_counter()
            try:
                created = demo_bulk.add_bulk_stories(articles, log)
            except ValueError as error:
                raise CommandError(str(error)) from None
            seconds = time.perf_counter() - started
            log(
                self.style.SUCCESS(
                    f"Created {created:,} stories in {seconds:.1f} s "
                    f"({created / seconds:,.0f} stories/s)."
                )
            )
