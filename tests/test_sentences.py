from index.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_quote_with_inner_sentence_ends_stays_one_sentence():
    text = "한빛시 김도윤 시장은 “기업 유치에 최선을 다하겠다. 지원을 아끼지 않겠다”고 밝혔다. 행사는 오후에 끝났다."
    assert texts(text) == [
        "한빛시 김도윤 시장은 “기업 유치에 최선을 다하겠다. 지원을 아끼지 않겠다”고 밝혔다.",
        "행사는 오후에 끝났다.",
    ]


def test_two_quotes_joined_by_myeo_stay_together():
    text = "박서진 대표는 “감사드린다.”며, “최선을 다하겠다.”고 말했다. 다음 문장이다."
    assert len(texts(text)) == 2


def test_line_breaks_split_first():
    text = "제목 줄\n부제 줄\n본문 첫 문장이다. 둘째 문장이다."
    assert texts(text) == ["제목 줄", "부제 줄", "본문 첫 문장이다.", "둘째 문장이다."]


def test_english_abbreviations_and_dates_do_not_split():
    text = 'The lease begins on Dec. 7, 2024 at 10 a.m. in St. Louis. "We are thrilled," said Dr. Kim.'
    assert texts(text) == [
        "The lease begins on Dec. 7, 2024 at 10 a.m. in St. Louis.",
        '"We are thrilled," said Dr. Kim.',
    ]


def test_decimal_numbers_do_not_split():
    assert len(texts("성장률은 3.5%였다. 투자액은 1.2조원이다.")) == 2


def test_offsets_are_verbatim_and_trimmed():
    text = "  첫 문장이다.   둘째 문장이다.  \n\n셋째."
    for sentence in split_sentences(text):
        piece = text[sentence.start : sentence.end]
        assert piece == piece.strip() and piece
    assert [s.idx for s in split_sentences(text)] == [0, 1, 2]


def test_unclosed_quote_does_not_swallow_the_rest_of_a_long_line():
    text = "그는 “시작했다. " + "가나다라마바사. " * 120
    assert len(split_sentences(text)) > 50
