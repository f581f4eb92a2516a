"""Post content into a story body: blocks, shortcodes, figures and the allow-list."""

from articles.importing.content import ImageFacts, convert, plain


def no_photos(src, wordpress_id):
    return None


def photo_of(src, wordpress_id):
    return ImageFacts(
        f"/media/photos/{wordpress_id}/full-960.jpg", 960, 540, f"Photo {wordpress_id}"
    )


def body(content, image_for=no_photos, gallery=lambda ids: []):
    return convert(content, image_for, gallery)


def test_block_comments_are_removed():
    converted = body('<!-- wp:paragraph {"a":1} --><p>Calm seas.</p><!-- /wp:paragraph -->')
    assert converted.body == "<p>Calm seas.</p>"


def test_classic_text_gets_paragraphs_and_line_breaks():
    converted = body("One.\nStill one.\n\nTwo.\n\n<h2>Heading</h2>\n<blockquote>Said.</blockquote>")
    assert converted.body == (
        "<p>One.<br>\nStill one.</p>\n<p>Two.</p>\n<h2>Heading</h2>\n"
        "<blockquote>\n<p>Said.</p>\n</blockquote>"
    )


def test_caption_shortcode_becomes_a_figure():
    content = (
        '[caption id="attachment_7" width="300"]<a href="https://old.example.com/wp-content/'
        'uploads/a.jpg"><img class="wp-image-7" src="https://old.example.com/wp-content/uploads/'
        'a-300x200.jpg" alt="" /></a> Nets <em>drying</em>.[/caption]'
    )
    converted = body(content, photo_of)
    assert converted.body == (
        '<figure><img src="/media/photos/7/full-960.jpg" alt="Photo 7" width="960" height="540">'
        "<figcaption>Nets <em>drying</em>.</figcaption></figure>"
    )
    assert converted.images_moved == 1 and converted.images_left == 0


def test_caption_attribute_of_old_shortcodes():
    converted = body(
        '[caption caption="Old &amp; gold"]<img src="https://x.test/a.jpg" />[/caption]'
    )
    assert "<figcaption>Old &amp; gold</figcaption>" in converted.body
    assert converted.images_left == 1


def test_image_block_keeps_its_caption_without_classes():
    content = (
        '<!-- wp:image --><figure class="wp-block-image size-large"><img src="https://x.test/b.jpg"'
        ' alt="Bee" class="wp-image-9"/><figcaption class="wp-element-caption">A bee.</figcaption>'
        "</figure><!-- /wp:image -->"
    )
    assert body(content).body == (
        '<figure><img src="https://x.test/b.jpg" alt="Bee"><figcaption>A bee.</figcaption></figure>'
    )


def test_gallery_block_becomes_one_figure_per_photo():
    content = (
        '<!-- wp:gallery --><figure class="wp-block-gallery has-nested-images">'
        '<figure class="wp-block-image"><img src="https://x.test/c.jpg" alt="C" '
        'class="wp-image-3"/></figure><figure class="wp-block-image">'
        '<img src="https://x.test/d.jpg" alt="D"/>'
        '<figcaption>Dee</figcaption></figure><figcaption class="blocks-gallery-caption">Both'
        "</figcaption></figure><!-- /wp:gallery -->"
    )
    converted = body(content, lambda src, n: photo_of(src, n) if n else None)
    assert converted.body == (
        '<figure><img src="/media/photos/3/full-960.jpg" alt="C" width="960" height="540"></figure>'
        '<figure><img src="https://x.test/d.jpg" alt="D"><figcaption>Dee</figcaption></figure>'
        "<p>Both</p>"
    )


def test_gallery_shortcode_lists_its_photos():
    def gallery(ids):
        return [ImageFacts(f"/m/{n}.jpg", 10, 10, f"Alt {n}", f"Caption {n}") for n in ids]

    converted = body('[gallery ids="4,5" columns="2"]', gallery=gallery)
    assert converted.body.count("<figure>") == 2
    assert "<figcaption>Caption 5</figcaption>" in converted.body
    assert converted.images_moved == 2


def test_unknown_shortcodes_are_removed_and_counted_keeping_their_words():
    converted = body('[contact-form-7 id="5"]\n\n[su_note]Bring a coat.[/su_note] [sic] [Updated]')
    assert converted.body == "<p>Bring a coat. [sic] [Updated]</p>"
    assert converted.shortcodes == {"contact-form-7": 1, "su_note": 1}


def test_escaped_shortcode_is_text():
    assert body("Type [[gallery]] to show photos.").body == "<p>Type [gallery] to show photos.</p>"


def test_embed_becomes_a_link():
    converted = body("[embed]https://video.example/watch?v=1[/embed]")
    assert 'href="https://video.example/watch?v=1"' in converted.body


def test_hostile_markup_is_dropped():
    content = (
        '<p onclick="x()">Hi<script>steal()</script></p><iframe src="https://evil.test"></iframe>'
        '<a href="javascript:alert(1)">link</a><img src=x onerror="alert(1)">'
    )
    converted = body(content).body
    for word in ("onclick", "script", "steal", "iframe", "javascript", "onerror"):
        assert word not in converted


def test_plain_cuts_at_a_word():
    assert plain("<p>Two fewer <b>crossings</b> a day</p>", 18) == "Two fewer…"
    assert plain("Short &amp; sweet", 50) == "Short & sweet"
