"""Companies and what the release says they do: relocate, invest, sign an MOU, or are just mentioned.

Korean names are found by their legal markers (`㈜X`, `(주)X`, `X㈜`, `주식회사 X`), by appositions
(`반도체 소재 업체인 X는`, `X(대표 홍길동)`), by lists ending in `등 N개 기업` and by company-like
endings (`…산업`, `…테크`) on the subject of an investment or relocation verb. English names by legal
suffixes (`Inc.`, `Corp.`, `LLC`) and as the subject of business verbs (`Kestrel announced`, `Harbor
Foods, a Canadian snack maker, announced`). The role comes from the verbs in the firm's own
stretch of the sentence (up to the next firm that is a subject), so each firm in a coordinated list
gets its own fact.
"""

from __future__ import annotations

from index.facts import firms_en, firms_ko
from index.facts._common import Unit
from index.models import Fact


def extract(view: str, units: list[Unit], persons: set[str] | None = None) -> list[Fact]:
    """Firm facts; the span is the name as written (with `㈜`, `Inc.` when present)."""
    return firms_ko.extract(view, units) + firms_en.extract(view, units, persons or set())
