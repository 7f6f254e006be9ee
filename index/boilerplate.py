"""Page furniture cut from a normalised release: whole lines of site chrome, never article text.

Furniture is found by line patterns, in three places:
- head: page chrome before the article body (bylines, "입력 2020-06-09", share buttons, a repeated
  headline with the site's navigation in between) — dropped line by line;
- tail: the first clear footer marker *after* the body starts (copyright, 관련뉴스, 댓글, Related…)
  — it and everything after it is cut; markers must be short lines of their own, so an article
  line that merely starts with "관련 기업들은" is never a marker;
- trailing leftovers (reporter byline, "/연합뉴스", credits, print-page dates) popped from the end.
Dates, reporters and publishers found in removed lines are kept as metadata.
"""

from __future__ import annotations

import re

from index.dates import is_date_only, without_dates
from index.metadata import HANGUL, HEAD_SCAN_LINES, MEDIA_SUFFIX, SENTENCE_END, Furniture

BLANK_RUN = re.compile(r"\n{3,}")
BULLET = r"(?:[•·▶▷◆◇■□○●\-*]\s*)?"

# head: labelled publication lines ("김정욱 | 기사입력 2011-06-21", "입력 : 2014.10.05 19:04|수정 : …")
HEAD_DATE_LINE = re.compile(
    rf"^{BULLET}(?:[가-힣A-Za-z]{{2,10}}\s*(?:기자)?\s*\|\s*)?(?:기사\s*)?"
    r"(?:입력|수정|승인|등록|작성일?|게재|발행|업데이트|최종\s*수정|송고)(?:일|일시)?\s*[:：]?\s*(?=(?:19|20)\d{2})"
)
BOARD_LINE = re.compile(r"^작성자\s*(?P<name>\S+)?.*작성일")
HEAD_BYLINE = re.compile(
    rf"^{BULLET}(?:By\s+(?P<en>[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){{0,3}})"
    r"|(?P<ko>[가-힣]{2,4})\s*(?:선임|수석|객원|인턴)?\s*기자(?:\s*기자)?)"
    r"(?:\s+[\w.+\-]+@[\w.\-]+)?(?:\s+(?:19|20)\d{2}[\d\s.:\-/년월일시분]*)?$"
)
HEAD_UI = re.compile(
    rf"^{BULLET}(?:작게\s*보기|기본\s*크기|크게\s*보기|글씨\s*크기(?:\s*조절)?|기사\s*소리로\s*듣기|다시\s*듣기"
    r"|공유하기|댓글\s*\d*|스크랩|인쇄|프린트|상태바|코멘트|페이지\s*정보|\d{1,4}|home|caption|print\s+header"
    r"|skip\s+to\s+(?:main\s+)?content)$",
    re.I,
)
BREADCRUMB = re.compile(r"^[^\s>]+(?:\s*>\s*[^\s>]+)+$")
SITE_SUFFIX = r"(?:뉴스|일보|신문|방송|TV|닷컴|타임즈|타임스|투데이|통신|미디어)"
SITE_LINE = re.compile(rf"^{BULLET}(?P<site>[\w·&]{{1,10}}(?:\s?[\w·&]{{1,10}})?\s?{SITE_SUFFIX})$")
SECTION_WORD = re.compile(
    r"^(?:정치|경제|사회|국제|문화|스포츠|연예|생활|과학|IT|IT·과학|오피니언|전국|지역|산업|금융|부동산|증권|라이프|뉴스)$"
)

# anywhere: short lines that are buttons or share widgets, never article text
INLINE_DROP = re.compile(
    rf"^{BULLET}(?:이\s*기사를\s*공유합니다|카카오톡\s*(?:네이버\s*)?(?:밴드\s*)?공유(?:하기)?|\S*\s*기사\s*퍼가기"
    r"|기사\s*프린트|기사\s*스크랩|이미지\s*확대|【\s*(?:앵커\s*멘트|기자|리포트)\s*】"
    r"|share\s+this(?:\s+(?:story|article|post|page))?(?:\s+with\s+your\s+(?:followers|friends))?:?"
    r"|share\s+on\s+(?:facebook|twitter|x|linkedin)|print\s+this\s+(?:article|page)|email\s+this\s+(?:article|story))$",
    re.I,
)
PUNCT_ONLY = re.compile(r"^[^\w\s]+$")

MIN_BODY_LINE = 20  # a footer marker only ends the article after at least one such sentence
# tail: a line that starts the site footer; it and everything after it go
TAIL_MARKER = re.compile(
    rf"^{BULLET}(?:관련\s*(?:뉴스|기사)(?:\s*목록|\s*더\s*보기)?|이\s*기사와\s*관련된\s*기사|주요\s*뉴스"
    r"|(?:오늘의|이\s*시각)\s*주요\s*뉴스|주간\s*TOP\s*뉴스|(?:가장\s*)?많이\s*(?:본|읽은)\s*(?:뉴스|기사)"
    r"|(?:최신|인기|추천|포토|핫)\s*(?:기사|뉴스)|지금\s*뜨는\s*뉴스|실시간\s*(?:인기|뉴스)\S*|기자의\s*다른\s*기사"
    r"|댓글(?:\s*많은\s*뉴스)?|댓글\s*\(?\d+\)?건?|댓글\s*목록|댓글\s*쓰기|등록된\s*댓글이\s*없습니다\.?"
    r"|#\s*(?:tag|태그)s?|태그|좋아요\s*\d*|※\s*이미지를\s*클릭하면.*|(?:\S+\s+)?(?:앱|APP)\s*다운로드"
    r"|related(?:\s+(?:articles?|news|stories|posts|content|links))?:?|more\s+(?:news|stories)"
    r"|subscribe\b.*|sign\s+up\s+for\s+our\b.*|back\s+to\s+(?:news|top|list|press\s+releases?)|read\s+more\.?"
    r"|tags?\s*:.*)$",
    re.I,
)
# a wire release's footer names its issuer on a line of its own: "SOURCE Kestrel Labs, Inc."
WIRE_SOURCE = re.compile(r"^SOURCE:?\s+[A-Z0-9][^.!?]{0,80}\.?$")
TAIL_MARKER_LONG = re.compile(r"^(?:posted\s+by\s*:|tags?\s*:|※\s*이미지를\s*클릭하면)", re.I)
COPYRIGHT = re.compile(
    r"^[\[(<]?\s*(?:[ⓒ©]|\(c\)|copyright\s*(?:[ⓒ©]|\(c\)|(?:19|20)\d{2})|저작권자?\s*(?:[ⓒ©(:]))"
    r"|(?:무단\s*전재|무단\s*복제).{0,40}금지\W*$|all\s+rights\s+reserved\W*$",
    re.I,
)
COPYRIGHT_OWNER = re.compile(
    r"(?:[ⓒ©]|\(c\)|copyright)\s*(?:[ⓒ©]\s*)?(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\s*,?\s*)?"
    r"(?P<owner>[^\s(,\[\]|].*?)\s*(?:\(|,|\s[-–|]\s|무단|all\s+rights|\]|$)",
    re.I,
)
MARKER_MAX_CHARS = 60
COPYRIGHT_MAX_CHARS = 160

# trailing leftovers, popped from the end once the tail is cut
TRAIL_BYLINE = re.compile(
    r"^[/(]?\s*(?:\([^)]{1,20}\)\s*)?(?:[가-힣]{1,6}\s*=\s*|[가-힣]{2,4}\s+)?(?P<name>[가-힣]{2,4})\s*"
    r"(?:선임|수석|객원|인턴)?\s*기자(?:\s*[\w.+\-]+@[\w.\-]*)?\s*$"
)
TRAIL_AGENCY = re.compile(rf"^[/(<]?\s*(?:끝|(?P<site>[가-힣A-Za-z]{{1,10}}{MEDIA_SUFFIX}))\s*[)>]?$")
TRAIL_CREDIT = re.compile(r"^(?:영상\s*취재|영상\s*편집|촬영|그래픽|사진|편집)\s*[:：].{0,30}$")
SIGN_OFF = re.compile(rf"\S*{MEDIA_SUFFIX}\s+(?P<name>[가-힣]{{2,4}})입니다\.")
EMAIL = r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"
BYLINE_PLACE = r"(?:[가-힣]{1,6}\s*[=·]\s*)?"  # 안동·엄재진기자, 광주=서인주기자
REPORTER = r"(?:선임|수석|객원|인턴)?\s*기자"
AGENCY_TAG = r"(?:\([^()]{1,20}\)\s*)?"  # (서울=연합뉴스)
EMAIL_TAIL = re.compile(  # after "/", after a sentence end, or after "홍길동 기자" — not "contact x@y.com"
    rf"(?:\s*[/=]\s*|(?<=[.!?。\"”’)\]])\s*|\s+(?={AGENCY_TAG}{BYLINE_PLACE}[가-힣]{{2,4}}\s*{REPORTER}))"
    rf"{AGENCY_TAG}(?:{BYLINE_PLACE}(?P<name>[가-힣]{{2,4}})\s*{REPORTER}\s*)?[\[(<]?\s*{EMAIL}\s*[\])>]?$"
)
NAME_TAIL = re.compile(r"\s*[<(\[]\s*(?P<name>[가-힣]{2,4})\s*기자\s*[>)\]]$")

TITLE_REPEAT_WITHIN = 25  # a headline repeated this close to the top marks site chrome in between
TITLE_REPEAT_GAP_MAX_CHARS = 100
PROSE_MIN_CHARS = 50
SIGNATURE_WINDOW = 200  # characters at the end of the last line searched for an e-mail byline


def strip_boilerplate(text: str) -> tuple[str, Furniture]:
    """Remove head chrome, the footer after the article and trailing bylines; keep what they said."""
    furniture = Furniture()
    lines = text.split("\n")
    lines = _drop_repeated_title(lines, furniture)
    lines = _strip_head(lines, furniture)
    lines = _cut_tail(lines, furniture)
    lines = _drop_trailing_leftovers(lines, furniture)
    lines = _strip_signature(lines, furniture)
    lines = _drop_repeated_lines(lines)
    return BLANK_RUN.sub("\n\n", "\n".join(lines)).strip(), furniture


# ============================================================================================
# Head
# ============================================================================================


def _drop_repeated_title(lines: list[str], furniture: Furniture) -> list[str]:
    """Line 1 repeated a little further down: everything in between is site chrome."""
    if not lines or not lines[0]:
        return lines
    limit = min(len(lines), TITLE_REPEAT_WITHIN)
    for i in range(1, limit):
        if lines[i] == lines[0]:
            gap = lines[1:i]
            if all(len(line) <= TITLE_REPEAT_GAP_MAX_CHARS for line in gap):
                for line in gap:
                    _harvest(line, furniture)
                return lines[:1] + lines[i + 1 :]
            break
    return lines


def _strip_head(lines: list[str], furniture: Furniture) -> list[str]:
    """Drop chrome lines above the body (and share widgets anywhere), keeping dates and bylines."""
    start = _body_start(lines)
    kept: list[str] = []
    for i, line in enumerate(lines):
        if i == 0 or not line:
            kept.append(line)
            continue
        in_head = i < start
        near_top = i < HEAD_SCAN_LINES
        if INLINE_DROP.match(line) or PUNCT_ONLY.match(line):
            continue
        if (in_head or near_top) and _is_dated_furniture(line, furniture):
            continue
        if in_head and _is_head_chrome(line, furniture):
            continue
        kept.append(line)
    return kept


def _body_start(lines: list[str]) -> int:
    """Index of the first prose line after the title: a long line or one that ends a sentence."""
    for i, line in enumerate(lines[1:], start=1):
        if _is_prose(line) and not (
            HEAD_DATE_LINE.match(line) or HEAD_BYLINE.match(line) or _is_tail_marker(line)
        ):
            return i
    return 1


def _is_prose(line: str) -> bool:
    return len(line) >= PROSE_MIN_CHARS or (len(line) >= 4 and bool(SENTENCE_END.search(line)))


def _is_dated_furniture(line: str, furniture: Furniture) -> bool:
    """Publication-date lines, board headers, bylines and bare date lines near the top."""
    if HEAD_DATE_LINE.match(line) and len(line) <= TITLE_REPEAT_GAP_MAX_CHARS:
        furniture.note_date(line)
        furniture.note_reporter(_leftover_name(line))
        return True
    m = BOARD_LINE.match(line)
    if m:
        furniture.note_date(line)
        return True
    m = HEAD_BYLINE.match(line)
    if m:
        furniture.note_reporter(m.group("ko") or m.group("en"))
        furniture.note_date(line)
        return True
    if is_date_only(line):
        furniture.note_date(line)
        return True
    return False


def _is_head_chrome(line: str, furniture: Furniture) -> bool:
    """UI buttons, breadcrumbs, section names and site-name lines (only above the body)."""
    if HEAD_UI.match(line) or BREADCRUMB.match(line) or SECTION_WORD.match(line):
        return True
    m = SITE_LINE.match(line)
    if m:
        furniture.site = furniture.site or m.group("site")
        return True
    return False


def _harvest(line: str, furniture: Furniture) -> None:
    """Keep the date, byline or site name carried by a chrome line that is being dropped."""
    if not _is_dated_furniture(line, furniture):
        m = SITE_LINE.match(line)
        if m and not furniture.site:
            furniture.site = m.group("site")


def _leftover_name(line: str) -> str | None:
    """`민일녀` in `입력 2014년04월17일 09시47분 민일녀`, `김정욱` in `김정욱 | 기사입력 …`."""
    rest = re.sub(
        r"(?:기사\s*)?(?:입력|수정|승인|등록|작성일?|게재|발행|업데이트|송고)(?:일|일시)?|기자|[|:：•·]",
        " ",
        without_dates(line),
    )
    words = rest.split()
    if len(words) == 1 and re.fullmatch(r"[가-힣]{2,4}", words[0]):
        return words[0]
    return None


# ============================================================================================
# Tail
# ============================================================================================


def _cut_tail(lines: list[str], furniture: Furniture) -> list[str]:
    """Cut at the first footer marker below the body; remember a copyright owner.

    A marker above the article ("Back to news" over the headline's body) is page chrome: it is
    dropped alone, since cutting there would throw the whole article away.
    """
    start = _body_start(lines)
    head = lines[: max(start, 1) + 1]
    kept = head[:1] + [x for x in head[1:] if not (x and _is_tail_marker(x))]
    for i in range(max(start, 1) + 1, len(lines)):
        line = lines[i]
        if line and (_is_copyright(line) or _is_tail_marker(line)):
            if not any(len(x) >= MIN_BODY_LINE and SENTENCE_END.search(x) for x in kept[1:]):
                continue
            for rest in lines[i:]:
                if _is_copyright(rest) and not furniture.publisher:
                    furniture.publisher = _copyright_owner(rest)
            return kept
        kept.append(line)
    return kept


def _is_tail_marker(line: str) -> bool:
    if len(line) <= MARKER_MAX_CHARS and TAIL_MARKER.match(line):
        return True
    if WIRE_SOURCE.match(line):
        return True
    return (len(line) <= COPYRIGHT_MAX_CHARS and bool(TAIL_MARKER_LONG.match(line))) or _is_name_run(line)


def _is_copyright(line: str) -> bool:
    return len(line) <= COPYRIGHT_MAX_CHARS and bool(COPYRIGHT.search(line))


def _copyright_owner(line: str) -> str | None:
    """`서울경제TV` in `[ⓒ 서울경제TV(www.sentv.co.kr), 무단 전재…]`, `상용차신문` in `저작권자 © 상용차신문 …`."""
    m = COPYRIGHT_OWNER.search(line)
    if not m:
        return None
    owner = m.group("owner").strip().rstrip(".").strip()
    if not owner or len(owner) > 40 or re.fullmatch(r"[\W\d_]+", owner):
        return None
    return owner


def _is_name_run(line: str) -> bool:
    """Site/section menus flattened into one line: long Hangul 'words' and no sentence punctuation."""
    if len(line) < 20 or re.search(r"[.!?。,]", line):
        return False
    letters = [c for c in line if c.isalpha()]
    if not letters or sum(1 for c in letters if HANGUL.match(c)) / len(letters) < 0.5:
        return False
    words = line.split()
    return sum(len(w) for w in words) / len(words) >= 10


def _drop_trailing_leftovers(lines: list[str], furniture: Furniture) -> list[str]:
    """Pop bylines, agency tags, credits, print-page dates and widgets left at the very end."""
    lines = list(lines)
    while lines:
        line = lines[-1]
        if not line:
            lines.pop()
            continue
        if len(lines) <= 1:
            break
        m = TRAIL_BYLINE.match(line)
        if m:
            furniture.note_reporter(m.group("name"))
        elif (agency := TRAIL_AGENCY.match(line)) is not None:
            furniture.site = furniture.site or agency.group("site")
        elif is_date_only(line):
            furniture.note_date(line)
        elif not (
            TRAIL_CREDIT.match(line)
            or HEAD_UI.match(line)
            or INLINE_DROP.match(line)
            or PUNCT_ONLY.match(line)
            or _site_line(line, furniture)
        ):
            break
        lines.pop()
    return lines


def _site_line(line: str, furniture: Furniture) -> bool:
    m = SITE_LINE.match(line)
    if m:
        furniture.site = furniture.site or m.group("site")
    return m is not None


def _strip_signature(lines: list[str], furniture: Furniture) -> list[str]:
    """Remove a reporter e-mail (or `<홍길동 기자>`) glued to the end of the last sentence."""
    if not lines:
        return lines
    last = lines[-1]
    cut = max(0, len(last) - SIGNATURE_WINDOW)  # only the end matters; keeps a huge line linear
    sign_off = SIGN_OFF.search(last, cut)
    if sign_off:
        furniture.note_reporter(sign_off.group("name"))
    for pattern in (EMAIL_TAIL, NAME_TAIL):
        m = pattern.search(last, max(0, len(last) - SIGNATURE_WINDOW))
        if m and last[: m.start()].strip():
            furniture.note_reporter(m.group("name"))
            last = last[: m.start()].rstrip()
    return lines[:-1] + [last]


def _drop_repeated_lines(lines: list[str]) -> list[str]:
    """A line identical to the previous non-blank line is a duplicated caption or headline."""
    kept: list[str] = []
    previous = None
    for line in lines:
        if line and line == previous:
            continue
        kept.append(line)
        if line:
            previous = line
    return kept
