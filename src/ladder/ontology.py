"""CAMEO codes, Goldstein values, quad classes and the PLOVER mapping, from data files.

Why a module of its own: every stage that emits or checks a code (coder, store,
web filters, exports) must agree on one table.  The tables are the project's own
copies of facts from the shared CAMEO/GDELT/PLOVER references (see NOTICE).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

#: The 16 PLOVER event types (PLOVER manual).
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

QUAD_LABELS = {
    1: "Verbal Cooperation",
    2: "Material Cooperation",
    3: "Verbal Conflict",
    4: "Material Conflict",
}


@dataclass(frozen=True)
class CameoCode:
    code: str
    label: str
    goldstein: float
    quad_class: int
    root: str
    parent: str | None


def data_path(name: str) -> Any:
    """Path-like handle to a file shipped in ``ladder/data``."""
    return resources.files("ladder") / "data" / name


def lexicon_rows(name: str) -> list[dict[str, str]]:
    """Rows of a tab-separated table under ``ladder/data/lexicons`` (``#`` comment lines and
    blank lines skipped, no quoting)."""
    with data_path(f"lexicons/{name}").open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@lru_cache(maxsize=1)
def cameo_codes() -> dict[str, CameoCode]:
    """All CAMEO event codes (2-4 digits) keyed by code string ('010' != '10')."""
    out: dict[str, CameoCode] = {}
    with data_path("cameo_event_codes.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            out[row["code"]] = CameoCode(
                code=row["code"],
                label=row["label"],
                goldstein=float(row["goldstein"]),
                quad_class=int(row["quad_class"]),
                root=row["root_code"],
                parent=row["parent_code"] or None,
            )
    return out


def cameo(code: str) -> CameoCode:
    """Look a code up; raises ``KeyError`` naming the code when unknown."""
    try:
        return cameo_codes()[code]
    except KeyError:
        raise KeyError(f"unknown CAMEO code {code!r}") from None


def is_cameo(code: str) -> bool:
    return code in cameo_codes()


@lru_cache(maxsize=1)
def _plover() -> dict[str, Any]:
    with data_path("plover.json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def plover_for_cameo(code: str) -> tuple[str | None, str | None]:
    """(PLOVER type, mode) for a CAMEO code; (None, None) for 01/02 statements/appeals.

    Uses the detailed CAMEO→PLOVER table first (it has deviations from the root rule,
    e.g. 163 embargo → COERCE), then walks up to the parent code, then the root rule.
    """
    det = _plover()["cameo_to_plover"]
    c: str | None = code
    while c:
        if c in det:
            return det[c]["plover"], det[c]["mode"]
        c = cameo(c).parent if is_cameo(c) else None
    root = code[:2]
    if root == "08":
        return ("CONCEDE" if code[:3] in ("080", "081", "082", "083") else "RETREAT"), None
    value = _plover()["cameo_root_to_plover"].get(root, "dropped")
    if value == "dropped":
        return None, None
    name = value.split()[0]
    return (name if name in PLOVER_TYPES else None), ("unconventional" if root == "20" else None)


def plover_quad(plover: str) -> int:
    """Quad class (1-4) of a PLOVER type, from the PLOVER manual."""
    for et in _plover()["event_types"]:
        if et["name"] == plover:
            return {
                "verbal_cooperation": 1,
                "material_cooperation": 2,
                "verbal_conflict": 3,
                "material_conflict": 4,
            }[et["quad"]]
    raise KeyError(f"unknown PLOVER type {plover!r}")


def plover_modes(plover: str) -> list[str]:
    for et in _plover()["event_types"]:
        if et["name"] == plover:
            return list(et["modes"])
    raise KeyError(f"unknown PLOVER type {plover!r}")


def plover_definitions() -> dict[str, str]:
    return {et["name"]: et["definition"] for et in _plover()["event_types"]}
