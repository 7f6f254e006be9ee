"""Incremental sync end to end: counts, changes, deletions, bad files.

Plumbing runs on the fake embedder (tests/fakes.py); the two cross-language searches, which only a
real multilingual model can pass, use the bundled one."""

from __future__ import annotations

import pytest

from index.store.errors import ModelMismatchError
from index.store.reader import Store
from index.sync import Indexer
from qa.retrieve import Retriever

pytestmark = pytest.mark.slow


def test_first_sync_adds_everything_and_second_embeds_nothing(settings, corpus, fake_embedder):
    indexer = Indexer(settings, fake_embedder)
    first = indexer.sync([corpus])
    assert len(first.added) == 3 and first.passages_embedded > 0 and not first.skipped
    encoded = fake_embedder.encoded
    second = indexer.sync([corpus])
    assert fake_embedder.encoded == encoded  # the model was not asked for anything
    assert second.passages_embedded == 0
    assert second.unchanged == 3 and not second.changed
    assert second.generation == first.generation  # nothing changed, no new generation


def test_every_passage_and_fact_quotes_its_release_verbatim(settings, corpus, fake_embedder):
    Indexer(settings, fake_embedder).sync([corpus])
    store = Store.open(settings.home)
    for release in store.list_releases(limit=100)[1]:
        full = store.release(release.id)
        rows = store.passages(store.release_passage_ids(release.id))
        assert rows
        for row in rows.values():
            assert row.text == full.text[row.start : row.end]
        for sentence in store.sentences(release.id):
            assert full.text[sentence.start : sentence.end].strip()
    assert "무단 전재" not in store.find_release("ko-a.txt").text  # boilerplate cleaned before indexing


def test_changed_release_reuses_unchanged_passages(settings, corpus, fake_embedder):
    indexer = Indexer(settings, fake_embedder)
    indexer.sync([corpus])
    path = corpus / "ko-b.txt"
    path.write_text(
        path.read_text(encoding="utf-8") + "가온테크는 내년 상반기 착공할 예정이다.\n", encoding="utf-8"
    )
    report = indexer.sync([corpus])
    assert len(report.updated) == 1 and report.unchanged == 2
    assert 0 < report.passages_embedded < 3
    assert "착공" in Store.open(settings.home).find_release("ko-b.txt").text


def test_removed_file_leaves_the_index_and_search(settings, corpus, fake_embedder):
    indexer = Indexer(settings, fake_embedder)
    indexer.sync([corpus])
    (corpus / "en-c.txt").unlink()
    report = indexer.sync([corpus])
    assert len(report.removed) == 1
    store = Store.open(settings.home)
    assert store.find_release("en-c.txt") is None
    hits = Retriever(store, fake_embedder, settings).search("Northwind Robotics headquarters Raleigh", k=10)
    assert all(hit.passage.source != "en-c.txt" for hit in hits)


def test_remove_by_id(settings, corpus, fake_embedder):
    indexer = Indexer(settings, fake_embedder)
    indexer.sync([corpus])
    rid = Store.open(settings.home).find_release("ko-a.txt").id
    indexer.remove([rid])
    assert Store.open(settings.home).release(rid) is None


def test_broken_files_are_reported_and_skipped(settings, corpus, fake_embedder):
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (corpus / "broken.json").write_text('{"title": "x", "body": ', encoding="utf-8")
    report = Indexer(settings, fake_embedder).sync([corpus])
    assert len(report.added) == 3
    skipped = {s.source: s.reason for s in report.skipped}
    assert set(skipped) == {"empty.txt", "binary.txt", "broken.json"}
    assert all(reason for reason in skipped.values())


def test_english_question_finds_korean_release(settings, corpus, embedder):
    Indexer(settings, embedder).sync([corpus])
    store = Store.open(settings.home)
    hits = Retriever(store, embedder, settings).search(
        "Where was the investment briefing for capital-region firms held?"
    )
    assert hits[0].passage.source == "ko-a.txt"


def test_korean_question_adds_english_candidates_without_reranking_search(settings, corpus, fake_embedder):
    Indexer(settings, fake_embedder).sync([corpus])
    retriever = Retriever(Store.open(settings.home), fake_embedder, settings)
    question = "본사를 옮기는 로봇 기업은?"  # no shared word: 본사 → headquarters, 옮기 → move
    plain = retriever.retrieve(question, k=1)
    widened = retriever.retrieve(question, k=1, cross_releases=1)
    assert widened.hits[0] == plain.hits[0]  # the ranking itself is untouched
    sources = [h.passage.source for h in widened.hits]
    assert "en-c.txt" in sources and len(sources) == len(set(sources))  # one release, never twice
    assert "headquarters" in widened.glosses


def test_a_prefetched_dense_half_is_the_one_retrieve_would_compute(settings, corpus, fake_embedder):
    """A cold `ask` embeds the question while Kiwi loads (`Retriever.prefetch`); `retrieve` then
    reuses it, and finds what it finds without it. Another question or size is computed afresh."""
    Indexer(settings, fake_embedder).sync([corpus])
    store = Store.open(settings.home)
    question = "Northwind Robotics headquarters Raleigh"
    plain = Retriever(store, fake_embedder, settings).retrieve(question, k=3)
    retriever = Retriever(store, fake_embedder, settings)
    retriever.prefetch(question, k=3)
    encoded = fake_embedder.encoded
    reused = retriever.retrieve(question, k=3)
    assert fake_embedder.encoded == encoded
    assert reused.hits == plain.hits and reused.names == plain.names
    assert (reused.vector == plain.vector).all()
    retriever.retrieve(question, k=200)  # more to fetch: a search of its own
    retriever.retrieve("가온테크 본사 이전", k=3)
    assert fake_embedder.encoded == encoded + 2


def test_opening_with_another_model_is_a_clear_error(settings, corpus, fake_embedder):
    Indexer(settings, fake_embedder).sync([corpus])
    store = Store.open(settings.home)

    class OtherModel:
        model_id, dim = "some/other-model", 768

    with pytest.raises(ModelMismatchError, match="rebuild|Rebuild"):
        Retriever(store, OtherModel(), settings)  # type: ignore[arg-type]
    with pytest.raises(ModelMismatchError):
        Indexer(settings, OtherModel()).sync([corpus])  # type: ignore[arg-type]


def test_changing_bm25_tokens_needs_a_rebuild_and_search_follows_the_index(settings, corpus, fake_embedder):
    Indexer(settings, fake_embedder).sync([corpus])
    kiwi = settings.model_copy(update={"bm25_tokens": "kiwi"})
    (corpus / "ko-b.txt").write_text("가온테크, 본사 이전\n가온테크는 본사를 옮긴다.\n", encoding="utf-8")
    with pytest.raises(ModelMismatchError, match="BM25 tokens"):
        Indexer(kiwi, fake_embedder).sync([corpus])  # mixing token kinds would skew BM25 silently
    store = Store.open(settings.home)
    assert store.token_mode == "both"
    hits = Retriever(store, fake_embedder, kiwi).retrieve("가온테크 본사 이전", k=3).hits
    assert hits[0].bm25_rank == 1  # queried with the index's own tokens, not the configured ones
    Indexer(kiwi, fake_embedder).sync([corpus], full=True)
    assert Store.open(settings.home).token_mode == "kiwi"


def test_build_replaces_everything_with_the_given_folders(settings, corpus, tmp_path, fake_embedder):
    from conftest import write_corpus

    indexer = Indexer(settings, fake_embedder)
    indexer.sync([corpus])
    other = write_corpus(tmp_path / "other", {"only.txt": "단 하나의 보도자료\n본문 문장이다.\n"})
    report = indexer.sync([other], full=True)
    assert len(report.added) == 1
    assert Store.open(settings.home).counts()["releases"] == 1
    assert report.passages_embedded == 1


def test_syncs_that_embed_nothing_never_load_the_model(fake_settings, corpus, fake_embedder, monkeypatch):
    Indexer(fake_settings, fake_embedder).sync([corpus])

    def no_model(*args, **kwargs):
        raise AssertionError("the embedding model was loaded")

    monkeypatch.setattr("index.sync.load_embedder", no_model)
    indexer = Indexer(fake_settings)  # no embedder given: it would load one on first use
    assert indexer.sync([corpus]).unchanged == 3
    removed = corpus / "en-c.txt"
    text = removed.read_text(encoding="utf-8")
    removed.unlink()
    assert len(indexer.sync([corpus]).removed) == 1
    removed.write_text(text, encoding="utf-8")  # back again: its vectors come from the cache
    report = indexer.sync([corpus])
    assert len(report.added) == 1 and report.passages_embedded == 0 and report.passages_reused > 0
    # another configured model is refused by name, before anything is loaded
    other = fake_settings.model_copy(update={"model": "some/other-model"})
    with pytest.raises(ModelMismatchError, match="some/other-model"):
        Indexer(other).sync([corpus])
