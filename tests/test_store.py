"""The generational store on its own, with hand-made vectors (no model needed)."""

import numpy as np
import pytest

from index.models import Fact, Passage, Release
from index.sentences import split_sentences
from index.store.errors import ModelMismatchError, NoIndexError
from index.store.manifest import Manifest
from index.store.reader import Store
from index.store.schema import SCHEMA_VERSION, migrate
from index.store.user_words import read_user_words
from index.store.writer import GenerationWriter

DIM = 4


def make_release(rid: str, text: str, date: str = "2024-03-05", publisher: str = "한빛일보") -> Release:
    return Release(
        id=rid, root="/data", source=f"{rid}.txt", content_hash="h-" + rid, text=text, title=text.split("\n")[0],
        date=date, publisher=publisher, lang="ko",
    )  # fmt: skip


def add(writer: GenerationWriter, release: Release, vector: list[float]) -> None:
    sentences = split_sentences(release.text)
    passage = Passage(release.id, 0, len(sentences) - 1, 0, len(release.text), release.text)
    fact = Fact("venue", {"place": "누리엑스포"}, 0, len(release.text), 0, 3, release.id)
    writer.add_release(
        release, sentences, [passage], [release.text.split()], np.array([vector], "float32"), [fact]
    )


def test_open_without_index_is_a_clear_error(tmp_path):
    with pytest.raises(NoIndexError, match="pressqa index sync"):
        Store.open(tmp_path)


def test_user_words_read_before_opening_the_store_are_the_stores(tmp_path):
    """A cold command reads them straight from SQLite for Kiwi's child (`read_user_words`)."""
    assert read_user_words(tmp_path) == []  # no index yet: the store, opened next, says so
    writer = GenerationWriter(tmp_path, "m", DIM, None)
    add(writer, make_release("a", "누리엑스포 설명회 개최\n본문이다."), [1, 0, 0, 0])
    writer.add_user_words(["누리엑스포", "가온테크"])
    writer.commit()
    assert (
        sorted(read_user_words(tmp_path))
        == sorted(Store.open(tmp_path).user_words())
        == ["가온테크", "누리엑스포"]
    )


def test_commit_switches_generation_and_keeps_data(tmp_path):
    writer = GenerationWriter(tmp_path, "m", DIM, None)
    add(writer, make_release("a", "누리엑스포 설명회 개최\n본문이다."), [1, 0, 0, 0])
    add(writer, make_release("b", "판교 기업 이전\n본문이다.", date="2023-01-01"), [0, 1, 0, 0])
    writer.commit()
    store = Store.open(tmp_path)
    assert store.generation == 1 and store.counts() == {"releases": 2, "passages": 2, "facts": 2}
    (pid, score), *_ = store.dense_search(np.array([0, 1, 0, 0], "float32"), 2)
    assert store.passages([pid])[pid].release_id == "b" and score == pytest.approx(1.0)
    (pid, _), *_ = store.bm25_search(["누리엑스포"], 5)
    row = store.passages([pid])[pid]
    assert row.release_id == "a" and row.text == store.release("a").text[row.start : row.end]
    total, listed = store.list_releases(date_from="2024-01-01")
    assert total == 1 and listed[0].id == "a"


def test_next_generation_removes_and_adds_without_touching_the_old_one(tmp_path):
    writer = GenerationWriter(tmp_path, "m", DIM, None)
    add(writer, make_release("a", "첫 번째 보도자료"), [1, 0, 0, 0])
    writer.commit()
    old = Store.open(tmp_path)
    writer = GenerationWriter(tmp_path, "m", DIM, old)
    writer.remove_release("a")
    add(writer, make_release("c", "세 번째 보도자료"), [0, 0, 1, 0])
    writer.commit()
    new = Store.open(tmp_path)
    assert new.generation == 2
    assert new.release("a") is None and new.release("c") is not None
    assert new.dense.ntotal == 1 and new.facts(["a"]) == []
    # a reader still holding generation 1 keeps a complete view
    assert old.release("a") is not None and old.dense.ntotal == 1
    # passage ids are never reused, so stale ids can't point at new text
    assert new.release_passage_ids("c")[0] > old.release_passage_ids("a")[0]


def test_abort_leaves_previous_generation_serving(tmp_path):
    writer = GenerationWriter(tmp_path, "m", DIM, None)
    add(writer, make_release("a", "보도자료"), [1, 0, 0, 0])
    writer.commit()
    writer = GenerationWriter(tmp_path, "m", DIM, Store.open(tmp_path))
    writer.remove_release("a")
    writer.abort()
    assert Store.open(tmp_path).release("a") is not None
    assert not list(tmp_path.glob("gen-*.tmp-*"))


def test_model_mismatch_is_refused_with_rebuild_advice(tmp_path):
    writer = GenerationWriter(tmp_path, "model-a", DIM, None)
    writer.commit()
    store = Store.open(tmp_path)
    with pytest.raises(ModelMismatchError, match="index build"):
        store.check_model("model-b", 8)
    with pytest.raises(ModelMismatchError):
        GenerationWriter(tmp_path, "model-b", 8, store)


def test_old_generations_are_pruned(tmp_path):
    for _ in range(4):
        base = Store.open(tmp_path) if Manifest.read(tmp_path) else None
        GenerationWriter(tmp_path, "m", DIM, base).commit()
    assert sorted(p.name for p in tmp_path.glob("gen-*")) == ["gen-000003", "gen-000004"]


def test_migrations_record_schema_version(tmp_path):
    import sqlite3

    conn = sqlite3.connect(tmp_path / "x.sqlite")
    migrate(conn)
    migrate(conn)  # idempotent
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
