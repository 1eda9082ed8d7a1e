"""Scoring the coder against gold sets (``ladder eval``).

Why here and not in benchmarks only: users score ladder on their own gold files too,
in any of the shared schemas.  The schema is detected from the first record:

* PLV (``labels.gold_root``): classify given source/target; root accuracy, macro-F1,
  quad accuracy.  Scored on the project's held-out split (``ladder.splits``) unless
  ``all_records`` — the shipped classifier was trained on the rest.
* PLOVER GSR (``labels.event`` + source/target lists): end to end from raw text;
  event P/R/F1 on (source country, target country, PLOVER type).
* PETRARCH gold (``events`` lists): end to end; P/R/F1 on (source country, target
  country, CAMEO root), real-world actor records only.
* Multi-CoPED (``labels.penta`` with actor spans): classify; penta-class accuracy.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ladder.ontology import data_path, plover_quad
from ladder.splits import ladder_split
from ladder.types import Document, Event


def plv_root(label: str | None) -> str:
    """A PLOVER type as a PLV root: CONCEDE and RETREAT are PLV's YIELD; None is "NONE"."""
    if label is None:
        return "NONE"
    return "YIELD" if label in ("CONCEDE", "RETREAT") else label


def plv_quad(root: str) -> int:
    """PLOVER quad class of a PLV root (YIELD counts as RETREAT's, material cooperation; NONE 0)."""
    return 0 if root == "NONE" else plover_quad("RETREAT" if root == "YIELD" else root)


@dataclass
class Report:
    """What an evaluation printed: headline metrics plus per-class rows."""

    name: str
    n: int
    metrics: dict[str, float]
    per_class: dict[str, dict[str, float]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "n": self.n, "metrics": self.metrics,
                "per_class": self.per_class, "notes": self.notes}


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{i}: not valid JSON ({exc.msg})") from None
    return rows


def detect_schema(record: dict[str, Any]) -> str:
    labels = record.get("labels") or {}
    if "gold_root" in labels:
        return "plv"
    if "event" in labels and "source" in labels:
        return "gsr"
    if "events" in record:
        return "petrarch"
    if "penta" in labels:
        return "multicoped"
    raise ValueError("unknown gold schema: expected PLV, PLOVER GSR, PETRARCH or Multi-CoPED records")


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "fp": fp, "fn": fn}


def per_class_table(gold: list[str], pred: list[str]) -> dict[str, dict[str, float]]:
    labels = sorted(set(gold) | set(pred))
    out = {}
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p != lab)
        row = prf(tp, fp, fn)
        row["support"] = sum(1 for g in gold if g == lab)
        out[lab] = row
    return out


def macro_f1(table: dict[str, dict[str, float]]) -> float:
    rows = [r for r in table.values() if r["support"] > 0]
    return round(sum(r["f1"] for r in rows) / len(rows), 4) if rows else 0.0


def eval_plv(coder: Any, rows: list[dict[str, Any]], all_records: bool = False) -> Report:
    notes = []
    if not all_records:
        rows = [r for r in rows if ladder_split(r.get("split_key", "id:" + r["id"])) == "test"]
        notes.append("held-out split only (ladder.splits: sha256('ladder:'+split_key) % 5 == 0)")
    items = [(r["text"], r["labels"]["source"], r["labels"]["target"]) for r in rows]
    preds = coder.classify_many(items)
    gold = [r["labels"]["gold_root"] for r in rows]
    pred = [plv_root(p["plover"]) for p in preds]
    acc = sum(g == p for g, p in zip(gold, pred, strict=True)) / max(len(gold), 1)
    qacc = sum(plv_quad(g) == plv_quad(p) for g, p in zip(gold, pred, strict=True)) / max(len(gold), 1)
    table = per_class_table(gold, pred)
    return Report("PLV (classify given source/target)", len(rows),
                  {"root_accuracy": round(acc, 4), "macro_f1": macro_f1(table),
                   "quad_accuracy": round(qacc, 4)}, table, notes)


@lru_cache(maxsize=1)
def _iso3() -> dict[str, str]:
    """CAMEO country code -> ISO3 (MTN -> MNE, ROM -> ROU ...), so gold and output compare."""
    out = {}
    with data_path("lexicons/countries.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row.get("iso3"):
                out[row["code"]] = row["iso3"]
    return out


#: misspelt country codes in the PLOVER GSR gold (JAP for Japan...), read as meant
GOLD_CODE_TYPOS = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


def _country(code: str | None) -> str | None:
    if not code or code.startswith("---"):
        return None  # PETRARCH's "---" (and "---CVL"): no country (an unidentified actor)
    c = code[:3].upper()
    c = GOLD_CODE_TYPOS.get(c, c)
    return _iso3().get(c, c)


def _event_country(actor: dict[str, Any] | None) -> str | None:
    if not actor:
        return None
    return _country(actor.get("country") or actor.get("code"))


def _code_docs(coder: Any, docs: list[Document]) -> list[list[Event]]:
    return [evs for _, evs in coder.code_documents(docs)]


def _tuple_prf(gold_sets: list[set[tuple[Any, ...]]], pred_sets: list[set[tuple[Any, ...]]]) -> dict[str, float]:
    tp = sum(len(g & p) for g, p in zip(gold_sets, pred_sets, strict=True))
    fp = sum(len(p - g) for g, p in zip(gold_sets, pred_sets, strict=True))
    fn = sum(len(g - p) for g, p in zip(gold_sets, pred_sets, strict=True))
    return prf(tp, fp, fn)


def eval_gsr(coder: Any, rows: list[dict[str, Any]]) -> Report:
    docs = [Document(id=r["id"], text=r["text"]) for r in rows]
    events = _code_docs(coder, docs)
    gold_sets, pred_sets, pred_any = [], [], []
    gold_types, pred_types = [], []
    for r, evs in zip(rows, events, strict=True):
        lab = r["labels"]
        etype = (r.get("derived") or {}).get("event_plover_v1") or lab["event"]
        srcs = [_country(a.get("code")) for a in lab.get("source") or []]
        tgts = [_country(a.get("code")) for a in lab.get("target") or []]
        g: set[tuple[Any, ...]] = set()
        if srcs and tgts:
            g = {(s, t, etype) for s in srcs for t in tgts}
        elif len(srcs) > 1:  # reciprocal (SRC/TAR) records
            g = {(s, t, etype) for s in srcs for t in srcs if s != t}
        else:
            g = {(s, None, etype) for s in srcs}
        p = {(_event_country(e.source.to_dict() if e.source else None),
              _event_country(e.target.to_dict() if e.target else None), e.plover)
             for e in evs if e.plover}
        gold_sets.append(g)
        pred_sets.append(p)
        pred_any.append(bool(evs))
        gold_types.append(etype)
        pred_types.append(_best_type(evs, etype))
    m = _tuple_prf(gold_sets, pred_sets)
    table = per_class_table(gold_types, pred_types)
    metrics = {**{f"event_{k}": v for k, v in m.items()},
               "type_accuracy_any_event": round(sum(g == p for g, p in zip(gold_types, pred_types, strict=True)) / max(len(rows), 1), 4),
               "records_with_events": round(sum(pred_any) / max(len(rows), 1), 4)}
    return Report("PLOVER GSR (end to end: source country, target country, PLOVER type)",
                  len(rows), metrics, table)


def _best_type(evs: list[Event], gold: str) -> str:
    types = [e.plover for e in evs if e.plover]
    if gold in types:
        return gold
    return types[0] if types else "NONE"


def eval_petrarch(coder: Any, rows: list[dict[str, Any]]) -> Report:
    rows = [r for r in rows if "real-world" in (r.get("actor_vocab") or "")]
    docs = [Document(id=r["id"], text=r["text"], date=_iso(r.get("date"))) for r in rows]
    events = _code_docs(coder, docs)
    gold_sets, pred_sets = [], []
    for r, evs in zip(rows, events, strict=True):
        gold_sets.append({(_country(e["source"]), _country(e["target"]), e["code"][:2]) for e in r["events"]})
        pred_sets.append({(_event_country(e.source.to_dict() if e.source else None),
                           _event_country(e.target.to_dict() if e.target else None), e.cameo_root)
                          for e in evs if e.status in ("asserted", "reported")})
    m = _tuple_prf(gold_sets, pred_sets)
    return Report("PETRARCH gold, real-world actors (source country, target country, CAMEO root)",
                  len(rows), {f"event_{k}": v for k, v in m.items()},
                  notes=["asserted and reported events (not negated, hypothetical, future, denied); records with no gold events count their predictions as false positives"])


def _penta(cameo: str | None) -> int:
    if not cameo:
        return 0
    root = int(cameo[:2])
    if root <= 2:
        return 0
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13 or root == 16:
        return 3
    return 4


def eval_multicoped(coder: Any, rows: list[dict[str, Any]], all_records: bool = False) -> Report:
    rows = [r for r in rows if r["labels"].get("actor_spans")]
    if not all_records:
        rows = [r for r in rows if ladder_split(r.get("split_key", "id:" + r["id"])) == "test"]
    items = []
    for r in rows:
        spans = r["labels"]["actor_spans"]
        src = next((s["text"] for s in spans if s["role"] in ("source", "reciprocal")), None)
        tgt = next((s["text"] for s in spans if s["role"] == "target"), None)
        items.append((r["text"], src, tgt))
    preds = coder.classify_many(items)
    gold = [str(r["labels"]["penta"]) for r in rows]
    # penta 0 ("neutral") also covers "no event between these actors"
    pred = [str(_penta(None if p["no_event"] else p["cameo"])) for p in preds]
    acc = sum(g == p for g, p in zip(gold, pred, strict=True)) / max(len(gold), 1)
    table = per_class_table(gold, pred)
    return Report("Multi-CoPED (penta class via classify + CAMEO)", len(rows),
                  {"penta_accuracy": round(acc, 4), "macro_f1": macro_f1(table)}, table,
                  ["held-out split only" if not all_records else "all records"])


def _iso(date: str | None) -> str | None:
    if date and len(date) == 8 and date.isdigit():
        return f"{date[:4]}-{date[4:6]}-{date[6:]}"
    return date


def evaluate_file(coder: Any, path: str | Path, all_records: bool = False,
                  limit: int | None = None) -> Report:
    rows = read_jsonl(path)
    if not rows:
        raise ValueError(f"{path}: no records")
    schema = detect_schema(rows[0])
    if limit:
        rows = rows[:limit]
    if schema == "plv":
        return eval_plv(coder, rows, all_records)
    if schema == "gsr":
        return eval_gsr(coder, rows)
    if schema == "petrarch":
        return eval_petrarch(coder, rows)
    return eval_multicoped(coder, rows, all_records)


def top_confusions(gold: Iterable[str], pred: Iterable[str], k: int = 10) -> list[tuple[str, str, int]]:
    c = Counter((g, p) for g, p in zip(gold, pred, strict=True) if g != p)
    return [(g, p, n) for (g, p), n in c.most_common(k)]
