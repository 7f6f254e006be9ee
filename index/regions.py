"""Top-level regions (Korea's provinces and metropolitan cities, the US states) and their spellings.

Archive filters compare places written many ways: a question says `충북`, a release `충청북도`, an
English release `North Chungcheong`; `지방` means any region outside the capital area. This is a
fixed reference table of administrative divisions (what a postal form lists), not names found in
any data set; places below this level (cities, parks) are matched as written.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# region key → spellings (the first Korean one is the short form used in answers)
KO_REGIONS: dict[str, tuple[str, ...]] = {
    "서울": ("서울", "서울시", "서울특별시", "Seoul"),
    "부산": ("부산", "부산시", "부산광역시", "Busan"),
    "대구": ("대구", "대구시", "대구광역시", "Daegu"),
    "인천": ("인천", "인천시", "인천광역시", "Incheon"),
    "광주": ("광주광역시", "Gwangju"),  # `광주시` is also a city in 경기: not a spelling
    "대전": ("대전", "대전시", "대전광역시", "Daejeon"),
    "울산": ("울산", "울산시", "울산광역시", "Ulsan"),
    "세종": ("세종", "세종시", "세종특별자치시", "Sejong"),
    "경기": ("경기", "경기도", "Gyeonggi", "Gyeonggi Province", "Gyeonggi-do"),
    "강원": ("강원", "강원도", "강원특별자치도", "Gangwon", "Gangwon Province"),
    "충북": ("충북", "충청북도", "North Chungcheong", "Chungcheongbuk-do", "Chungbuk"),
    "충남": ("충남", "충청남도", "South Chungcheong", "Chungcheongnam-do", "Chungnam"),
    "전북": ("전북", "전라북도", "전북특별자치도", "North Jeolla", "Jeollabuk-do", "Jeonbuk"),
    "전남": ("전남", "전라남도", "South Jeolla", "Jeollanam-do", "Jeonnam"),
    "경북": ("경북", "경상북도", "North Gyeongsang", "Gyeongsangbuk-do", "Gyeongbuk"),
    "경남": ("경남", "경상남도", "South Gyeongsang", "Gyeongsangnam-do", "Gyeongnam"),
    "제주": ("제주", "제주도", "제주특별자치도", "Jeju"),
}
KO_CAPITAL_AREA = frozenset({"서울", "경기", "인천"})
# words for a group of regions: the capital area and everywhere outside it
KO_REGION_SETS: dict[str, frozenset[str]] = {
    "수도권": KO_CAPITAL_AREA,
    "capital area": KO_CAPITAL_AREA,
    "지방": frozenset(KO_REGIONS) - KO_CAPITAL_AREA,
    "비수도권": frozenset(KO_REGIONS) - KO_CAPITAL_AREA,
    "지역": frozenset(KO_REGIONS) - KO_CAPITAL_AREA,
    "충청권": frozenset({"충북", "충남", "대전", "세종"}),
    "호남": frozenset({"전북", "전남", "광주"}),
    "영남": frozenset({"경북", "경남", "대구", "부산", "울산"}),
}

US_STATES: dict[str, tuple[str, ...]] = {
    name: (name, *abbrevs)
    for name, *abbrevs in (
        line.split("|")
        for line in """Alabama|AL|Ala.
Alaska|AK
Arizona|AZ|Ariz.
Arkansas|AR|Ark.
California|CA|Calif.
Colorado|CO|Colo.
Connecticut|CT|Conn.
Delaware|DE|Del.
Florida|FL|Fla.
Georgia|GA|Ga.
Hawaii|HI
Idaho|ID
Illinois|IL|Ill.
Indiana|IN|Ind.
Iowa|IA
Kansas|KS|Kan.
Kentucky|KY|Ky.
Louisiana|LA|La.
Maine|ME
Maryland|MD|Md.
Massachusetts|MA|Mass.
Michigan|MI|Mich.
Minnesota|MN|Minn.
Mississippi|MS|Miss.
Missouri|MO|Mo.
Montana|MT|Mont.
Nebraska|NE|Neb.
Nevada|NV|Nev.
New Hampshire|NH|N.H.
New Jersey|NJ|N.J.
New Mexico|NM|N.M.
New York|NY|N.Y.
North Carolina|NC|N.C.
North Dakota|ND|N.D.
Ohio|OH
Oklahoma|OK|Okla.
Oregon|OR|Ore.
Pennsylvania|PA|Pa.
Rhode Island|RI|R.I.
South Carolina|SC|S.C.
South Dakota|SD|S.D.
Tennessee|TN|Tenn.
Texas|TX|Texas
Utah|UT
Vermont|VT|Vt.
Virginia|VA|Va.
Washington|WA|Wash.
West Virginia|WV|W.Va.
Wisconsin|WI|Wis.
Wyoming|WY|Wyo.""".splitlines()
    )
}


_KO_REGION_TAIL = re.compile(r"(?:도|시|특별시|광역시)?(?:에서|으로|로|에|의|은|는|이|가|과|와|내|권|지역)?")


def _key(text: str) -> str:
    return re.sub(r"[\s.\-]+", "", unicodedata.normalize("NFKC", text)).lower()


@lru_cache(maxsize=1)
def _spellings() -> dict[str, str]:
    out: dict[str, str] = {}
    for region, names in KO_REGIONS.items():
        for name in names:
            out[_key(name)] = region
    for state, names in US_STATES.items():
        for name in names:
            # two-letter postal codes only in capitals (`IN`, `OR`, `ME` are words too)
            out.setdefault(_key(name) if len(name) > 2 else name, state)
    return out


def region_of(word: str) -> str | None:
    """The region a single place word names (`충청북도` → 충북, `N.C.` → North Carolina)."""
    word = word.strip(" ,.")
    spellings = _spellings()
    if len(word) == 2 and word.isupper():
        return spellings.get(word)
    return spellings.get(_key(word)) or spellings.get(_key(word) + ".")


def regions_in(phrase: str) -> set[str]:
    """Every region a place phrase names (`충북 다올시` → {충북}; `Ashford, North Carolina`)."""
    found: set[str] = set()
    words = re.findall(r"[가-힣]+|[A-Za-z][A-Za-z.\-]*", phrase)
    for n in (3, 2, 1):  # `North Carolina`, `New York`, then single words
        for i in range(len(words) - n + 1):
            region = region_of(" ".join(words[i : i + n]))
            if region:
                found.add(region)
    for word in re.findall(r"[가-힣]+", phrase):  # `충북도`, `경기도에서`: a region glued to an ending
        for size in (4, 3, 2):
            region = region_of(word[:size])
            if region and len(word) > size and _KO_REGION_TAIL.fullmatch(word[size:]):
                found.add(region)
                break
    return found


def query_regions(place: str) -> frozenset[str] | None:
    """Regions a filter place stands for, or None when it is a smaller place matched as written."""
    key = place.strip().lower()
    if key in KO_REGION_SETS:
        return KO_REGION_SETS[key]
    region = region_of(place)
    return frozenset({region}) if region else None
