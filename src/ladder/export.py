"""Exports: Parquet (partitioned by month), CSV, GDELT 2.0 event table, PLOVER JSON.

Why these four: Parquet and CSV for analysis tools, the GDELT 2.0 layout because
many conflict-research scripts already read it, and PLOVER records because that
is the field's newer open standard.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from ladder.store import Store

FORMATS = ("parquet", "csv", "gdelt", "plover")

#: GDELT 2.0 event table, in GDELT's column order (GDELT 2.0 Event Codebook; 61 columns).
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                             "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    *(f"Actor2{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                             "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{p}Geo_{c}" for p in ("Actor1", "Actor2", "Action")
      for c in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)
_GROUP_PREFIXES = ("IGO", "NGO", "MNC")


def _select(dedup: str) -> str:
    """Events with their cluster counts and document fields; ``dedup`` picks which events."""
    base = """
      SELECT e.* EXCLUDE (json), m.cluster_id, c.n_mentions, c.n_sources, c.n_articles,
             (c.canonical_event_id = e.event_id) AS is_canonical,
             d.outlet AS doc_outlet, d.url, d.title, d.ingested_at, e.json
      FROM {src} e LEFT JOIN mentions m USING (event_id)
      LEFT JOIN clusters c ON c.cluster_id = m.cluster_id
      LEFT JOIN documents d ON d.doc_id = e.doc_id"""
    if dedup == "cluster":
        return base.format(src="events") + " WHERE c.canonical_event_id = e.event_id"
    if dedup == "one-a-day":
        return base.format(src="one_a_day_events")
    if dedup == "none":
        return base.format(src="events")
    raise ValueError(f"dedup must be none, cluster or one-a-day, not {dedup!r}")


def export(store: Store, fmt: str, out: str | Path, *, dedup: str | None = None) -> int:
    """Write the store's events to ``out`` in ``fmt``; returns the number of events written."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    out = Path(out)
    # GDELT and PLOVER rows are one per real-world event; tables keep every mention.
    dedup = dedup or ("cluster" if fmt in ("gdelt", "plover") else "none")
    sql = _select(dedup) + " ORDER BY e.date NULLS LAST, e.event_id"
    with store.connect() as con:
        if fmt == "parquet":
            out.mkdir(parents=True, exist_ok=True)
            con.execute(
                f"COPY (SELECT *, coalesce(strftime(date, '%Y-%m'), 'undated') AS month "
                f"FROM ({sql})) TO '{_quote(out)}' "
                "(FORMAT parquet, PARTITION_BY (month), OVERWRITE_OR_IGNORE true)")
            row = con.execute(f"SELECT count(*) FROM ({sql})").fetchone()
            return int(row[0]) if row else 0
        if fmt == "csv":
            out.parent.mkdir(parents=True, exist_ok=True)
            con.execute(f"COPY ({sql}) TO '{_quote(out)}' (FORMAT csv, HEADER true)")
            row = con.execute(f"SELECT count(*) FROM ({sql})").fetchone()
            return int(row[0]) if row else 0
        df = con.execute(sql).df()
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "gdelt":
        return write_gdelt(df, out)
    return write_plover(df, out)


def _quote(path: Path) -> str:
    return str(path.resolve()).replace("'", "''")


def _s(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return ""
    return str(value)


def global_event_id(event_id: str) -> int:
    """A stable 60-bit integer for GDELT's numeric GLOBALEVENTID."""
    return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:15], 16)


def _actor(prefix: str, r: Any) -> dict[str, str]:
    code, country, sector = r[f"{prefix}_code"], r[f"{prefix}_country"], r[f"{prefix}_sector"]
    out = {c: "" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                           "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code")}
    if not _s(code):
        return out
    out["Code"] = code
    out["Name"] = _s(r[f"{prefix}_name"] or r[f"{prefix}_text"]).upper()
    if _s(country) and country not in _GROUP_PREFIXES:
        out["CountryCode"] = country
    elif code[:3] in _GROUP_PREFIXES and len(code) >= 6:
        out["KnownGroupCode"] = code[3:6]
    types = [sector[i:i + 3] for i in range(0, len(_s(sector)), 3)] if _s(sector) else []
    for i, t in enumerate(types[:3], start=1):
        out[f"Type{i}Code"] = t
    return out


def gdelt_rows(df: pd.DataFrame) -> Iterator[list[str]]:
    """GDELT 2.0 event rows; what ladder does not know (tone, geography) stays empty."""
    for r in df.itertuples(index=False):
        row = r._asdict()
        d = row["date"]
        values: dict[str, str] = {c: "" for c in GDELT_COLUMNS}
        values["GLOBALEVENTID"] = str(global_event_id(row["event_id"]))
        if _s(d):
            ts = pd.Timestamp(d)
            values["SQLDATE"] = ts.strftime("%Y%m%d")
            values["MonthYear"] = ts.strftime("%Y%m")
            values["Year"] = ts.strftime("%Y")
            # GDELT's own formula: (30 * (month - 1) + day) / 365, four decimals.
            values["FractionDate"] = f"{ts.year + ((ts.month - 1) * 30 + ts.day) / 365:.4f}"
        for n, prefix in (("1", "source"), ("2", "target")):
            for k, v in _actor(prefix, row).items():
                values[f"Actor{n}{k}"] = v
        values["IsRootEvent"] = "1" if row["sentence_index"] == 0 else "0"
        values["EventCode"] = row["cameo"]
        values["EventBaseCode"] = row["cameo"][:3]
        values["EventRootCode"] = row["cameo"][:2]
        values["QuadClass"] = str(row["quad_class"])
        values["GoldsteinScale"] = f"{row['goldstein']:.1f}"
        for col, key in (("NumMentions", "n_mentions"), ("NumSources", "n_sources"),
                         ("NumArticles", "n_articles")):
            values[col] = str(int(row[key])) if _s(row[key]) else "1"
        if _s(row["ingested_at"]):
            values["DATEADDED"] = pd.Timestamp(row["ingested_at"]).strftime("%Y%m%d%H%M%S")
        values["SOURCEURL"] = _s(row["url"])
        yield [values[c].replace("\t", " ").replace("\n", " ") for c in GDELT_COLUMNS]


def write_gdelt(df: pd.DataFrame, out: Path, header: bool = False) -> int:
    """GDELT files carry no header row; pass ``header=True`` for one."""
    n = 0
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                       escapechar="\\")
        if header:
            w.writerow(GDELT_COLUMNS)
        for row in gdelt_rows(df):
            w.writerow(row)
            n += 1
    return n


def plover_record(r: dict[str, Any]) -> dict[str, Any]:
    """One PLOVER-style JSON record (PLOVER manual field names; ladder extras prefixed)."""
    full = json.loads(r["json"])
    return {
        "id": r["event_id"],
        "date": _s(r["date"])[:10] or None,
        "event": r["plover"],
        "mode": _s(r["plover_mode"]),
        "context": "",
        "source": _s(r["source_text"]) or None,
        "src_actor": _s(r["source_country"]) or _s(r["source_code"]) or None,
        "src_agent": _s(r["source_sector"]) or None,
        "target": _s(r["target_text"]) or None,
        "tgt_actor": _s(r["target_country"]) or _s(r["target_code"]) or None,
        "tgt_agent": _s(r["target_sector"]) or None,
        "eventText": _s(r["trigger"]),
        "text": _s(r["sentence"]),
        "citation": _s(r["title"]) or r["doc_id"],
        "publication": _s(r["doc_outlet"]) or None,
        "url": _s(r["url"]) or None,
        "date_recorded": _s(r["ingested_at"])[:10] or None,
        "language": "en",
        "ladder": {
            "cameo": r["cameo"], "goldstein": float(r["goldstein"]),
            "quad_class": int(r["quad_class"]), "status": r["status"], "attribution": full.get("attribution"),
            "evidence": full.get("evidence"), "cluster_id": _s(r["cluster_id"]) or None,
            "num_mentions": int(r["n_mentions"]) if _s(r["n_mentions"]) else 1,
            "num_sources": int(r["n_sources"]) if _s(r["n_sources"]) else 1,
            "num_articles": int(r["n_articles"]) if _s(r["n_articles"]) else 1,
        },
    }


def write_plover(df: pd.DataFrame, out: Path) -> int:
    """JSON Lines (``.jsonl``) or one JSON array (any other suffix); CAMEO 01/02 have no PLOVER type."""
    records = [plover_record(r) for r in df.to_dict(orient="records") if _s(r["plover"])]
    with out.open("w", encoding="utf-8") as fh:
        if out.suffix == ".jsonl":
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
        else:
            json.dump(records, fh, ensure_ascii=False, indent=1, default=str)
    return len(records)
