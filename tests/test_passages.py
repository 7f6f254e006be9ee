from index.models import Release
from index.passages import make_passages
from index.sentences import split_sentences


def release(text: str) -> Release:
    return Release(id="r1", root="/x", source="a.txt", content_hash="h", text=text)


def test_windows_overlap_and_cover_every_sentence():
    text = " ".join(f"이것은 {i}번째 문장으로 조금 길게 씁니다 정말로 그렇습니다." for i in range(10))
    rel = release(text)
    sentences = split_sentences(text)
    passages = make_passages(rel, sentences, size=3, overlap=1, min_chars=10)
    covered = set()
    for p in passages:
        covered.update(range(p.first_sentence, p.last_sentence + 1))
        assert rel.text[p.start : p.end] == p.text
    assert covered == set(range(len(sentences)))
    assert passages[1].first_sentence == passages[0].last_sentence  # one sentence shared


def test_short_lines_are_grouped_up_to_min_chars():
    text = "\n".join(["짧은 줄"] * 30)
    passages = make_passages(release(text), split_sentences(text), size=3, overlap=0, min_chars=60)
    assert all(len(p.text) >= 50 for p in passages[:-1])


def test_max_chars_caps_a_window():
    text = " ".join("가" * 300 + "다." for _ in range(6))
    passages = make_passages(release(text), split_sentences(text), size=5, overlap=0, max_chars=700)
    assert all(p.end - p.start <= 700 for p in passages)


def test_empty_release_has_no_passages():
    assert make_passages(release(""), []) == []
