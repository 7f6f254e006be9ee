"""Reading release files: encodings, formats, and broken files that must become SkippedFile."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.models import RawDoc, SkippedFile, sha256_hex
from index.sources import decode_bytes, iter_raw_docs, read_raw_doc, read_records

LIMIT = 100_000

KO_TEXT = (
    "청림시, 바이오 기업 3곳과 투자협약 체결\n"
    "[청림=윤다온기자] 청림시는 14일 시청 대회의실에서 ㈜누리바이오 등 3개 기업과 "
    "1만2,500㎡ 부지에 총 420억원을 투자하는 협약을 맺었다.\n"
)

ARTICLE_HTML = """<!doctype html>
<html><head>
  <title>가온테크 본사 이전 | 청림일보</title>
  <meta property="og:site_name" content="청림일보">
  <meta property="og:title" content="가온테크 본사 이전 (og)">
  <meta name="date" content="2024-03-05">
  <link rel="canonical" href="https://news.example.kr/a/101">
  <style>.x { color: red }</style>
  <script>var tracker = "do not index me";</script>
</head>
<body>
  <nav><a href="/">홈</a> <a href="/eco">경제</a></nav>
  <header class="site"><p>청림일보 로고</p></header>
  <div class="ad">광고 문의 02-000-0000</div>
  <article>
    <h1>가온테크, 본사 청림시로 이전</h1>
    <p>㈜가온테크는 5일 본사를
       청림시 산업단지로 옮긴다고 <b>밝혔다</b>.</p>
    <p>이전 규모는 <span>1만㎡</span>이다.<br>직원 150명이 함께 옮긴다.</p>
    <ul><li>1단계: 연구소</li><li>2단계: 공장</li></ul>
    <table><tr><td>투자액</td><td>120억원</td></tr></table>
    <script>alert("x")</script>
    <aside>관련 기사 목록</aside>
    <form><input value="검색"></form>
    <p hidden>숨은 문단</p>
  </article>
  <footer>저작권자 © 청림일보 무단전재 및 재배포 금지</footer>
</body></html>
"""


def write(folder: Path, name: str, data: str | bytes, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode(encoding)
    path.write_bytes(data)
    return path


def one_doc(path: Path, root: Path) -> RawDoc:
    result = read_raw_doc(path, root, LIMIT)
    assert isinstance(result, list), result
    assert len(result) == 1
    return result[0]


# --- walking --------------------------------------------------------------------------------


def test_walk_is_sorted_recursive_and_skips_hidden_and_unknown_types(tmp_path):
    write(tmp_path, "b.txt", KO_TEXT)
    write(tmp_path, "a.md", "# 제목\n본문이다.\n")
    write(tmp_path, "sub/c.HTML", ARTICLE_HTML)
    write(tmp_path, "sub/deeper/d.htm", ARTICLE_HTML)
    write(tmp_path, ".hidden.txt", KO_TEXT)
    write(tmp_path, ".git/e.txt", KO_TEXT)
    write(tmp_path, "notes.pdf", b"%PDF-1.4 whatever")
    write(tmp_path, "image.png", b"\x89PNG\r\n")
    sources = [item.source for item in iter_raw_docs(tmp_path, LIMIT)]
    assert sources == ["a.md", "b.txt", "sub/c.HTML", "sub/deeper/d.htm"]


def test_source_is_relative_posix_and_hash_is_of_the_raw_bytes(tmp_path):
    path = write(tmp_path, "2024/03/ko.txt", KO_TEXT)
    doc = one_doc(path, tmp_path)
    assert doc.source == "2024/03/ko.txt"
    assert doc.root == tmp_path
    assert doc.format == "txt"
    assert doc.content_hash == sha256_hex(path.read_bytes())
    assert doc.text == KO_TEXT


# --- encodings ------------------------------------------------------------------------------


def test_utf8_bom_is_stripped(tmp_path):
    path = write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + KO_TEXT.encode("utf-8"))
    doc = one_doc(path, tmp_path)
    assert doc.encoding == "utf-8-sig"
    assert doc.text == KO_TEXT
    assert not doc.text.startswith("\ufeff")


@pytest.mark.parametrize("codec", ["cp949", "euc-kr"])
def test_legacy_korean_encodings_are_decoded(tmp_path, codec):
    path = write(tmp_path, f"legacy-{codec}.txt", KO_TEXT.replace("㈜", "(주)"), encoding=codec)
    doc = one_doc(path, tmp_path)
    assert doc.encoding == "cp949"
    assert "청림시는 14일 시청 대회의실에서" in doc.text


def test_cp949_only_characters_decode(tmp_path):
    text = "똠방각하 펲시 기업이 뷁 단지에 입주했다.\n"  # syllables outside EUC-KR's 2,350
    path = write(tmp_path, "cp949.txt", text, encoding="cp949")
    assert one_doc(path, tmp_path).text == text


def test_utf16_with_bom_is_text_not_binary(tmp_path):
    path = write(tmp_path, "utf16.txt", KO_TEXT, encoding="utf-16")
    doc = one_doc(path, tmp_path)
    assert doc.encoding == "utf-16"
    assert doc.text == KO_TEXT


def test_plain_ascii_is_utf8(tmp_path):
    path = write(tmp_path, "en.txt", "Acme opens plant\nAcme said on Monday it will hire 40 people.\n")
    assert one_doc(path, tmp_path).encoding == "utf-8"


def test_decode_bytes_reports_binary():
    assert isinstance(decode_bytes(b"\x00\x01\x02\x03" * 20), str)
    assert isinstance(decode_bytes(bytes(range(1, 32)) * 20), str)


# --- HTML -----------------------------------------------------------------------------------


def test_html_keeps_article_text_and_drops_furniture(tmp_path):
    doc = one_doc(write(tmp_path, "page.html", ARTICLE_HTML), tmp_path)
    lines = doc.text.split("\n")
    assert doc.format == "html"
    assert lines[0] == "가온테크, 본사 청림시로 이전"
    assert "㈜가온테크는 5일 본사를 청림시 산업단지로 옮긴다고 밝혔다." in lines
    assert "이전 규모는 1만㎡이다." in lines
    assert "직원 150명이 함께 옮긴다." in lines
    assert "1단계: 연구소" in lines and "2단계: 공장" in lines
    assert any("투자액" in line and "120억원" in line for line in lines)
    for gone in (
        "tracker",
        "alert",
        "홈",
        "로고",
        "광고 문의",
        "관련 기사 목록",
        "숨은 문단",
        "무단전재",
        "color",
    ):
        assert gone not in doc.text


def test_html_fields(tmp_path):
    doc = one_doc(write(tmp_path, "page.html", ARTICLE_HTML), tmp_path)
    assert doc.fields == {
        "title": "가온테크, 본사 청림시로 이전",
        "date": "2024-03-05",
        "publisher": "청림일보",
        "url": "https://news.example.kr/a/101",
    }


def test_html_title_is_put_on_top_when_the_body_lacks_it(tmp_path):
    html = """<html><head><title>Acme Moves HQ</title>
      <meta property="article:published_time" content="2023-11-02T09:00:00+09:00">
      <meta property="og:url" content="https://example.com/acme"></head>
      <body><header><h1>Acme Moves HQ</h1></header>
      <main><p>Acme Corp. said on Thursday it will move its headquarters to Dover.</p></main>
      <footer>Copyright © 2023 Acme Corp.</footer></body></html>"""
    doc = one_doc(write(tmp_path, "acme.htm", html), tmp_path)
    assert doc.text.split("\n") == [
        "Acme Moves HQ",
        "Acme Corp. said on Thursday it will move its headquarters to Dover.",
    ]
    assert doc.fields["date"] == "2023-11-02T09:00:00+09:00"
    assert doc.fields["url"] == "https://example.com/acme"


def test_html_without_article_uses_body_and_time_tag(tmp_path):
    html = "<body><h2>Notice</h2><div>Line one.</div><div>Line two.</div><time datetime='2022-01-09'>Jan 9</time></body>"
    doc = one_doc(write(tmp_path, "n.html", html), tmp_path)
    assert doc.text.split("\n") == ["Notice", "Line one.", "Line two.", "Jan 9"]
    assert doc.fields == {"date": "2022-01-09"}


# --- JSON / JSONL ---------------------------------------------------------------------------


def test_json_object(tmp_path):
    record = {
        "title": "누리바이오, 청림시에 공장 신설",
        "subtitle": "2026년까지 300억원 투자",
        "body": "㈜누리바이오는 청림시 제2산업단지에 공장을 짓는다고 밝혔다.",
        "date": "2025-02-10",
        "source": "청림일보",
        "url": "https://news.example.kr/b/7",
        "views": 12,
    }
    doc = one_doc(write(tmp_path, "one.json", json.dumps(record, ensure_ascii=False)), tmp_path)
    assert doc.source == "one.json"
    assert doc.format == "json"
    assert (
        doc.text
        == "누리바이오, 청림시에 공장 신설\n2026년까지 300억원 투자\n㈜누리바이오는 청림시 제2산업단지에 공장을 짓는다고 밝혔다."
    )
    assert doc.fields == {
        "title": "누리바이오, 청림시에 공장 신설",
        "subtitle": "2026년까지 300억원 투자",
        "date": "2025-02-10",
        "publisher": "청림일보",
        "url": "https://news.example.kr/b/7",
    }


def test_json_text_and_content_are_body_aliases(tmp_path):
    records = [{"title": "A", "text": "Body A."}, {"content": "Body B."}]
    path = write(tmp_path, "many.json", json.dumps(records))
    docs = read_raw_doc(path, tmp_path, LIMIT)
    assert isinstance(docs, list)
    assert [d.source for d in docs] == ["many.json#1", "many.json#2"]
    assert [d.text for d in docs] == ["A\nBody A.", "Body B."]
    assert docs[0].content_hash != docs[1].content_hash


def test_json_list_of_one_keeps_the_plain_source(tmp_path):
    path = write(tmp_path, "single.json", json.dumps([{"title": "T", "body": "B."}]))
    assert one_doc(path, tmp_path).source == "single.json"


def test_jsonl_records_are_numbered_by_line_and_bad_lines_are_skipped(tmp_path):
    lines = [
        json.dumps({"title": "첫째", "body": "첫째 본문."}, ensure_ascii=False),
        "",
        json.dumps({"title": "셋째", "body": "셋째 본문."}, ensure_ascii=False),
        '{"title": "넷째", "body": ',
        json.dumps({"title": "다섯째"}, ensure_ascii=False),
    ]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    records = read_records(path, tmp_path, LIMIT)
    by_source = {r.source: r for r in records}
    assert list(by_source) == ["feed.jsonl#1", "feed.jsonl#3", "feed.jsonl#4", "feed.jsonl#5"]
    assert by_source["feed.jsonl#1"].text == "첫째\n첫째 본문."
    assert isinstance(by_source["feed.jsonl#4"], SkippedFile)
    assert "line 4" in by_source["feed.jsonl#4"].reason
    assert isinstance(by_source["feed.jsonl#5"], SkippedFile)
    assert "body" in by_source["feed.jsonl#5"].reason
    good = read_raw_doc(path, tmp_path, LIMIT)
    assert isinstance(good, list) and [d.source for d in good] == ["feed.jsonl#1", "feed.jsonl#3"]


def test_jsonl_record_hash_depends_only_on_its_line(tmp_path):
    first = json.dumps({"body": "변하지 않는 줄."}, ensure_ascii=False)
    path = write(tmp_path, "f.jsonl", first + "\n" + json.dumps({"body": "v1"}) + "\n")
    before = {d.source: d.content_hash for d in read_raw_doc(path, tmp_path, LIMIT)}
    write(tmp_path, "f.jsonl", first + "\n" + json.dumps({"body": "v2"}) + "\n")
    after = {d.source: d.content_hash for d in read_raw_doc(path, tmp_path, LIMIT)}
    assert before["f.jsonl#1"] == after["f.jsonl#1"]
    assert before["f.jsonl#2"] != after["f.jsonl#2"]


# --- Markdown -------------------------------------------------------------------------------


def test_markdown_front_matter_becomes_fields(tmp_path):
    md = (
        "---\n"
        'title: "한빛에너지, 배터리 공장 착공"\n'
        "date: 2024-09-30\n"
        "source: 한빛경제TV\n"
        "url: https://tv.example.kr/n/3\n"
        "tags: [배터리, 공장]\n"
        "---\n"
        "# 한빛에너지, 배터리 공장 착공\n"
        "\n"
        "한빛에너지는 30일 청림시에서 배터리 공장 착공식을 열었다.\n"
    )
    doc = one_doc(write(tmp_path, "post.md", md), tmp_path)
    assert doc.format == "md"
    assert doc.fields == {
        "title": "한빛에너지, 배터리 공장 착공",
        "date": "2024-09-30",
        "publisher": "한빛경제TV",
        "url": "https://tv.example.kr/n/3",
    }
    assert (
        doc.text
        == "한빛에너지, 배터리 공장 착공\n\n한빛에너지는 30일 청림시에서 배터리 공장 착공식을 열었다."
    )
    assert "---" not in doc.text


def test_markdown_heading_without_front_matter(tmp_path):
    doc = one_doc(write(tmp_path, "plain.md", "# Acme hires 40\n\nAcme will hire 40 people.\n"), tmp_path)
    assert doc.text.startswith("Acme hires 40\n")
    assert doc.fields == {"title": "Acme hires 40"}


# --- broken files ---------------------------------------------------------------------------


def test_broken_files_are_skipped_with_reasons_and_good_ones_come_through(tmp_path):
    write(tmp_path, "good.txt", KO_TEXT)
    write(tmp_path, "good.json", json.dumps({"title": "T", "body": "Body."}))
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "blank.md", "   \n\t\n")
    write(tmp_path, "binary.txt", b"\x00\x01\x02PK\x03\x04" * 40)
    write(tmp_path, "broken.json", '{"title": "x",\n "body": ')
    write(
        tmp_path,
        "nobody.json",
        json.dumps({"title": "제목만 있음", "date": "2024-01-01"}, ensure_ascii=False),
    )
    write(tmp_path, "scalar.json", "42")
    write(tmp_path, "huge.txt", "가" * 50_000)
    write(
        tmp_path, "empty.html", "<html><head><title></title><script>x()</script></head><body> </body></html>"
    )
    results = list(iter_raw_docs(tmp_path, LIMIT))
    good = {r.source for r in results if isinstance(r, RawDoc)}
    skipped = {r.source: r.reason for r in results if isinstance(r, SkippedFile)}
    assert good == {"good.txt", "good.json"}
    assert set(skipped) == {
        "empty.txt",
        "blank.md",
        "binary.txt",
        "broken.json",
        "nobody.json",
        "scalar.json",
        "huge.txt",
        "empty.html",
    }
    assert "empty" in skipped["empty.txt"]
    assert "whitespace" in skipped["blank.md"]
    assert "binary" in skipped["binary.txt"]
    assert "line 2, column" in skipped["broken.json"]
    assert "body" in skipped["nobody.json"]
    assert "too large" in skipped["huge.txt"]
    assert "no visible text" in skipped["empty.html"]


def test_read_raw_doc_returns_skipped_file_for_single_bad_file(tmp_path):
    result = read_raw_doc(write(tmp_path, "bad.json", "[1, 2"), tmp_path, LIMIT)
    assert isinstance(result, SkippedFile)
    assert result.source == "bad.json" and "invalid JSON" in result.reason


def test_unsupported_upload_and_missing_file_are_skipped_not_raised(tmp_path):
    pdf = read_raw_doc(write(tmp_path, "x.pdf", b"%PDF"), tmp_path, LIMIT)
    assert isinstance(pdf, SkippedFile) and "unsupported" in pdf.reason
    missing = read_raw_doc(tmp_path / "gone.txt", tmp_path, LIMIT)
    assert isinstance(missing, SkippedFile) and "cannot read" in missing.reason
