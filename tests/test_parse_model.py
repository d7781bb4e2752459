"""The checker's GiNZA (components left out, products through numpy) gives GiNZA's own tokens."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_the_slim_model_gives_the_default_pipelines_tokens():
    import spacy

    from claims.ingest import read_documents
    from claims.model import DISABLED
    from claims.parse import Parser
    from claims.segment import split

    docs = read_documents([ROOT / "examples"]) + read_documents([ROOT / "tests" / "data" / "corpus2"])
    sentences = list(dict.fromkeys(s.text for d in docs for s in split(d.visible, d.plain_map).sentences))[:400]
    full = spacy.load("ja_ginza", exclude=["ner"])  # every component that can change a token, thinc's own products
    assert "bunsetu_recognizer" in full.pipe_names and "bunsetu_recognizer" in DISABLED
    mine = Parser(use_cache=False)._parse(sentences, None)
    for doc, toks in zip(full.pipe(sentences), mine):
        assert [(t.text, t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i, t.idx) for t in doc] == \
            [(t.text, t.lemma, t.pos, t.tag, t.dep, t.head, t.idx) for t in toks]


def test_ud_label_drops_only_the_bunsetu_suffix():
    from claims.model import ud_label

    assert ud_label("nmod_bunsetu") == "nmod"
    assert ud_label("nsubj") == "nsubj"
    assert ud_label("ROOT") == "ROOT"
