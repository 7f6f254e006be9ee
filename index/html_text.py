"""HTML → the article's visible text (one line per block) and the fields the page declares.

The article is the page's `<article>` (the longest), else `<main>`, else `<body>`; scripts, navigation,
forms and hidden elements are dropped. Pages nested deeper than a limit are refused before
BeautifulSoup builds its tree (walking thousands of levels is quadratic there).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # bs4 loads on the first HTML file (~0.2 s)
    from bs4 import BeautifulSoup, Tag

DROP_TAGS = [
    "script", "style", "nav", "header", "footer", "aside", "form", "noscript", "iframe",
    "template", "svg", "button", "select", "head",
]  # fmt: skip
BLOCK_TAGS = [
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "div", "tr", "ul", "ol", "table", "section",
    "article", "main", "blockquote", "pre", "figure", "figcaption", "dl", "dt", "dd", "hr",
    "address", "caption", "body",
]  # fmt: skip
CELL_TAGS = ["td", "th"]
LINE_BREAK = "\x00"  # marks block edges while walking the tree; NUL never survives decoding
HTML_SPACE = re.compile(r"[ \t\r\n\f]+")
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def html_depth(text: str) -> int:
    """How deeply elements nest, by lxml's parser (which itself stops at 256 levels).

    Checked before BeautifulSoup builds its tree: walking a tree thousands of levels deep is
    quadratic there (minutes for one 100 kB page).
    """
    from lxml import etree

    try:  # bytes with the encoding named: a str with an XML declaration would be refused
        root = etree.fromstring(text.encode("utf-8"), etree.HTMLParser(encoding="utf-8"))
    except (ValueError, etree.LxmlError):
        return 0
    if root is None:
        return 0
    depth = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def html_article(text: str, max_depth: int) -> tuple[str, dict[str, str]] | str:
    """A page → (visible article text, fields), or the reason it has none."""
    from bs4 import BeautifulSoup

    if text.count("<") > max_depth and (depth := html_depth(text)) > max_depth:
        shown = f"{depth}" if depth < 256 else "256 or more"
        return f"HTML nested too deeply ({shown} levels; the limit is {max_depth})"
    soup = BeautifulSoup(text, "lxml")
    fields = _html_fields(soup)
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_hidden):
        tag.decompose()
    body = _html_text(_html_container(soup))
    if not body.strip():
        return "HTML has no visible text"
    title = fields.get("title")
    if title and not body.lstrip().startswith(title):
        body = f"{title}\n{body}"
    return body, fields


def _is_hidden(tag: Tag) -> bool:
    attrs = tag.attrs or {}
    return "hidden" in attrs or bool(HIDDEN_STYLE.search(str(attrs.get("style", ""))))


def _html_container(soup: BeautifulSoup) -> Tag:
    """The article if the page marks one (the longest, when there are several), else main, else body."""
    articles = soup.find_all("article")
    if articles:
        return max(articles, key=lambda a: len(a.get_text(" ", strip=True)))
    return soup.find("main") or soup.body or soup


def _html_text(node: Tag) -> str:
    """Visible text with one line per block element; inline markup joins without extra spaces."""
    from bs4 import CData, NavigableString

    for br in node.find_all("br"):
        br.replace_with(NavigableString(LINE_BREAK))
    for tag in node.find_all(BLOCK_TAGS):
        tag.insert(0, NavigableString(LINE_BREAK))
        tag.append(NavigableString(LINE_BREAK))
    for tag in node.find_all(CELL_TAGS):
        tag.insert(0, NavigableString(" "))
    parts: list[str] = []
    for piece in node.descendants:
        if not isinstance(piece, NavigableString) or type(piece) not in (NavigableString, CData):
            continue
        if piece.find_parent("pre") is not None:
            parts.append(str(piece).replace("\n", LINE_BREAK))
        else:
            parts.append(HTML_SPACE.sub(" ", str(piece)))
    lines = (line.strip() for line in "".join(parts).split(LINE_BREAK))
    return "\n".join(line for line in lines if line)


def _html_fields(soup: BeautifulSoup) -> dict[str, str]:
    """title (h1 / <title> / og:title), date, publisher (og:site_name), url (canonical / og:url)."""
    h1 = soup.find("h1")
    candidates = {
        "title": [
            _tag_text(h1),
            _tag_text(soup.title),
            _meta(soup, property="og:title"),
        ],
        "date": [
            _meta(soup, name="date"),
            _meta(soup, property="article:published_time"),
            _meta(soup, name="article:published_time"),
            _meta(soup, itemprop="datePublished"),
            _attr(soup.find("time", attrs={"datetime": True}), "datetime"),
        ],
        "publisher": [_meta(soup, property="og:site_name")],
        "url": [
            _attr(soup.find("link", rel="canonical"), "href"),
            _meta(soup, property="og:url"),
        ],
    }
    fields: dict[str, str] = {}
    for key, values in candidates.items():
        found = next((v for v in values if v), None)
        if found:
            fields[key] = found
    return fields


def _tag_text(tag: Tag | None) -> str:
    return HTML_SPACE.sub(" ", tag.get_text(" ")).strip() if tag is not None else ""


def _attr(tag: Tag | None, name: str) -> str:
    if tag is None:
        return ""
    value = tag.get(name)
    if isinstance(value, list):
        value = " ".join(value)
    return (value or "").strip()


def _meta(soup: BeautifulSoup, **attrs: str) -> str:
    return _attr(soup.find("meta", attrs=attrs), "content")
