"""Reading rendered HTML in tests: one parser (BeautifulSoup on Python's html.parser) for every
page, form, picture and head a test looks at (issue 11).

Attributes stay the strings the page wrote (`class="card lead"`, `rel="noopener noreferrer"`),
as the tests compare them, not BeautifulSoup's lists of words.
"""

from bs4 import BeautifulSoup, Tag

# Elements a browser will not put inside a <p>: it closes the paragraph first, so the markup
# no longer means what the template says (and the CSS written for it stops applying).
BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "div", "dl", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre",
    "section", "table", "ul",
}  # fmt: skip


def parse(html: str, **options) -> BeautifulSoup:
    """The document tree of `html`, elements nested as the markup nests them."""
    return BeautifulSoup(html, "html.parser", multi_valued_attributes=None, **options)


class Element:
    """An element as a reader sees it: its attributes and its visible text, and the elements
    inside it by tag and class. `find` expects exactly one, so a test cannot read the wrong one.
    """

    def __init__(self, tag: Tag):
        self.tag = tag

    def __repr__(self) -> str:
        return f"<{self.tag.name} {self.attrs}>"

    @property
    def attrs(self) -> dict[str, str]:
        return self.tag.attrs

    @property
    def text(self) -> str:
        """The visible text, whitespace collapsed as a browser shows it."""
        return " ".join(self.tag.get_text().split())

    def find_all(self, name: str, cls: str | None = None) -> list["Element"]:
        def has_class(value):
            return value is not None and cls in value.split()

        found = self.tag.find_all(name, class_=has_class) if cls else self.tag.find_all(name)
        return [Element(tag) for tag in found]

    def find(self, name: str, cls: str | None = None) -> "Element":
        found = self.find_all(name, cls)
        assert len(found) == 1, f"expected one <{name} class={cls}>, found {len(found)}"
        return found[0]


class Page(Element):
    """A whole page, plus what its markup gets wrong."""

    @property
    def misnested(self) -> list[str]:
        """Block elements written inside a <p>, which a browser would move out of it."""
        return [
            f"<{tag.name} {tag.attrs}> inside a <p>"
            for tag in self.tag.find_all(BLOCK_TAGS)
            if tag.find_parent("p")
        ]


def page_of(response) -> Page:
    assert response["Content-Type"].startswith("text/html")
    return Page(parse(response.text))


def headlines(response) -> set[str]:
    """The story headlines linked from a listing page."""
    page = page_of(response)
    return {
        link.text
        for heading in page.find_all("h2") + page.find_all("h3")
        for link in heading.find_all("a")
    }


def result_headlines(response) -> list[str]:
    """The search result headlines, in the order the page shows them."""
    results = page_of(response).find_all("article", "search-result")
    return [result.find("h2", "card__headline").text for result in results]


def form_data(html: str, form_id: str = "article_form", button: str = "_save") -> dict:
    """The fields of form `form_id` in `html`, with their current values, plus the pressed
    submit button: a dict ready for the test client's post(), as a browser would submit it."""
    form = parse(html).find("form", id=form_id)
    fields: dict[str, list[str]] = {}
    for field in form.find_all(["input", "textarea", "select"]) if form else []:
        name, kind = field.get("name"), field.get("type")
        if not name or "disabled" in field.attrs:
            continue
        if field.name == "input" and kind in ("checkbox", "radio"):
            if "checked" in field.attrs:
                fields.setdefault(name, []).append(field.get("value", "on"))
        elif field.name == "input" and kind not in ("submit", "button", "file"):
            fields.setdefault(name, []).append(field.get("value", ""))
        elif field.name == "textarea":
            fields.setdefault(name, []).append(field.get_text().removeprefix("\n"))
        elif field.name == "select":
            options = field.find_all("option", selected=True, disabled=False)
            fields.setdefault(name, []).extend(option.get("value", "") for option in options)
    data = {
        name: values if len(values) > 1 else values[0] for name, values in fields.items() if values
    }
    data[button] = "Save"
    return data


def pictures_in(html: str) -> list[dict]:
    """Each <picture>: the attributes of its <source>s and of its <img>."""
    return [
        {
            "sources": [source.attrs for source in picture.find_all("source")],
            "img": picture.img.attrs if picture.img else None,
        }
        for picture in parse(html).find_all("picture")
    ]
