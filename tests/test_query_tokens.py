"""A search query's Korean tokens read off the index's vocabulary (`index.query_tokens`), no Kiwi."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from index.query_tokens import is_function_tail, split_word, stem_syllables, tokenize_known, vocabulary_tokens
from index.store.reader import Store
from index.sync import Indexer
from index.tokens import tokenize
from qa.retrieve import Retriever

# A fictional vocabulary, as Kiwi would have made it from fictional passages.
VOCABULARY = {
    "한빛", "한빛경제청", "설명회", "투자", "유치", "본사", "이전", "공장", "열리", "옮기", "하", "오",
    "협약", "체결", "기업", "누리", "누리엑스포", "이", "도", "원", "직", "사", "부지", "데이",
}  # fmt: skip


def known(tokens: Iterable[str]) -> set[str]:
    return VOCABULARY & set(tokens)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("설명회를", ["설명회"]),  # a particle left over
        ("투자유치설명회에서", ["투자", "유치", "설명회"]),  # a compound into the vocabulary's words
        ("한빛경제청은", ["한빛경제청"]),  # the longest word the vocabulary has, not its parts
        ("누리엑스포에서", ["누리엑스포"]),
        ("열렸어", ["열리"]),  # a verb's stem out of its contracted last syllable
        ("옮기는", ["옮기"]),
        ("왔어", ["오"]),
        ("한", ["하"]),  # a verb of its own
        ("이전한다고", ["이전"]),  # ...but after a noun 하 is a suffix
        ("기업이", ["기업"]),  # 이 is in the vocabulary, yet a particle here
        ("이전을", ["이전"]),  # and not a word at the start of a longer one
        ("어디서", []),  # particles only
        ("도", []),
        ("직사", []),  # a noun the index never saw whole is not spelt out of one-syllable words
    ],
)
def test_split_word_keeps_content_words_and_leaves_particles(word, expected):
    assert split_word(word, VOCABULARY) == expected


def test_split_word_with_the_whole_vocabulary():
    assert split_word("협약을", VOCABULARY) == ["협약"]
    assert split_word("체결했다", VOCABULARY) == ["체결"]
    assert split_word("부지", VOCABULARY) == ["부지"]
    assert split_word("누리별소재", VOCABULARY) == ["누리"]  # unknown rest: the known words found in it


def test_stem_syllables_undo_a_fused_ending():
    assert "리" in stem_syllables("렸") and "하" in stem_syllables("했") and "오" in stem_syllables("왔")
    assert stem_syllables("한") == ("하",)
    assert "한" not in stem_syllables("한")
    assert stem_syllables("가") == ()  # nothing fused into it


def test_function_tail():
    assert is_function_tail("") and is_function_tail("에서는") and is_function_tail("했어요")
    assert not is_function_tail("설명회")


def test_vocabulary_tokens_read_the_vocabulary_once_per_query():
    asked: list[list[str]] = []

    def counting(tokens: Iterable[str]) -> set[str]:
        tokens = list(tokens)
        asked.append(tokens)
        return known(tokens)

    assert vocabulary_tokens("한빛경제청은 누리엑스포에서 설명회를 열렸다", counting) == [
        "한빛경제청",
        "누리엑스포",
        "설명회",
        "열리",
    ]
    assert len(asked) == 1
    assert vocabulary_tokens("no Hangul here", counting) == [] and len(asked) == 1


def test_tokenize_known_keeps_latin_words_and_bigrams_as_the_indexer_does():
    text = "Nuri Expo 2025 설명회를 열렸다"
    tokens = tokenize_known(text, "both", known)
    assert tokens == tokenize(text, "bigram")[:3] + ["설명회", "열리"] + tokenize(text, "bigram")[3:]
    assert tokenize_known(text, "bigram", known) == tokenize(text, "bigram")


def test_search_ranks_as_with_kiwi_without_loading_it(settings, corpus, fake_embedder, monkeypatch):
    """`Retriever.search` finds what a Kiwi-tokenised retrieval finds, and never asks Kiwi."""
    Indexer(settings, fake_embedder).sync([corpus])
    retriever = Retriever(Store.open(settings.home), fake_embedder, settings)
    questions = [
        "판교 기업 유치 설명회는 어디서 열렸어?",
        "본사를 청림시로 옮기는 기업은?",
        "Who moves to Raleigh?",
    ]
    with_kiwi = [retriever.retrieve(q, k=3).hits for q in questions]

    def no_kiwi():
        raise AssertionError("search asked Kiwi")

    monkeypatch.setattr("index.tokens.get_kiwi", no_kiwi)
    monkeypatch.setattr("index.romanize.get_kiwi", no_kiwi)
    assert [[h.passage.source for h in retriever.search(q, k=3)] for q in questions] == [
        [h.passage.source for h in hits] for hits in with_kiwi
    ]
