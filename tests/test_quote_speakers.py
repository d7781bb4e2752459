"""Who said a quotation, in the wordings reports use: a speaker named after the verb, a reply, a title."""
from __future__ import annotations

import pytest

from checker.pipeline import run


def _report(tmp_path, texts: dict[str, str]):
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    return run([tmp_path])


def _speakers(rep, source: str, words: str) -> list[str]:
    return [c.qualifiers.speaker for c in rep.raw_claims
            if c.source == source and c.kind == "statement" and words in (c.qualifiers.content or "")]


def _misattributed(rep, source: str):
    return [f for f in rep.findings if f.source == source and f.rule == "quotes.quote_misattributions"]


@pytest.mark.slow
def test_a_speaker_named_after_the_verb(tmp_path):
    rep = _report(tmp_path, {
        "a": "記者会見で山田太郎社長は「新工場は来年春に稼働させる」と述べた。",
        "b": "「新工場は来年春に稼働させる」と語った佐藤次郎社長は、投資額を明らかにしなかった。",
        "c": "「新工場は来年春に稼働させる」と発表したのは、山田太郎社長だった。",
        "d": "「新工場は来年春に稼働させる」と話した田中三郎氏の妻は、驚いた様子だった。",
    })
    assert _speakers(rep, "b", "新工場") == ["佐藤次郎"]
    assert _speakers(rep, "c", "新工場") == ["山田太郎"]
    assert "田中三郎" not in _speakers(rep, "d", "新工場")  # his wife said it, not he


@pytest.mark.slow
def test_a_reply_reports_words_only_after_a_quotation(tmp_path):
    rep = _report(tmp_path, {
        "a": "記者に問われた鈴木一郎氏は「仮定の質問にはお答えしかねる」と返した。",
        "b": "鈴木一郎氏は借りていた資料を図書館に返した。",
    })
    assert _speakers(rep, "a", "仮定の質問") == ["鈴木一郎"]
    assert not [c for c in rep.raw_claims if c.source == "b" and c.kind == "statement"]


@pytest.mark.slow
def test_words_given_to_another_person_than_the_title_others_name(tmp_path):
    """Two sources give the words to 国王, whom the corpus names as チャールズ国王; a third gives them
    to ウィリアム皇太子."""
    rep = _report(tmp_path, {
        "a": "チャールズ国王の戴冠式が6日、ロンドンで行われた。国王は入場の際、「仕えられるためではなく、仕えるために来た」と答えた。",
        "b": "英国のチャールズ国王は6日、戴冠式に臨んだ。国王は聖歌隊員に「仕えられるためではなく、仕えるために来た」と応じた。",
        "c": "戴冠式では、「仕えられるためではなく、仕えるために来ました」と語ったウィリアム皇太子が印象的でした。",
    })
    bad = _misattributed(rep, "c")
    assert bad and bad[0].type == "misattribution" and {e.source for e in bad[0].contradicted_by} == {"a", "b"}, \
        [f.message for f in rep.findings]
    assert not _misattributed(rep, "a") and not _misattributed(rep, "b")


@pytest.mark.slow
def test_a_subject_after_a_setting_and_one_person_under_two_forms_of_the_name(tmp_path):
    rep = _report(tmp_path, {
        "a": "ユリア氏は同日、会議に登壇した。日本では山田太郎官房長官が19日の記者会見で、重大な関心を持って状況を注視すると述べた。",
        "b": "山田太郎官房長官は19日の記者会見で「重大な関心を持って状況を注視していく」と述べた。",
        "c": "山田太郎官房長官も19日、「重大な関心を持って状況を注視していく」と語った。",
        "d": "山田氏は「政府として重大な関心を持って状況を注視していく」と述べた。",
    })
    assert _speakers(rep, "a", "注視") == ["山田太郎"]
    assert not [f for d in "abcd" for f in _misattributed(rep, d)], [f.message for f in rep.findings]
