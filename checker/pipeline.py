"""The library entry point: documents in, :class:`Report` out.  The CLI is a thin layer over this."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterable, Sequence

from claims.entities import Resolver
from claims.extract import Names, extract_documents
from claims.reference import load_reference
from claims.ingest import InputError, read_documents
from claims.language import left_out_note, partition
from claims.models import Claim, Extraction
from claims.parse import Parser

from . import score as S
from .agree import agreements
from .common import Corpus, no_cyclic_gc
from .copies import witness_groups
from .events import event_findings, internal_event_findings
from .records import FLAGGING, ClaimOut, Finding, Report, ScoreComponent, SourceScore
from .quotes import quote_misattributions
from .former import former_findings
from .roles import person_countries, role_findings
from .arithmetic import arithmetic_findings, repeated_count_findings
from .parallel import Each
from .slots import slot_findings, start_evidence
from .spans import span_findings
from .elapsed import elapsed_findings
from .names import name_variant_findings
from .signals import placeholder_findings, unsourced_statistics, unsupported_figures

CODES = {
    "misattribution": "CC101", "role_conflict": "CC102", "location_conflict": "CC103", "date_conflict": "CC104",
    "number_conflict": "CC105", "negation_conflict": "CC106", "internal_contradiction": "CC107",
    "unsupported_claim": "CC201", "unsourced_statistic": "CC202", "placeholder": "CC301",
}
CHECKABLE = ("role", "event", "quantity", "relation", "statement", "table")


def analyse(extractions: Sequence[Extraction], references: Sequence[Extraction] = (),
            notes: Sequence[str] = ()) -> Report:
    """Compare, score and explain.  ``references`` are trusted fact files (fixed high trust);
    ``notes`` are what the caller says about its input (documents left out), shown in the report."""
    with no_cyclic_gc():
        return _analyse(extractions, references, notes)


def _analyse(extractions: Sequence[Extraction], references: Sequence[Extraction], notes: Sequence[str]) -> Report:
    extractions = list(extractions) + list(references)
    ref_ids = {r.document.id for r in references}
    corpus, resolver = build_corpus(extractions, ref_ids)
    priors = {ex.document.id: S.prior(ex.signals)[0] for ex in extractions}
    countries = person_countries(corpus)
    # the verdicts on contested values and the heaviest rules start first: on a large corpus they run
    # in forked workers while this process applies the other rules
    pending = start_evidence(corpus, extractions, {
        "roles": lambda: _ruled(role_findings, corpus, priors),
        "agreements": lambda: agreements(corpus, countries),
        "events": lambda: _ruled(event_findings, corpus)})
    try:
        return _judged(extractions, ref_ids, notes, corpus, resolver, priors, pending)
    finally:
        pending.close()


def _judged(extractions: list[Extraction], ref_ids: set[str], notes: Sequence[str], corpus: Corpus,
            resolver: Resolver, priors: dict[str, float], pending: Each) -> Report:
    claims, docs = corpus.claims, [ex.document for ex in extractions]
    # the rules of this process first, while the workers run theirs; the findings keep rule order
    former = _ruled(former_findings, corpus, priors)
    rest: list[Finding] = []
    for rule in (repeated_count_findings, internal_event_findings, arithmetic_findings,
                 placeholder_findings, unsourced_statistics):
        rest += _ruled(rule, corpus)
    rest += _ruled(span_findings, corpus, extractions)
    rest += _ruled(elapsed_findings, corpus, extractions)
    rest += _ruled(name_variant_findings, corpus, extractions)
    findings: list[Finding] = pending.side("roles") + former
    findings += _ruled(quote_misattributions, corpus, {cid for f in findings for cid in f.claims}, priors)
    findings += pending.side("events") + rest
    agrees, corroborated = pending.side("agreements")
    verdicts: list[tuple[str, float]] = []  # contested values below an error: (source, p of an error)
    findings += _ruled(slot_findings, corpus, extractions, findings, verdicts, pending)
    findings = _drop_covered(findings)
    findings = [f for f in findings if f.source not in ref_ids]  # the user's facts are not on trial
    findings = _merge_same_claim(findings)
    already = {cid for f in findings for cid in f.claims}
    findings += _ruled(unsupported_figures, corpus, corroborated, already)

    contradicted: dict[str, set[str]] = defaultdict(set)
    for f in findings:
        if f.severity == "error":
            others = {e.source for e in f.contradicted_by} or {f.source}
            for cid in f.claims:
                contradicted[cid] |= others
    checkable = {d.id: [c.id for c in corpus.by_source[d.id] if c.kind in CHECKABLE] for d in docs}
    support: dict[str, int] = defaultdict(int)  # witnesses that state each corroborated claim
    for a in agrees:
        k = len({corpus.witness.get(x, x) for x in a.sources})
        for cid in a.claims:
            support[cid] = max(support[cid], k)
    n_witnesses = len(set(corpus.witness.values()))
    contested: dict[str, list[float]] = defaultdict(list)
    for source, p in verdicts:
        contested[source].append(p)
    trust = S.truth_discovery(list(extractions), corroborated, contradicted, checkable,
                              fixed={r: S.REFERENCE_TRUST for r in ref_ids},
                              weight_of=S.specificity(support, n_witnesses), contested=contested)
    alone = nothing_to_compare(docs, ref_ids, corroborated, findings)
    if alone:
        # "no other source states this" is then true of every claim and says nothing about the source
        trust = {sid: S.REFERENCE_TRUST if sid in ref_ids else priors[sid] for sid in trust}
    # severity follows evidence, not the score: unsupported content is a warning only where its rule
    # saw a positive sign of fabrication (a rival venue, a poll with no source), or, for a place no
    # other source names, where other sources contradict its document on something else
    caught = {f.source for f in findings if f.severity == "error"} if not alone else set()
    for f in findings:
        if f.type == "unsupported_claim" and f.severity == "info" and f.rule == "events.unsupported_venue" \
                and f.source in caught:
            f.severity = "warning"
            f.message += "; other sources contradict this document elsewhere"
    for f in findings if alone else ():
        if f.type == "unsupported_claim" and f.severity != "info":
            f.severity = "info"
            f.message += "; nothing to compare with"
    findings = _number(findings)

    sources = []
    own: dict[str, list[Finding]] = defaultdict(list)  # each source's findings, in order
    for f in findings:
        own[f.source].append(f)
    members: dict[str, list[str]] = defaultdict(list)  # witness group -> its documents, sorted
    for o, g in sorted(corpus.witness.items()):
        members[g].append(o)
    for ex in extractions:
        d = ex.document
        pr, parts = S.prior(ex.signals)
        if d.id in ref_ids:
            pr, parts = S.REFERENCE_TRUST, [ScoreComponent(label="reference file", value=S.REFERENCE_TRUST,
                                                          detail="trusted facts supplied by the user: fixed trust")]
        penalty, sev = S.finding_penalty(own[d.id], d.id)
        ids = checkable[d.id]
        n_corr = sum(1 for c in ids if c in corroborated and c not in contradicted)  # contradicted wins
        n_contra = sum(1 for c in ids if c in contradicted)
        by_whom: dict[str, int] = defaultdict(int)
        for c in ids:
            for o in contradicted.get(c, ()):
                if o != d.id:
                    by_whom[o] += 1
        value = max(0.0, min(1.0, trust[d.id] - penalty))
        lo, hi = (value, value) if d.id in ref_ids else S.interval(
            trust[d.id], S.evidence_weight(checkable, corroborated, contradicted, d.id, contested), penalty)
        group = corpus.witness.get(d.id, d.id)
        explanation = parts if d.id in ref_ids else parts + [
            ScoreComponent(label="evidence (truth discovery)", value=round(trust[d.id] - pr, 4),
                           detail=alone or f"{n_corr} of {len(ids)} checkable claims corroborated by other "
                                           f"sources, {n_contra} contradicted" + (
                                               f"; {len(contested[d.id])} values contested below an error "
                                               f"(expected errors {sum(contested[d.id]):.1f})"
                                               if contested[d.id] else "")
                                           + "; few claims pull the score toward the prior"),
            ScoreComponent(label="findings", value=-round(penalty, 4),
                           detail=", ".join(f"{n} {k}" for k, n in sorted(sev.items())) or "none"),
        ]
        rest = round(value - sum(p.value for p in explanation), 4)
        if abs(rest) > 1e-4 and d.id not in ref_ids:  # the sum fell below 0 or rose above 1
            explanation.append(ScoreComponent(label="bounds", value=rest, detail="a score stays within [0, 1]"))
        internal = sum(1 for f in own[d.id] if f.type == "internal_contradiction")
        sources.append(SourceScore(
            id=d.id, path=d.path, title=d.title, published=d.published, score=round(value, 4),
            reference=d.id in ref_ids,
            label=S.label(value), prior=round(pr, 4), signals=dict(ex.signals), explanation=explanation,
            contradicted_by=dict(sorted(by_whom.items())), interval=[lo, hi], uncertain=S.uncertain(lo, hi),
            witness=group, copies=[o for o in members[group] if o != d.id],
            counts={**claim_counts(corpus.by_source[d.id], corroborated, contradicted),
                    "internal_contradictions": internal,
                    "findings": sum(1 for f in own[d.id] if f.severity in FLAGGING)}))
    sources.sort(key=lambda s: (-s.score, s.id))
    out_claims = []
    for c in sorted(claims, key=lambda c: (c.source, c.start, c.id)):
        status = _status(c.id, corroborated, contradicted)
        out_claims.append(ClaimOut(
            id=c.id, source=c.source, kind=c.kind, subject=c.subject, subject_id=c.subject_id,
            predicate=c.predicate, predicate_class=c.predicate_class, object=c.object, object_id=c.object_id,
            qualifiers=_qualifiers(c), quote=c.quote, start=c.start,
            end=c.end, line=c.line, status=status))
    return Report(sources=sources, findings=findings, agreements=agrees, entities=resolver.entities,
                  claims=out_claims, documents=docs, raw_claims=claims,
                  notes=list(notes) + ([alone] if alone else []) + copy_notes(corpus.witness))


def copy_notes(witness: dict[str, str]) -> list[str]:
    groups: dict[str, list[str]] = defaultdict(list)
    for d, g in sorted(witness.items()):
        groups[g].append(d)
    return [f"{', '.join(ids)} are near-copies of one text: they count as one witness"
            for _, ids in sorted(groups.items()) if len(ids) > 1]


def _status(cid: str, corroborated, contradicted) -> str:
    return "contradicted" if cid in contradicted else "corroborated" if cid in corroborated else "unsupported"


def claim_counts(claims: Sequence[Claim], corroborated, contradicted) -> dict[str, int]:
    """A source's claims by status: the one count the summary, the tables and the claim list all show."""
    n = {"claims": len(claims), "corroborated": 0, "contradicted": 0, "unsupported": 0}
    for c in claims:
        n[_status(c.id, corroborated, contradicted)] += 1
    return n


def nothing_to_compare(docs, ref_ids: set[str], corroborated: set[str], findings: list[Finding]) -> str:
    """A note when no claim could be set against another source's (one document, or documents that
    share nothing checkable); empty when something was compared."""
    if any(e.source != f.source for f in findings for e in f.contradicted_by) or corroborated:
        return ""
    if len(docs) == 1:
        return (f"only one document ({docs[0].id}): there is nothing to compare its claims with, so no claim "
                "is corroborated or contradicted and the score is the prior from page signals")
    return (f"no claim of the {len(docs) - len(ref_ids)} documents could be compared with another source's: "
            "nothing is corroborated or contradicted, and each score is the prior from page signals")


def _drop_covered(findings: list[Finding]) -> list[Finding]:
    """A note that a value is unsupported says nothing more once an error names that value."""
    errors = {(f.source, e.start, e.end) for f in findings if f.severity == "error" for e in f.evidence}
    return [f for f in findings if f.severity == "error" or f.type not in ("unsupported_claim", "unsourced_statistic")
            or not any((f.source, e.start, e.end) in errors for e in f.evidence)]


def _ruled(rule: Callable[..., list[Finding]], *args) -> list[Finding]:
    """Run one rule; each finding names the rule that raised it unless the rule named a finer one."""
    name = f"{rule.__module__.rsplit('.', 1)[-1]}.{rule.__name__}"
    out = rule(*args)
    for f in out:
        f.rule = f.rule or name
    return out


CORE_QUALIFIERS = ("time", "place", "speaker", "role", "negated", "hedged")


def _qualifiers(c: Claim) -> dict:
    """The contract's qualifiers always present; the others only when set."""
    full = c.qualifiers.model_dump()
    out = c.qualifiers.model_dump(exclude_defaults=True)
    out.update({k: full[k] for k in CORE_QUALIFIERS})
    return dict(sorted(out.items()))


def _merge_same_claim(findings: list[Finding]) -> list[Finding]:
    """One wrong value contradicted by several sources is one finding with all their quotes."""
    merged: dict[tuple, Finding] = {}
    grew: set[tuple] = set()
    out: list[Finding] = []
    for f in findings:
        key = (f.type, f.source, tuple(f.claims))
        if f.claims and f.type in ("number_conflict", "date_conflict", "location_conflict") and key in merged:
            first = merged[key]
            seen = {(e.source, e.start, e.end) for e in first.contradicted_by}
            first.contradicted_by += [e for e in f.contradicted_by if (e.source, e.start, e.end) not in seen]
            grew.add(key)
            continue
        merged[key] = f
        out.append(f)
    for key in grew:
        f = merged[key]
        first = f.contradicted_by[0].source
        also = sorted({e.source for e in f.contradicted_by} - {first})
        if also:
            f.message = f"{f.message}; so do {', '.join(also)}"
    return out


def _number(findings: list[Finding]) -> list[Finding]:
    order = {"error": 0, "warning": 1, "info": 2}
    findings.sort(key=lambda f: (f.source, order[f.severity], f.evidence[0].start if f.evidence else 0, f.type))
    for n, f in enumerate(findings, 1):
        f.id = f"F{n}"
        f.code = CODES[f.type]
    return findings


def build_corpus(extractions: Sequence[Extraction], ref_ids: Iterable[str] = ()) -> tuple[Corpus, Resolver]:
    """The claims of all documents with their entities resolved across documents."""
    resolver = Resolver(extractions)
    claims: list[Claim] = [resolver.resolve(c) for ex in extractions for c in ex.claims]
    corpus = Corpus([ex.document for ex in extractions], claims, resolver.label, set(ref_ids))
    corpus.person = resolver.person  # a name as written to its person across the corpus (actor slots)
    corpus.person_sources = {e.id: set(e.sources) for e in resolver.entities if e.type == "person"}
    corpus.witness = witness_groups([ex.document for ex in extractions], [s for ex in extractions for s in ex.slots])
    return corpus, resolver


def run(paths: Iterable[str | Path], parser: Parser | None = None,
        progress: Callable[[int], None] | None = None, references: Sequence[str | Path] = ()) -> Report:
    docs, foreign = partition(read_documents(paths))
    if not docs:
        raise InputError("no Japanese document to check: claimcheck reads Japanese text")
    refs = [load_reference(r) for r in references]
    ex, _ = extract_documents(docs, parser or Parser(), names=_reference_names(refs), progress=progress)
    return analyse(ex, refs, [left_out_note(d) for d in foreign])


def _reference_names(refs: Sequence[Extraction]) -> Names | None:
    """People named in reference files are people in the documents too."""
    if not refs:
        return None
    names = Names()
    for r in refs:
        for m in r.mentions:
            names.add(m.text)
    return names
