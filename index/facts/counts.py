"""Numbers with units: people, firms, money, area, jobs.

Korean numbers mix digits and numerals (`천 3백여개`, `7백 40억원`, `18만 2210㎡`, `2천400여개사`),
so they are parsed section by section (조/억/만, then 천/백/십). Only whitelisted units count, which
keeps durations (`3개월`, `10년간`), ordinals (`제57회`, `3층`) and bare years (2018) out. English:
`About 410 workers`, `almost 2,300 new jobs`, `$12 billion investment`, `80,000 square feet`.
"""

from __future__ import annotations

import re

from index.facts._common import Unit, fact
from index.models import Fact

_NUM = r"\d(?:[\d,]*\d)?(?:\.\d+)?"
_BARE_THOUSAND = r"(?<![가-힣\d,.])[천백](?=\s?\d)"
_MAG_CHUNK = rf"{_NUM}\s?[조억만천백십]"
_KO_NUM = rf"(?:(?:{_BARE_THOUSAND}|{_MAG_CHUNK})\s?)*(?:{_MAG_CHUNK}|{_NUM})"
# a one-syllable unit must end the word or take a particle: `2030 평가` is not 2030 평
_UNIT_END = r"(?=[\s,.)(·~∼\]]|$|이|가|을|를|의|에|은|는|과|와|도|씩|으로|로|만|규모|당|중|대|씩|째|까지|부터|이상|가량|정도)"
_KO_UNITS = (
    rf"개\s?사(?=[\s,.()·]|$|[와과가는의를중도에])|개국(?!내)|개소|개\s?업체|개\s?기업|개(?![월년])|"
    rf"(?:명|곳|社|건|원|평|톤){_UNIT_END}|업체|달러|㎡|m²|m2|㎢|헥타르"
)
_KO_COUNT = re.compile(
    rf"(?<![\d,.A-Za-z])(?P<pre>(?:약|총|모두|최대|최소|연간|무려)\s?)?"
    rf"(?P<num>{_KO_NUM})(?:\s?[~∼-]\s?(?P<num2>{_KO_NUM}))?"
    rf"(?P<approx>\s?여|\s?餘)?\s?(?P<unit>{_KO_UNITS}|(?<=[억조])(?=\s?규모|\s?투자|을|를|의|이|,))"
    rf"(?P<post>\s?이상|\s?가량|\s?남짓|\s?안팎|\s?내외|\s?정도)?"
)
_KO_SMALL = {"천": 1000, "백": 100, "십": 10}
_KO_BIG = {"조": 10**12, "억": 10**8, "만": 10**4}
_KO_NOUN_STOP = re.compile(
    r"^(?:등|이상|중|규모|가량|정도|이|가|을|를|의|에|와|과|로|으로|및|또는|씩|당|내외|안팎|남짓|대|외|내|"
    r"[가-힣]*(?:다|[가-힣]고|[가-힣]며|[가-힣]면|해서|어서|아서|여서|하여|되어|있어|없어|[가-힣]해|"
    r"[가-힣]한|[가-힣]된|[가-힣]될|[가-힣]할|[가-힣]던|하는|되는|있는|없는|지만|는데|니다))$"
)
_KO_CONTEXT = re.compile(
    r"참석|참여|참가|초청|고용|채용|일자리|창출|투자|유치|이전|입주|협약|생산|매출|부지|수출|유발|방문|설립|건설|"
    r"신설|증설|모집|선정|지원|입점|제출"
)
_KO_PARTICLE = re.compile(r"(?:이|가|을|를|의|에|와|과|로|으로|은|는|도|에서|이며|이고|까지|부터|만|씩)$")

_APPROX = r"(?P<approx>approximately|about|nearly|almost|more\s+than|over|roughly|around|up\s+to|at\s+least|some|an\s+estimated)"
_EN_UNITS = (
    r"jobs?|employees?|workers?|people|positions|staff(?:ers)?|residents|companies|firms|businesses|"
    r"suppliers|stores|locations|offices|buildings|plants|facilities|states|countries|acres|"
    r"square[- ](?:feet|foot)|sq\.?\s?ft\.?|SF|units|homes|students|members|attendees|participants|"
    r"executives|CEOs|engineers|vehicles|hectares|tenants|projects|hires"
)
_EN_QTY = re.compile(
    rf"(?:\b{_APPROX}\s+)?(?<![\w$.,])(?P<num>{_NUM})(?:\s+(?P<mag>million|billion|thousand))?"
    rf"(?:-|\s+)(?P<mid>(?:[a-z][\w-]*\s+){{0,3}}?)(?P<unit>{_EN_UNITS})\b",
    re.IGNORECASE,
)
_EN_MONEY = re.compile(
    rf"(?:\b{_APPROX}\s+)?\$\s?(?P<num>{_NUM})(?:\s*(?P<mag>million|billion|trillion|thousand|[MBK]\b|mil\.|bn\b))?"
    r"(?P<tail>(?:[\s-]+(?:[a-z][\w-]*)){0,3})",
    re.IGNORECASE,
)
_EN_MAG = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mil.": 1e6,
    "billion": 1e9,
    "b": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
}
_EN_MONEY_NOUN = re.compile(
    r"\b(investments?|plan|grant|package|incentives?|revenue|salary|expansion|project|facility|plant|"
    r"acquisition|deal|contract|fund|loan|credit|capital|budget|sales|payroll|wages?)\b"
)
_EN_CONTEXT = re.compile(
    r"\b(?:attend\w*|employ\w*|hir\w+|jobs?|invest\w*|mov\w+|relocat\w*|creat\w+|revenue|add\w*|retain\w*|"
    r"occupy|lease\w*|build\w*|expand\w*|acquisition|grant|incentive\w*|salary)\b",
    re.IGNORECASE,
)


def ko_value(num: str) -> float:
    """`천 3백` → 1300, `4,100억` → 410000000000, `18만 2210` → 182210."""
    total = 0.0
    section = 0.0
    cur: float | None = None
    for tok in re.finditer(r"\d+(?:\.\d+)?|[조억만천백십]", num.replace(",", "").replace(" ", "")):
        t = tok.group(0)
        if t[0].isdigit():
            cur = float(t)
        elif t in _KO_SMALL:
            section += (cur if cur is not None else 1) * _KO_SMALL[t]
            cur = None
        else:
            section += cur or 0
            total += (section or 1) * _KO_BIG[t]
            section, cur = 0.0, None
    return total + section + (cur or 0)


def _words(view: str, s: int, e: int) -> list[re.Match[str]]:
    return list(re.finditer(r"[^\s,.()\[\]‘’“”\"']+", view[s:e]))


def _ko_noun(view: str, unit: Unit, s: int, e: int, unit_word: str) -> str | None:
    """The counted noun: the word right after the number if it is a noun, else the word before."""
    if unit_word in ("업체", "기업") or unit_word.endswith(("업체", "기업")):
        return unit_word[-2:]
    gen = re.match(r"의\s+([^\s,.()]+)", view[e : min(unit.end, e + 30)])
    if gen:  # `5백여개의 일터`
        w = _KO_PARTICLE.sub("", gen.group(1)) or gen.group(1)
        if not _KO_NOUN_STOP.match(w) and not re.match(r"\d", w):
            return w
    after = _words(view, e, min(unit.end, e + 30))
    if after and view[e : e + after[0].start()].strip() == "":
        w = _KO_PARTICLE.sub("", _KO_PARTICLE.sub("", after[0].group(0)))
        if w and not _KO_NOUN_STOP.match(w) and not re.match(r"\d", w):
            return w
    before = _words(view, max(unit.start, s - 30), s)
    for m in reversed(before[-2:]):
        w = m.group(0)
        if w in ("등", "및", "총", "모두", "약"):
            continue
        if _KO_NOUN_STOP.match(w) or _KO_PARTICLE.search(w) or re.search(r"\d", w):
            return None
        return w
    if unit_word in ("개사", "개 사", "社"):
        return "기업"
    return None


def _context(view: str, unit: Unit, s: int, e: int, rx: re.Pattern[str]) -> str | None:
    """The nearest keyword after the number (else before it), joined with an adjacent one (`고용 유발`)."""
    after = list(rx.finditer(view, e, min(unit.end, e + 30)))
    before = list(rx.finditer(view, max(unit.start, s - 30), s))
    found = after[:2] if after else before[-2:]
    if not found:
        return None
    if len(found) == 2 and view[found[0].end() : found[1].start()].strip() == "":
        return view[found[0].start() : found[1].end()]
    return (found[0] if after else found[-1]).group(0)


def _korean(view: str, unit: Unit) -> list[Fact]:
    facts = []
    for m in _KO_COUNT.finditer(view, unit.start, unit.end):
        num = m.group("num")
        value = ko_value(num)
        if value == 0:
            continue
        unit_word = re.sub(r"\s", "", m.group("unit"))
        last_mag = re.search(r"([조억만])\s?$", num)
        if unit_word == "원" and last_mag:
            unit_word = last_mag.group(1) + "원"
        elif unit_word == "" and last_mag:
            unit_word = last_mag.group(1)
        elif unit_word.startswith("개") and len(unit_word) > 1 and unit_word not in ("개사", "개국", "개소"):
            unit_word = unit_word[1:]  # `7개 업체` → 업체
        s = m.start("num") if not (m.group("pre") or "").startswith("약") else m.start()
        e = m.end("post") if m.group("post") else m.end()
        while e > s and view[e - 1].isspace():
            e -= 1
        approx = bool(m.group("approx") or (m.group("pre") or "").startswith("약") or m.group("post"))
        fields = {
            "text": view[s:e],
            "value": value,
            "unit": unit_word,
            "noun": _ko_noun(view, unit, s, e, unit_word),
            "approx": approx,
            "context": _context(view, unit, s, e, _KO_CONTEXT),
        }
        facts.append(fact("count", fields, unit, (s, e)))
    return facts


def _en_value(num: str, mag: str | None) -> float:
    return float(num.replace(",", "")) * (_EN_MAG.get(mag.lower(), 1) if mag else 1)


def _english(view: str, unit: Unit) -> list[Fact]:
    facts = []
    for m in _EN_QTY.finditer(view, unit.start, unit.end):
        num = m.group("num")
        if re.fullmatch(r"(?:19|20)\d\d", num) and re.search(
            r"\b(?:in|by|since|of)\s*$", view[max(0, m.start() - 8) : m.start()]
        ):
            continue
        s, e = m.span()
        unit_word = m.group("unit").lower()
        fields = {
            "text": view[s:e],
            "value": _en_value(num, m.group("mag")),
            "unit": unit_word,
            "noun": unit_word,
            "approx": bool(m.group("approx")),
            "context": _context(view, unit, s, e, _EN_CONTEXT),
        }
        facts.append(fact("count", fields, unit, (s, e)))
    for m in _EN_MONEY.finditer(view, unit.start, unit.end):
        s = m.start()
        e = m.end("mag") if m.group("mag") else m.end("num")
        noun_m = _EN_MONEY_NOUN.search(m.group("tail") or "")
        fields = {
            "text": view[s:e],
            "value": _en_value(m.group("num"), m.group("mag")),
            "unit": "$",
            "noun": noun_m.group(1) if noun_m else None,
            "approx": bool(m.group("approx")),
            "context": _context(view, unit, s, e, _EN_CONTEXT),
        }
        facts.append(fact("count", fields, unit, (s, e)))
    return facts


def extract(view: str, units: list[Unit]) -> list[Fact]:
    """Count facts; the span is the number with its unit as written (`40여개`, `almost 2,300 jobs`)."""
    facts: list[Fact] = []
    for unit in units:
        facts += _korean(view, unit)
        facts += _english(view, unit)
    return facts
