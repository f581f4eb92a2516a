"""The story-body allow-list and the reading time (articles/text.py), without the database."""

import pytest

from articles.text import plain_text, reading_minutes, sanitize_html, word_count


def words(n: int) -> str:
    return "<p>" + " ".join(["tide"] * n) + "</p>"


@pytest.mark.parametrize(
    ("count", "minutes"),
    [(0, 1), (1, 1), (229, 1), (230, 1), (231, 2), (460, 2), (461, 3), (2300, 10)],
)
def test_reading_minutes_is_words_over_230_rounded_up_with_a_minimum_of_one(count, minutes):
    assert reading_minutes(words(count)) == minutes


def test_reading_minutes_counts_words_not_markup():
    body = '<p><a href="https://example.org/a-very-long-address">' + "word " * 231 + "</a></p>"

    assert reading_minutes(body) == 2
    assert reading_minutes("<h2></h2><p>   </p><br>") == 1


def test_reading_minutes_counts_hyphenated_and_apostrophe_words_once():
    body = "<p>" + "harbour-master’s " * 230 + "tide</p>"

    assert reading_minutes(body) == 2


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert('owned')</script>",
        "<style>body { display: none }</style>",
        '<iframe src="https://evil.example/"></iframe>',
        '<object data="https://evil.example/x.swf"></object>',
        '<form action="https://evil.example/"><input name="password"></form>',
        '<svg onload="alert(1)"></svg>',
    ],
)
def test_sanitize_html_drops_dangerous_elements(hostile):
    cleaned = sanitize_html(f"<p>Before</p>{hostile}<p>After</p>")

    assert cleaned == "<p>Before</p><p>After</p>"


def test_sanitize_html_drops_event_handlers_inline_styles_and_classes():
    cleaned = sanitize_html(
        '<p onclick="steal()" style="color: red" class="x" id="y">'
        'Calm <em onmouseover="a()">text</em></p>'
        '<img src="https://example.org/p.jpg" alt="Quay" width="4" height="3" onerror="steal()">'
    )

    assert cleaned == (
        "<p>Calm <em>text</em></p>"
        '<img src="https://example.org/p.jpg" alt="Quay" width="4" height="3">'
    )


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
    ],
)
def test_sanitize_html_removes_unsafe_link_targets(href):
    cleaned = sanitize_html(f'<p><a href="{href}">Click</a></p>')

    assert "href" not in cleaned
    assert "script" not in cleaned.lower()
    assert "Click" in cleaned


def test_sanitize_html_removes_javascript_image_sources():
    cleaned = sanitize_html('<img src="javascript:alert(1)" alt="Quay">')

    assert "javascript" not in cleaned
    assert 'alt="Quay"' in cleaned


def test_sanitize_html_keeps_safe_links_and_adds_noopener():
    cleaned = sanitize_html(
        '<p><a href="https://example.org/report" target="_blank" title="Report">report</a> '
        '<a href="mailto:desk@example.org">mail</a></p>'
    )

    assert '<a href="https://example.org/report" title="Report" rel="noopener noreferrer">' in (
        cleaned
    )
    assert '<a href="mailto:desk@example.org" rel="noopener noreferrer">' in cleaned
    assert "target" not in cleaned


def test_sanitize_html_keeps_the_story_body_allow_list():
    body = (
        "<h2>Sub</h2><h3>Smaller</h3><h4>Smallest</h4>"
        "<p><strong>Bold</strong> and <em>italic</em><br>next line</p>"
        '<ul><li>one</li></ul><ol start="3"><li>three</li></ol>'
        "<blockquote><p>Quoted words.</p></blockquote><hr>"
        '<figure><img src="https://example.org/quay.jpg" alt="The quay" width="640" height="360">'
        "<figcaption>The quay at noon.</figcaption></figure>"
    )

    assert sanitize_html(body) == body


@pytest.mark.parametrize("tag", ["h1", "h5", "h6"])
def test_sanitize_html_does_not_keep_other_heading_levels(tag):
    # The page has one h1 (the headline); the body uses h2 to h4 only. The words stay.
    cleaned = sanitize_html(f"<{tag}>Shouting</{tag}><p>Calm</p>")

    assert f"<{tag}" not in cleaned
    assert cleaned == "Shouting<p>Calm</p>"


def test_sanitize_html_drops_comments():
    assert sanitize_html("<!-- note to editor --><p>Text</p>") == "<p>Text</p>"


@pytest.mark.parametrize(
    "empty", ["", None, "<p></p>", "<p> </p><p><br></p>", "<script>x</script>"]
)
def test_sanitize_html_turns_empty_markup_into_an_empty_string(empty):
    assert sanitize_html(empty) == ""


def test_sanitize_html_keeps_a_body_that_is_only_a_photo():
    body = '<figure><img src="https://example.org/quay.jpg" alt="The quay"></figure>'

    assert sanitize_html(body) == body


def test_word_count_reads_text_not_markup_or_entities():
    body = '<p>Fish &amp; chips</p><p><a href="https://example.org/a-b-c">on the quay</a></p>'
    assert word_count(body) == 5  # "amp" and the link's address are not words
    assert plain_text(body) == "Fish & chips on the quay"
