from index.tokens import add_user_words, tokenize


def test_kiwi_drops_particles_and_keeps_content_words():
    tokens = tokenize("한빛경제청은 서울 누리엑스포에서 설명회를 개최했다", "kiwi")
    assert "누리엑스포" in tokens and "설명회" in tokens
    assert not any(t.endswith("에서") or t in {"은", "를"} for t in tokens)


def test_bigrams_match_part_of_a_compound():
    compound = set(tokenize("한빛알파밸리에", "bigram"))
    part = set(tokenize("알파밸리", "bigram"))
    assert part <= compound


def test_english_words_lowercased_without_stopwords_and_numbers_normalised():
    tokens = tokenize("The company will relocate 1,500 jobs to Raleigh", "kiwi")
    assert tokens[:4] == ["company", "relocate", "1500", "jobs"]
    assert "the" not in tokens


def test_user_words_keep_names_whole():
    add_user_words(["가온누리테크"])
    assert "가온누리테크" in tokenize("가온누리테크는 본사를 옮긴다", "kiwi")


def test_kiwi_is_created_on_first_use_with_the_words_taught_before(monkeypatch):
    import index.tokens as tokens

    monkeypatch.setattr(tokens, "_kiwi", None)  # as in a fresh process
    monkeypatch.setattr(tokens, "_user_words", set())
    add_user_words(["누리별소재"])
    assert tokens.tokenize("Nuribyeol Materials will open a plant", "kiwi") == [
        "nuribyeol",
        "materials",
        "open",
        "plant",
    ]
    assert tokens._kiwi is None  # neither teaching words nor text without Hangul loads Kiwi
    assert "누리별소재" in tokenize("누리별소재가 공장을 연다", "kiwi")
    assert tokens._kiwi is not None


def test_english_stopwords_are_the_ones_bm25s_ships():
    """Written out so that tokenising never imports bm25s; a bm25s that changed its list would
    change the tokens of indexes built before, so the two must not drift apart unnoticed."""
    from bm25s.stopwords import STOPWORDS_EN

    from index.tokens import STOPWORDS_EN as ours

    assert ours == frozenset(STOPWORDS_EN)
