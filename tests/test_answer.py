"""Answers end to end on the bundled fictional releases, scored with their own gold file."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, copy_index
from typer.testing import CliRunner

from index.settings import Settings
from index.store.reader import Store
from index.sync import Indexer
from qa.chat import Conversation
from qa.cli import app
from qa.evaluate import load_questions, run_eval
from qa.service import Assistant

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def assistant(examples_index, embedder) -> Assistant:
    """Over the session's examples index, read-only (a test that adds releases copies it)."""
    return Assistant(Settings(home=examples_index), embedder)


@pytest.fixture(scope="module")
def evaluated(assistant) -> tuple[dict, dict]:
    """The gold set run once: the scores, and every single-turn answer by question."""
    answers = {}
    ask = assistant.ask

    def recording(question, **kwargs):
        answer = ask(question, **kwargs)
        if kwargs.get("conversation") is None:
            answers[question] = answer
        return answer

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(assistant, "ask", recording)
        result = run_eval(assistant, ROOT / "examples" / "questions.jsonl")
    return result, answers


def release_text(assistant: Assistant, release_id: str) -> str:
    return assistant.store.release(release_id).text


def test_metrics_on_the_sample_gold_set_do_not_regress(evaluated):
    result, _ = evaluated
    overall = result["summary"]["overall"]
    # floors a little under what this build measures (see the README), so a regression fails
    assert overall["doc@1"] >= 0.85
    assert overall["answer"] >= 0.50
    # 5 of the 31 answerable samples declined (0.161) since the eighth session's refits, all asked
    # across scripts, where the model is least sure; the fifth was answered wrongly before
    # (benchmarks/README.md, eighth session)
    assert overall["false_abstain"] <= 0.17


def test_every_citation_quotes_its_release_verbatim(assistant, evaluated):
    _, answers = evaluated
    items = load_questions(ROOT / "examples" / "questions.jsonl")
    assert len(answers) == len({item["question"] for item in items})
    for item in items:
        answer = answers[item["question"]]
        for citation in answer.citations:
            text = release_text(assistant, citation.release_id)
            assert text[citation.start : citation.end] == citation.quote
            for start, end in citation.highlights:
                assert citation.start <= start < end <= citation.end


def test_answer_is_a_short_span_with_its_sentence_cited(assistant):
    answer = assistant.ask("구름다리클라우드 협약식은 어디서 했어?")
    assert answer.answerable and answer.type == "where"
    assert "한강비즈센터" in answer.answer and len(answer.answer) < 40
    first = answer.citations[0]
    assert first.source == "ko-07-datacenter-mou.txt"
    start, end = first.highlights[0]
    assert release_text(assistant, first.release_id)[start:end] in answer.answer


def test_speaker_answer_names_the_person_with_title(assistant):
    answer = assistant.ask("하늬배터리 공장 착공식에서 군 역사상 최대 규모 투자라고 말한 사람은?")
    assert answer.answerable and answer.type == "who_spoke"
    assert "임채원" in answer.answer
    assert "“" in answer.citations[0].quote


def test_english_question_about_a_korean_release(assistant):
    answer = assistant.ask("Where did Seorim City hold its joint investment agreement ceremony?")
    assert answer.answerable and answer.type == "where"
    assert answer.citations[0].source == "ko-02-joint-mou.txt"
    assert "대회의실" in answer.answer  # the Korean span, as the release writes it


def test_korean_question_about_an_english_release(assistant):
    # only the firm's Latin name is shared; the rest crosses by the glossary (기공식 → groundbreaking)
    answer = assistant.ask("Tidewater 공장 기공식은 어디서 열렸어?")
    assert answer.answerable and answer.type == "where"
    assert answer.citations[0].source == "en-01-plant-groundbreaking.txt"
    assert "Megasite" in answer.answer


def test_question_about_something_no_release_covers_is_declined(assistant):
    answer = assistant.ask("How many parking spaces will Zentrix Dynamics' new Boise office have?")
    assert not answer.answerable and answer.answer is None
    assert answer.message
    data = answer.as_dict()
    assert set(data) >= {"question", "type", "answerable", "answer", "confidence", "citations"}


def test_follow_up_uses_the_conversation(assistant):
    # the second turn (`거기가 가동되면 …`) names nothing: only the conversation points at its release
    item = next(i for i in load_questions(ROOT / "examples" / "followups.jsonl") if i["id"] == "exf002")
    first, second = item["turns"][:2]
    conversation = Conversation()
    assistant.ask(first["question"], conversation=conversation)
    followup = assistant.ask(second["question"], conversation=conversation)
    assert followup.citations and followup.citations[0].source == second["gold_doc"]
    fresh = assistant.ask(second["question"])  # the same words without the conversation
    assert fresh.citations and fresh.citations[0].source != second["gold_doc"]


def test_assistant_switches_to_a_new_generation(examples_index, tmp_path, embedder):
    """A private copy of the examples index gets one release more and loses it again: the shared
    index (and so every other test) never sees the change."""
    settings = Settings(home=copy_index(examples_index, tmp_path / "home"))
    assistant = Assistant(settings, embedder)
    before = assistant.store.generation
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "new.txt").write_text(
        "오름시, 드론 기업 유치\n오름시는 3일 시청에서 ㈜하늘날개와 80억원 규모의 투자협약을 맺었다.\n",
        encoding="utf-8",
    )
    Indexer(settings, embedder).sync([folder])
    answer = assistant.ask("오름시와 투자협약을 맺은 드론 기업은?")
    assert assistant.store.generation == before + 1
    assert answer.citations[0].source == "new.txt"
    added = Store.open(settings.home).find_release("new.txt")
    Indexer(settings, embedder).remove([added.id])
    assert assistant.store.generation == before + 2
    assert assistant.ask("오름시와 투자협약을 맺은 드론 기업은?").citations[0].source != "new.txt"
    assert Store.open(examples_index).find_release("new.txt") is None  # the shared index is untouched


def test_cli_ask_json_and_batch(assistant, tmp_path):
    runner = CliRunner()
    home = str(assistant.settings.home)
    question = "별무리소프트가 만든 한국어 음성인식 엔진 이름이 뭐야?"
    single = runner.invoke(app, ["ask", question, "--home", home, "--json"])
    assert single.exit_code == 0, single.output
    assert json.loads(single.stdout)["citations"][0]["source"] == "ko-05-hq-relocation.txt"
    batch = tmp_path / "qs.jsonl"
    batch.write_text(
        '{"question": "솔빛군 데이터센터 투자 규모는?"}\nWho is relocating to Indianapolis?\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["ask", "--batch", str(batch), "--home", home, "--json"])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 0 and len(lines) == 2 and all("answerable" in line for line in lines)
    human = runner.invoke(app, ["ask", question, "--home", home])
    assert human.exit_code == 0 and "ko-05-hq-relocation.txt" in human.output
