"""Dates and times with an ISO reading and the event they belong to.

Korean: `2023년 5월 11일`, `15일 오전 11시`, `지난 8일 오후 4시`, `오는27일`, `24, 25일`, `오늘(5일)`,
`2011년부터`, `8월말`, `내년 상반기`; English: `June 3, 2019`, `Sept. 14, 2020`, `later this year`,
`by 2018`, `the second quarter of 2027`, `10 a.m.`. Adjacent pieces (`15일` + `오전 11시`) are merged into
one expression. A bare day is resolved against the release date when one is given. `3일간` (a
duration) and `일대/일원/일자리` are not days.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from index.dates import MONTH_NAME, MONTHS
from index.facts._common import Unit, fact
from index.models import Fact

_D = r"(?:[12]\d|3[01]|0?[1-9])"
_M = r"(?:1[0-2]|0?[1-9])"
_Y = r"(?:19[5-9]\d|20\d{2})"
_DAY_END = r"일(?![대원부반자정환각어손본상요간동째차당시회])"
_PRE = r"(?:(?P<pre>지난|오는|이달|다음\s?달|내달)\s?)?"
_KO_PATTERNS = [
    re.compile(rf"(?<![\d,.]){_PRE}(?P<y>{_Y})\s?년\s?(?P<m>{_M})\s?월(?:\s?(?P<d>{_D})\s?{_DAY_END})?"),
    re.compile(rf"(?<![\d,.]){_PRE}(?P<m>{_M})\s?월\s?(?P<d>{_D})(?:\s?[,~∼-]\s?(?P<d2>{_D}))?\s?{_DAY_END}"),
    re.compile(rf"(?<![\d,.]){_PRE}(?P<d>{_D})(?:\s?[,~∼-]\s?(?P<d2>{_D}))?\s?{_DAY_END}(?!간|동안)"),
    re.compile(rf"(?:오늘|내일|어제|모레)\s?\(\s?(?P<d>{_D})\s?일\s?\)"),
    re.compile(
        rf"(?<![\d,.])(?P<y>{_Y})\s?년(?:도)?(?:\s?(?:부터|까지|께|경|말|초|중|상반기|하반기|이후|이전|들어|에|엔))?(?!간|대)"
    ),
    re.compile(rf"(?<![\d,.~-])(?P<m>{_M})\s?월(?:\s?(?:말|초|중순|초순|하순|중))?(?![가-힣])"),
    re.compile(
        r"(?P<ampm>오전|오후|낮|밤|새벽|저녁|아침)\s?(?P<h>\d{1,2})\s?시(?:\s?(?P<mi>\d{1,2})\s?분|\s?반)?"
    ),
    re.compile(
        r"(?P<rel>올해|내년|지난해|작년|금년|이달|다음\s?달|내달|지난달)(?:\s?(?:상반기|하반기|초|말|중순|중))?"
    ),
]
_KO_CLOCK_ONLY = re.compile(r"\s?(?P<h>\d{1,2})\s?시(?:\s?(?P<mi>\d{1,2})\s?분)?(?:부터|까지)?")
_KO_SUFFIX = re.compile(r"(?:부터|까지|께|경)")

_MON = rf"(?P<mon>{MONTH_NAME})"
_EN_PATTERNS = [
    # numeric dates in either language: `2023. 5. 11.`, `2011-06-21 12:27`, `2014/04/09`
    re.compile(
        rf"(?<![\d.])(?P<y>{_Y})\s?([.\-/])\s?(?P<m>{_M})\s?\2\s?(?P<d>{_D})(?!\d)(?:\s(?P<h>\d{{1,2}}):(?P<mi>\d{{2}}))?"
    ),
    re.compile(rf"\b{_MON}\.?\s+(?P<d>{_D})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>{_Y})\b)?"),
    re.compile(rf"\b(?P<d>{_D})\s+{_MON}\.?,?\s+(?P<y>{_Y})\b"),
    re.compile(rf"\b{_MON}\.?,?\s+(?:of\s+)?(?P<y>{_Y})\b"),
    re.compile(
        rf"\b(?:(?:by|since|until|through|from|before|after|in|during|as of|starting in|beginning in|"
        rf"early|late|mid-?)\s+)(?:the\s+(?:end|start|beginning|middle|first half|second half|"
        rf"(?:first|second|third|fourth)\s+quarter|fall|spring|summer|winter|autumn)\s+of\s+)?(?P<y>{_Y})\b(?!\s*(?:square|sq|acres|jobs|employees|people|workers|units))"
    ),
    re.compile(
        r"\b(?:(?:later|earlier)\s+this\s+(?:year|month|spring|summer|fall|autumn|winter|week)|"
        r"(?:this|next|last)\s+(?:year|month|spring|summer|fall|autumn|winter|week|quarter)|"
        r"by\s+(?:the\s+)?end\s+of\s+(?:the\s+|this\s+|next\s+)?(?:year|month|decade|quarter))\b"
    ),
    re.compile(r"\b(?:in\s+)?the\s+(?:early|mid|late)[- ](?P<y>(?:19|20)\d0)s\b"),
    re.compile(r"\b(?P<h>\d{1,2})(?::(?P<mi>\d{2}))?\s?(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)"),
    re.compile(r"\b(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
]

_KO_EVENTS = [
    (r"개최|열린|열렸|열리|열어|열었|연다|열고|여는|가졌|갖는|가진|갖고|가질|진행", "개최"),
    (r"착공", "착공"),
    (r"준공|완공", "준공"),
    (r"시작|개시|출발", "시작"),
    (r"체결|협약|서명|양해각서|MOU", "체결"),
    (r"가동", "가동"),
    (r"이전|옮기|옮겨|이주", "이전"),
    (r"입주", "입주"),
    (r"개막|개장|오픈|개소", "개막"),
    (r"완료|마무리|마친|마쳤", "완료"),
    (r"설립|창업|출범", "설립"),
    (r"신설|건립|건설|조성|증설|짓", "건설"),
    (r"투자|들여|투입", "투자"),
    (r"발표|밝혔|공개", "발표"),
    (r"참석|참가|방문|초청", "참석"),
    (r"게재|방송|공고", "게재"),
    (r"계약", "계약"),
]
_KO_SECONDARY = {"투자", "발표", "참석", "게재"}
_KO_EVENT_RE = re.compile("|".join(f"(?P<e{i}>{p})" for i, (p, _) in enumerate(_KO_EVENTS)))
_EN_EVENTS = [
    (r"begin|began|begins|beginning|start|started|starts", "begin"),
    (r"open|opened|opens|opening", "open"),
    (r"relocat\w*", "relocate"),
    (r"move|moved|moves|moving", "move"),
    (r"complet\w*|finish\w*", "complete"),
    (r"groundbreaking|broke ground|break ground|breaks ground", "break ground"),
    (r"sign|signed|signs|signing", "sign"),
    (r"announc\w*", "announce"),
    (r"launch\w*", "launch"),
    (r"expire\w*|expiration", "expire"),
    (r"clos\w+", "close"),
    (r"operational|operate\w*", "operate"),
    (r"hir\w+|creat\w+|add\w*", "hire"),
    (r"lease\w*", "lease"),
    (r"built|build\w*|construct\w*", "build"),
    (r"founded|began in|established", "found"),
    (r"invest\w*", "invest"),
]
_EN_EVENT_RE = re.compile(
    r"\b(?:" + "|".join(f"(?P<e{i}>{p})" for i, (p, _) in enumerate(_EN_EVENTS)) + r")\b"
)


_KO_VERBAL = re.compile(r"(?:하|했|한|할|해|된|됐|되|키로|합|중)")
_KO_CLAUSE_END = re.compile(r"다[.,]|다\s|습니다|며,|고,")


def _event(view: str, unit: Unit, s: int, e: int, korean: bool) -> str | None:
    """The event keyword for the time expression.

    Korean puts the predicate last, so the first keyword used as a verb (`체결했다`, `열린`) after the
    expression wins, then any keyword just after it, then one before it; English puts the verb first
    (`will begin on Sept. 14`), so the nearest keyword before it wins.
    """
    rx, table = (_KO_EVENT_RE, _KO_EVENTS) if korean else (_EN_EVENT_RE, _EN_EVENTS)
    if korean:
        stop = _KO_CLAUSE_END.search(view, e, min(unit.end, e + 90))
        after = list(rx.finditer(view, e, stop.end() if stop else min(unit.end, e + 90)))

        def rank(m: re.Match[str]) -> tuple[int, int, int]:
            primary = table[int(m.lastgroup[1:])][1] not in _KO_SECONDARY
            verbal = bool(_KO_VERBAL.match(view, m.end())) or m.group(0).startswith(("열", "가", "갖"))
            return (primary, verbal, -m.start())  # the nearest predicate the expression modifies

        before = list(rx.finditer(view, max(unit.start, s - 40), s))
        order = sorted(after, key=rank)[-1:] + before[-1:]
    else:
        before = list(rx.finditer(view, max(unit.start, s - 90), s))
        after = list(rx.finditer(view, e, min(unit.end, e + 60)))
        order = before[-1:] + after[:1]
    for m in order:
        return table[int(m.lastgroup[1:])][1]
    return None


def _release_day(release_date: str | None) -> date | None:
    if not release_date:
        return None
    try:
        return date.fromisoformat(release_date[:10])
    except ValueError:
        return None


def _resolve_day(day: int, pre: str | None, ref: date) -> str | None:
    """A bare `N일` as the closest such date to the release date (past for 지난, future for 오는)."""
    cands = []
    for delta in (-1, 0, 1):
        y, m = ref.year, ref.month + delta
        if m == 0:
            y, m = y - 1, 12
        elif m == 13:
            y, m = y + 1, 1
        try:
            cands.append(date(y, m, day))
        except ValueError:
            continue
    if pre == "지난":
        cands = [c for c in cands if c <= ref] or cands
    elif pre == "오는":
        cands = [c for c in cands if c >= ref] or cands
    if not cands:
        return None
    best = min(cands, key=lambda c: abs((c - ref).days))
    return best.isoformat() if abs((best - ref).days) <= 45 else None


def _iso(g: dict[str, str | None], ref: date | None, korean: bool) -> str | None:
    y = int(g["y"]) if g.get("y") else None
    mon = g.get("mon")
    m = MONTHS[mon[:3].lower()] if mon else (int(g["m"]) if g.get("m") else None)
    d = int(g["d"]) if g.get("d") else None
    rel = g.get("rel")
    en_rel = re.search(r"\b(this|next|last)\s+year\b", g.get("text", ""))
    if en_rel and ref:
        return str(ref.year + {"this": 0, "next": 1, "last": -1}[en_rel.group(1)])
    if rel and ref:
        rel = re.sub(r"\s", "", rel)
        shift = {"올해": 0, "금년": 0, "내년": 1, "지난해": -1, "작년": -1}.get(rel)
        if shift is not None:
            return str(ref.year + shift)
        first = ref.replace(day=1)
        if rel == "이달":
            return first.isoformat()[:7]
        if rel in ("다음달", "내달"):
            return (first + timedelta(days=32)).replace(day=1).isoformat()[:7]
        if rel == "지난달":
            return (first - timedelta(days=1)).isoformat()[:7]
    if y is None and ref is not None and m is not None:
        y = ref.year
        if abs(date(y, m, 1).toordinal() - ref.toordinal()) > 200:
            y += 1 if m < ref.month else -1
    if y is not None and m is not None and d is not None:
        try:
            return date(y, m, d).isoformat()
        except ValueError:
            return f"{y:04d}-{m:02d}"
    if y is not None and m is not None:
        return f"{y:04d}-{m:02d}"
    if m is None and d is not None and ref is not None:
        return _resolve_day(d, g.get("pre"), ref)
    if y is not None and d is None:
        return f"{y:04d}"
    return None


def _spans(view: str, unit: Unit, patterns: list[re.Pattern[str]]) -> list[tuple[int, int, dict]]:
    """Non-overlapping matches, earlier patterns (more specific) first."""
    taken: list[tuple[int, int, dict]] = []
    for rx in patterns:
        for m in rx.finditer(view, unit.start, unit.end):
            s, e = m.span()
            while e > s and view[e - 1].isspace():
                e -= 1
            if any(s < te and ts < e for ts, te, _ in taken):
                continue
            taken.append((s, e, {k: v for k, v in m.groupdict().items() if v}))
    return sorted(taken, key=lambda t: t[0])


def _merge(view: str, spans: list[tuple[int, int, dict]], korean: bool) -> list[tuple[int, int, dict]]:
    """Join pieces separated only by spaces (`20일` + `오후 3시`, `Sept. 14, 2020` + `at 9 a.m.`)."""
    out: list[tuple[int, int, dict]] = []
    for s, e, g in spans:
        if out:
            ps, pe, pg = out[-1]
            gap = view[pe:s]
            joinable = gap.strip() == "" if korean else re.fullmatch(r"\s*(?:,\s*)?(?:at\s+)?", gap)
            if joinable and len(gap) <= 4 and not (set(pg) & set(g) - {"pre"}):
                out[-1] = (ps, e, {**g, **pg})
                continue
        out.append((s, e, g))
    return out


def extract(view: str, units: list[Unit], release_date: str | None = None) -> list[Fact]:
    """Time facts; the span is the time expression as written."""
    ref = _release_day(release_date)
    facts = []
    for unit in units:
        for korean, patterns in ((True, _KO_PATTERNS), (False, _EN_PATTERNS)):
            for s, e, g in _merge(view, _spans(view, unit, patterns), korean):
                if korean and ("d" in g or "ampm" in g):
                    clock = _KO_CLOCK_ONLY.match(view, e)
                    if clock and "h" not in g and "ampm" not in g:
                        e = clock.end()
                    suf = _KO_SUFFIX.match(view, e)
                    if suf:
                        e = suf.end()
                if korean and not re.search(r"[가-힣]", view[s:e]):
                    continue
                g["text"] = view[s:e]
                fields = {
                    "text": view[s:e],
                    "iso": _iso(g, ref, korean),
                    "event": _event(view, unit, s, e, korean),
                }
                facts.append(fact("time", fields, unit, (s, e)))
    return facts
