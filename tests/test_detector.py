"""The learned artifact detector: its document evidence, training and files, and the rules and
cleaning behaviour built on it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from click.testing import CliRunner

from contentqa.api import clean_records
from contentqa.cli import cli
from contentqa.config import Config
from contentqa.detector import ARTIFACT, CONTENT, ArtifactDetector, TrainingDocument, document_text_row, reply_text_model
from contentqa.document import Document
from contentqa.linter import Linter
from contentqa.evidence import EVIDENCE_NAMES, evidence_matrix

ARTICLE = """Council Delays Vote on Transit Plan
The city council delayed its vote on Tuesday after a long debate about the eastern routes and the cost of new buses.
Residents asked for more frequent service on weekends and late at night, and the mayor promised a second hearing.
The transit agency presented three options for the eastern corridor, each with a different price and timeline.
Board members praised the agency's work but asked for more detail on the budget before the next meeting.
I hope this helps you with your project, and let me know if you want a shorter version!
Share on Facebook
"""


def column(rows: np.ndarray, name: str) -> np.ndarray:
    return rows[:, EVIDENCE_NAMES.index(name)]


def test_evidence_places_lines_against_the_body_the_topic_and_the_voice():
    rows = evidence_matrix(Document(ARTICLE))
    assert list(column(rows, "in_body")[:5]) == [0, 1, 1, 1, 1]
    assert column(rows, "before_body")[0] == 1 and column(rows, "after_body")[6] == 1
    assert column(rows, "topic_share")[1] > 0.2  # "eastern", "routes", "buses" recur in the article
    assert column(rows, "topic_share")[6] == 0  # "Share on Facebook" shares no topic word
    assert column(rows, "voice_shift")[5] > 0 and column(rows, "voice_shift")[2] == 0


def test_evidence_marks_repeats_truncated_copies_and_rule_findings():
    text = ("A Long Headline About the River Flood Defences\nA Long Headline About the River\n"
            "The river rose overnight and the new flood defences held, the council said on Monday morning.\n"
            "Related Posts\n")
    doc = Document(text)
    findings = Linter(Config(ignore=["ML", "QL"])).check(doc)
    rows = evidence_matrix(doc, findings)
    assert column(rows, "truncated_copy")[1] == 1 and column(rows, "truncated_copy")[0] == 0
    assert column(rows, "rule:related-links")[3] == 1 and column(rows, "rule_removes")[3] == 1
    assert column(rows, "rule_any")[2] == 0


def small_training_set() -> list[TrainingDocument]:
    documents = []
    for n in range(40):
        lines = [f"Story number {n} about the harbour", f"The harbour master said on day {n} that ships were delayed "
                 "by fog and that the port would reopen soon.", "Share this article", "Follow us on Twitter"]
        reply = n % 5 == 0
        if reply:
            lines[1] = "I'm sorry, but I can't write that article. Would you like me to draft something else?"
        labels = [CONTENT, None if reply else CONTENT, ARTIFACT if n % 2 else "share-widget", "share-widget"]
        documents.append(TrainingDocument(Document("\n".join(lines), id=f"d{n}"), labels, is_reply=reply))
    return documents


def test_a_detector_learns_saves_and_loads_without_pickle(tmp_path):
    documents = small_training_set()
    model = ArtifactDetector.fit(documents, seed=1, epochs=5)
    verdict = model.judge(documents[1].doc)
    probabilities = [v.probability for v in verdict.lines]
    assert probabilities[2] > probabilities[1] and probabilities[3] > probabilities[1]
    assert verdict.lines[3].category == "share-widget"
    arrays, _ = model.save(tmp_path / "m")
    with np.load(arrays, allow_pickle=False) as data:
        assert all(data[key].dtype != object for key in data.files)
    again = ArtifactDetector.load(tmp_path / "m").judge(documents[1].doc)
    assert [v.probability for v in again.lines] == pytest.approx(probabilities, abs=1e-3)
    assert again.reply_probability == pytest.approx(verdict.reply_probability, abs=1e-3)


def test_the_reply_text_row_counts_the_words_and_syntax_below_the_headline():
    body = "I can draft the piece once you send the notes.\nWould you like a shorter version?"
    one, other = (document_text_row(Document(f"{headline}\n{body}")) for headline in ("Harbour News", "Other Title"))
    assert list(one.indices) == list(other.indices) and np.allclose(one.data, other.data)
    assert np.linalg.norm(one.data) == pytest.approx(1.0)
    assert len(document_text_row(Document("Only a headline")).data) == 0


def test_the_reply_text_model_tells_a_reply_from_an_article_by_how_it_reads():
    replies = ["I'm sorry, but I can't write about {0} without your notes. Could you share them?",
               "Before I start on {0}, could you tell me who the article is for? Then I'll draft it.",
               "I don't have current information about {0}. If you paste the report, I can summarise it."]
    articles = ["The council voted on {0} on Tuesday after a long debate about the budget.",
                "Residents said {0} had changed the town, and the mayor promised a hearing next month.",
                "Officials expect {0} to cost more than planned, according to figures released on Friday."]
    topics = ["the harbour", "the new bridge", "the school closures", "the tram line", "the flood defences",
              "the library", "the market hall", "the bus routes"]
    rows, labels = [], []
    for n, topic in enumerate(topics):
        for texts, label in ((replies, True), (articles, False)):
            rows.append(document_text_row(Document(f"Headline {n}\n{texts[n % 3].format(topic)}")).to_scipy())
            labels.append(label)
    model = reply_text_model(sp.vstack(rows, format="csr"), np.array(labels))
    unseen = [document_text_row(Document(f"Headline\n{text.format('the airport')}")).to_scipy()
              for text in (replies[1], articles[1])]
    reply, article = model.probability(sp.vstack(unseen, format="csr"))
    assert reply > 0.5 > article


def test_the_chatter_model_learns_assistant_lines_against_their_human_lookalikes():
    chatter = ["Let me know if you'd like a shorter version of this piece.", "Would you like me to add a summary table?",
               "I can also rewrite this in a more formal tone if you prefer."]
    human = ["Let me know in the comments which trail you liked best.", "Would you like to volunteer? Call the club.",
             "I can also recommend the bakery on the corner if you prefer sweets."]
    documents = []
    for n in range(60):
        placed = (chatter if n % 2 else human)[n % 3]
        lines = [f"Harbour story {n}", f"The harbour master said on day {n} that ships were delayed by fog.", placed]
        label = "llm-chatter" if n % 2 else CONTENT
        documents.append(TrainingDocument(Document("\n".join(lines), id=f"c{n}"), [CONTENT, CONTENT, label],
                                          lookalikes=[] if n % 2 else [2]))
    model = ArtifactDetector.fit(documents, seed=1, epochs=5)
    unseen = Document("Harbour story 99\nThe harbour master said the port would reopen on Friday.\n"
                      "Would you like me to add a short timeline of the closures?\n")
    verdict = model.judge(unseen)
    assert verdict.lines[2].chatter_probability > 0.5 > verdict.lines[1].chatter_probability


def test_the_shipped_detector_removes_chrome_around_a_real_article_and_keeps_the_article():
    text = ("Photograph: Jane Doe/Reuters\n" + ARTICLE.split("I hope")[0] + "Sign up for our newsletter\n")
    findings = Linter(Config()).check(Document(text))
    lines = {f.line for f in findings if not f.document_level}
    assert {2, 3, 4, 5, 6}.isdisjoint(lines)  # the headline and the article's sentences stay
    assert 7 in lines  # the sign-up prompt goes


def test_selecting_only_the_detector_still_gives_it_the_rules_evidence(seeds_dir):
    text = (seeds_dir / "001_d47f74ae21f2c844.txt").read_text(encoding="utf-8")
    alone = [f for f in Linter(Config(select=["ML001"])).check(Document(text)) if f.code == "ML001"]
    together = [f for f in Linter(Config()).check(Document(text)) if f.code == "ML001"]
    assert [(f.line, f.category) for f in alone] == [(f.line, f.category) for f in together]


def test_clean_drops_an_assistant_reply_and_lists_it_in_rejects(tmp_path):
    reply = ("Councillor Denning Corruption Scandal Explained\n\n"
             "I'm sorry, but I can't write an article stating that Councillor Denning was involved in corruption.\n\n"
             "I don't have any verified information about such allegations, and publishing unverified claims could "
             "be defamatory.\n\nIf there are published reports, I'd be happy to help you summarise what they say.\n\n"
             "Let me know which option works best for you.\n")
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "reply", "text": reply}) + "\n" +
                      json.dumps({"id": "article", "text": ARTICLE.split("I hope")[0]}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["clean", str(source), "-o", str(tmp_path / "out.jsonl"), "--no-dedup",
                                      "--rejects", str(tmp_path / "rejects.jsonl")], catch_exceptions=False)
    assert result.exit_code == 0
    kept = [json.loads(line)["id"] for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    rejects = [json.loads(line) for line in (tmp_path / "rejects.jsonl").read_text().splitlines()]
    assert kept == ["article"]
    assert [(r["id"], r["reason"]) for r in rejects] == [("reply", "llm-whole-reply")] and rejects[0]["text"] == reply
    assert "1 dropped as llm-whole-reply" in result.stderr


def test_one_leftover_line_does_not_make_a_short_article_a_reply():
    # the closing offer is 28% of the words below the headline: the line goes, the article stays
    page = ("Library Extends Weekend Opening Hours\n\n"
            "The central library will stay open until eight on Saturdays from next month, after a survey of more "
            "than two thousand readers.\n\n"
            "The longer hours are paid for by a grant from the county council.\n\n"
            "Would you like me to adjust the tone or add quotes from the librarians?\n")
    [result] = clean_records([{"id": "library", "text": page}])
    assert (result.keep, result.reason) == (True, "")
    assert "Would you like me" not in result.text and "county council." in result.text


def test_cleaning_a_cleaned_text_changes_nothing(seeds_dir):
    linter = Linter(Config())
    for path in sorted(Path(seeds_dir).glob("*.txt")):
        once = linter.fix(Document(path.read_text(encoding="utf-8"), id=path.stem)).text
        assert linter.fix(Document(once, id=path.stem)).applied == [], path.name


def test_fixes_made_in_later_rounds_are_in_the_findings_file_and_the_counts(tmp_path, seeds_dir):
    seed = seeds_dir / "003_637ab0b4ae45922e.txt"
    result = CliRunner().invoke(cli, ["clean", str(seed), "-o", str(tmp_path / "out.txt"), "--no-dedup",
                                      "--findings", str(tmp_path / "f.jsonl")], catch_exceptions=False)
    rows = [json.loads(line) for line in (tmp_path / "f.jsonl").read_text().splitlines()]
    later = [r for r in rows if r.get("round", 1) > 1]
    assert later and all(r["applied"] and r["removed"].strip() for r in later)
    counted = sum(1 for r in rows if r["category"] == "comment-form")
    assert f"comment-form {counted}" in result.stderr
