"""Write N small fictional press releases (Korean and English, alternating) into a folder.

    python benchmarks/make_releases.py OUT_DIR [--count 1000] [--seed 7]

For benchmarks that need many releases and not their meaning: each is a title and four sentences
(one quote), so it makes one or two passages. Names, places, dates and numbers are drawn from small
made-up lists with a seeded generator, so the same arguments write the same files.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

KO_ORGS = [
    "한빛경제자유구역청",
    "누리시",
    "가람군",
    "다온구",
    "별빛도",
    "새솔시",
    "푸른항만공사",
    "초록산업진흥원",
]
KO_FIRMS = [
    "가온테크",
    "하늬소재",
    "다솔로보틱스",
    "미르에너지",
    "솔빛바이오",
    "라온정밀",
    "너울소프트",
    "아라배터리",
]
KO_PLACES = ["제1산업단지", "시청 대회의실", "컨벤션센터 2층", "혁신타운 3층", "국제회의장", "창업지원센터"]
KO_EVENTS = ["투자유치 설명회", "업무협약식", "착공식", "기업 간담회", "네트워킹데이", "채용박람회"]
KO_PEOPLE = ["김하늘", "이도윤", "박서진", "최유나", "정민재", "한지우", "오세린", "윤태오"]
EN_ORGS = ["Harbor City", "Greenfield County", "Northgate Authority", "Lakeside Development Board"]
EN_FIRMS = ["Brightwave Inc.", "Copperline Co.", "Tidewater Labs", "Summit Robotics", "Bluefern Energy"]
EN_PLACES = ["the Riverside Convention Center", "City Hall", "the Innovation Hub", "the Harbor Pavilion"]
EN_EVENTS = ["investment forum", "signing ceremony", "groundbreaking", "job fair", "business briefing"]
EN_PEOPLE = ["Alex Morgan", "Jamie Chen", "Riley Park", "Taylor Brooks", "Jordan Lee", "Casey Kim"]


def _josa(word: str, after_consonant: str, after_vowel: str) -> str:
    """The particle form that fits the last syllable of `word` (은/는, 과/와)."""
    last = ord(word[-1]) - 0xAC00
    return word + (after_consonant if 0 <= last < 11172 and last % 28 else after_vowel)


def korean(rng: random.Random, i: int) -> str:
    org, firm, place, event, person = (
        rng.choice(x) for x in (KO_ORGS, KO_FIRMS, KO_PLACES, KO_EVENTS, KO_PEOPLE)
    )
    month, day, count, won = rng.randint(1, 12), rng.randint(1, 28), rng.randint(20, 400), rng.randint(5, 900)
    return (
        f"{org}, {_josa(firm, '과', '와')} {event} 개최 (제{i}호)\n"
        f"{_josa(org, '은', '는')} {month}월 {day}일 오후 2시 {place}에서 기업 관계자 {count}여명이 참석한 가운데 {_josa(event, '을', '를')} 열었다.\n"
        f"이날 {_josa(firm, '은', '는')} {won}억원을 들여 공장을 새로 짓고 {count // 2}명을 채용하겠다고 밝혔다.\n"
        f"{person} 청장은 “{firm}의 투자가 지역 경제에 큰 힘이 될 것”이라고 말했다.\n"
        f"{_josa(org, '은', '는')} 앞으로도 기업 유치를 위한 행사를 이어갈 계획이다.\n"
    )


def english(rng: random.Random, i: int) -> str:
    org, firm, place, event, person = (
        rng.choice(x) for x in (EN_ORGS, EN_FIRMS, EN_PLACES, EN_EVENTS, EN_PEOPLE)
    )
    month = rng.choice(["March", "May", "July", "September", "November"])
    day, count, jobs = rng.randint(1, 28), rng.randint(20, 400), rng.randint(10, 500)
    return (
        f"{org} Hosts {firm} at {event.title()} No. {i}\n"
        f"{org} held a {event} with {firm} at {place} on {month} {day}, with about {count} business leaders attending.\n"
        f"{firm} said it will open a new plant and hire {jobs} people over the next three years.\n"
        f'"This investment shows what our region can offer," said {person}, who leads economic development for {org}.\n'
        f"More events of this kind are planned for next year.\n"
    )


def write_releases(out: Path, count: int, seed: int = 7) -> list[Path]:
    """Write `count` releases as `NNNN-ko.txt` / `NNNN-en.txt`; returns their paths."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        lang = "ko" if i % 2 == 0 else "en"
        text = korean(rng, i) if lang == "ko" else english(rng, i)
        path = out / f"{i:04d}-{lang}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(f"wrote {len(write_releases(args.out, args.count, args.seed))} releases to {args.out}")


if __name__ == "__main__":
    main()
