"""The report JSON of the contract: sorted, stable, byte-for-byte deterministic."""
from __future__ import annotations

import json

from checker.records import Report


def report_json(report: Report) -> str:
    data = report.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
