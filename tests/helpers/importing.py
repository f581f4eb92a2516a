"""Running the WordPress importer in tests and finding what it made."""

import io

from django.core.management import call_command

from articles.models import Article, WordPressItem


def run(path, media=None, *args):
    out, err = io.StringIO(), io.StringIO()
    options = ["--media-dir", str(media)] if media else []
    call_command("import_wordpress", str(path), *options, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def story(wordpress_id) -> Article:
    return WordPressItem.objects.get(kind="post", wordpress_id=wordpress_id).article
