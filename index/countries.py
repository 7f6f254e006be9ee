"""Country names in English and Korean: a fixed reference table (what an atlas lists), so a place
can be told apart as a country from a city or a province. Not names found in any data set."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_COUNTRIES = """\
United States|U.S.|US|USA|U.S.A.|America|미국
South Korea|Korea|Republic of Korea|ROK|한국|대한민국
North Korea|북한
Japan|일본
China|PRC|중국
Taiwan|대만
Hong Kong|홍콩
Vietnam|Viet Nam|베트남
Thailand|태국
Indonesia|인도네시아
Malaysia|말레이시아
Singapore|싱가포르
Philippines|필리핀
India|인도
Pakistan|파키스탄
Bangladesh|방글라데시
Mongolia|몽골
Kazakhstan|카자흐스탄
Uzbekistan|우즈베키스탄
Australia|호주
New Zealand|뉴질랜드
Canada|캐나다
Mexico|멕시코
Brazil|브라질
Argentina|아르헨티나
Chile|칠레
Peru|페루
Colombia|콜롬비아
United Kingdom|U.K.|UK|Britain|Great Britain|England|영국
Ireland|아일랜드
France|프랑스
Germany|독일
Italy|이탈리아
Spain|스페인
Portugal|포르투갈
Netherlands|the Netherlands|Holland|네덜란드
Belgium|벨기에
Switzerland|스위스
Austria|오스트리아
Sweden|스웨덴
Norway|노르웨이
Denmark|덴마크
Finland|핀란드
Poland|폴란드
Czech Republic|Czechia|체코
Hungary|헝가리
Romania|루마니아
Bulgaria|불가리아
Greece|그리스
Turkey|Türkiye|튀르키예|터키
Russia|러시아
Ukraine|우크라이나
Israel|이스라엘
Saudi Arabia|Saudi|사우디아라비아|사우디
United Arab Emirates|UAE|아랍에미리트
Qatar|카타르
Kuwait|쿠웨이트
Iran|이란
Iraq|이라크
Egypt|이집트
South Africa|남아프리카공화국|남아공
Nigeria|나이지리아
Kenya|케냐
Morocco|모로코"""


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip(" ,.")
    return re.sub(r"^the\s+", "", text, flags=re.I).replace(".", "").replace(" ", "").lower()


@lru_cache(maxsize=1)
def _spellings() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in _COUNTRIES.splitlines():
        names = line.split("|")
        for name in names:
            out[_key(name)] = names[0]
    return out


def country_of(phrase: str) -> str | None:
    """The country a whole place phrase names (`the U.S.` → United States, `베트남` → Vietnam)."""
    key = _key(phrase)
    bare = re.sub(r"^the\s+", "", phrase.strip(" ,."), flags=re.I).replace(".", "")
    if len(key) <= 3 and not bare.isupper() and not re.search(r"[가-힣]", phrase):
        return None  # `us` is a word; only `US`, `U.S.` name the country
    return _spellings().get(key)
