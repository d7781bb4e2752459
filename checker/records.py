"""Records the checker produces: findings, agreements, source scores and the whole report."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from claims.models import Claim, Document, Entity, Evidence, SharedFieldsSet

FindingType = Literal["misattribution", "role_conflict", "location_conflict", "date_conflict", "number_conflict",
                      "negation_conflict", "internal_contradiction", "unsupported_claim", "unsourced_statistic",
                      "placeholder"]
Severity = Literal["error", "warning", "info"]
FLAGGING = ("error", "warning")


class Finding(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = ""
    type: FindingType
    code: str = ""
    severity: Severity
    source: str
    message: str
    evidence: list[Evidence]
    contradicted_by: list[Evidence] = Field(default_factory=list)
    supported_by: list[Evidence] = Field(default_factory=list)
    claims: list[str] = Field(default_factory=list)  # ids of the flagged claims
    rule: str = ""  # the rule that raised it (module.function), for review and the benchmark


class Agreement(BaseModel):
    model_config = ConfigDict(extra="forbid")
    subject: str
    predicate: str
    object: str
    sources: list[str]
    evidence: list[Evidence]
    claims: list[str] = Field(default_factory=list)


class ScoreComponent(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str
    value: float  # contribution to the score
    detail: str = ""


class SourceScore(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    path: str
    title: str
    published: Optional[str]
    score: float
    label: Literal["high", "medium", "low"]
    counts: dict[str, int]
    reference: bool = False  # a --reference file of trusted facts
    prior: float = 0.5
    signals: dict[str, int] = Field(default_factory=dict)
    explanation: list[ScoreComponent] = Field(default_factory=list)
    contradicted_by: dict[str, int] = Field(default_factory=dict)
    interval: list[float] = Field(default_factory=list)  # 95% interval of the score
    uncertain: bool = False  # the interval straddles a label threshold
    witness: str = ""  # the witness group: the smallest id among near-copies of this document
    copies: list[str] = Field(default_factory=list)  # the other documents of its witness group


class ClaimOut(SharedFieldsSet, BaseModel):
    """A claim as the report lists it: the record plus its status (one per claim: frozen, its fields
    set shared)."""
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    source: str
    kind: str
    subject: str
    subject_id: Optional[str]
    predicate: str
    predicate_class: str = ""
    object: Optional[str]
    object_id: Optional[str]
    qualifiers: dict
    quote: str
    start: int
    end: int
    line: int
    status: Literal["corroborated", "contradicted", "unsupported"]


class Report(BaseModel):
    model_config = ConfigDict(extra="forbid")
    schema_version: int = 4  # 2: findings carry `rule`; 3: `notes`, and `counts` cover every claim listed;
    # 4: sources carry `interval`, `uncertain`, `witness` and `copies`
    sources: list[SourceScore]
    findings: list[Finding]
    agreements: list[Agreement]
    entities: list[Entity]
    claims: list[ClaimOut]
    notes: list[str] = Field(default_factory=list)  # about the input: documents left out, nothing to compare
    documents: list[Document] = Field(default_factory=list, exclude=True)
    raw_claims: list[Claim] = Field(default_factory=list, exclude=True)
