"""Parameterised SQL for the store's read side (event filters, one event, top dyads).

Why a module of its own: the CLI, the Python API and the web app all filter events
the same way, and every user value goes in as a bound parameter, never as SQL text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import duckdb
import pandas as pd

_SOURCES = {"none": "events", "cluster": "canonical_events", "one-a-day": "one_a_day_events"}
DEDUP_MODES = tuple(_SOURCES)


def _listify(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def actor_clause(side: str, value: str, params: list[Any]) -> str:
    """``side`` ('source'/'target') matches a country code (RUS) or a code prefix (RUSMIL)."""
    params.extend([value.upper(), value.upper()])
    return f"(e.{side}_country = ? OR starts_with(e.{side}_code, ?))"


def events_sql(
    *,
    dyad: tuple[str, str] | None = None,
    directed: bool = True,
    source: str | None = None,
    target: str | None = None,
    actor: str | None = None,
    start: str | None = None,
    end: str | None = None,
    cameo: str | Sequence[str] | None = None,
    root: str | Sequence[str] | None = None,
    quad_class: int | Sequence[int] | None = None,
    plover: str | Sequence[str] | None = None,
    status: str | Sequence[str] | None = None,
    outlet: str | None = None,
    text: str | None = None,
    doc_id: str | None = None,
    dedup: str = "none",
    limit: int | None = None,
    offset: int = 0,
    order: str = "date",
) -> tuple[str, list[Any]]:
    """SELECT over events (or canonical / one-a-day events) with AND-ed filters."""
    if dedup not in _SOURCES:
        raise ValueError(f"dedup must be one of {', '.join(_SOURCES)}, not {dedup!r}")
    where: list[str] = []
    params: list[Any] = []
    if dyad is not None:
        a, b = dyad
        fwd = f"({actor_clause('source', a, params)} AND {actor_clause('target', b, params)})"
        if directed:
            where.append(fwd)
        else:
            back = f"({actor_clause('source', b, params)} AND {actor_clause('target', a, params)})"
            where.append(f"({fwd} OR {back})")
    if source:
        where.append(actor_clause("source", source, params))
    if target:
        where.append(actor_clause("target", target, params))
    if actor:
        where.append(
            f"({actor_clause('source', actor, params)} OR {actor_clause('target', actor, params)})"
        )
    if start:
        where.append("e.date >= CAST(? AS DATE)")
        params.append(start)
    if end:
        where.append("e.date <= CAST(? AS DATE)")
        params.append(end)
    codes = _listify(cameo)
    if codes:
        where.append("(" + " OR ".join("starts_with(e.cameo, ?)" for _ in codes) + ")")
        params.extend(codes)
    for col, values in (("cameo_root", _listify(root)), ("plover", _listify(plover)),
                        ("status", _listify(status))):
        if values:
            where.append(f"e.{col} IN ({', '.join('?' for _ in values)})")
            params.extend(values)
    if quad_class is not None:
        quads = [quad_class] if isinstance(quad_class, int) else list(quad_class)
        where.append(f"e.quad_class IN ({', '.join('?' for _ in quads)})")
        params.extend(int(q) for q in quads)
    if outlet:
        where.append("(d.outlet ILIKE ? OR e.outlet ILIKE ?)")
        params.extend([outlet, outlet])
    if text:
        where.append("e.sentence ILIKE ?")
        params.append("%" + text.replace("%", r"\%").replace("_", r"\_") + "%")
    if doc_id:
        where.append("e.doc_id = ?")
        params.append(doc_id)
    orders = {"date": "e.date NULLS LAST, e.event_id", "event_id": "e.event_id",
              "-date": "e.date DESC NULLS LAST, e.event_id"}
    if order not in orders:
        raise ValueError(f"order must be one of {', '.join(orders)}")
    sql = (
        f"SELECT e.*, d.outlet AS doc_outlet, d.url, d.title FROM {_SOURCES[dedup]} e "
        "LEFT JOIN documents d USING (doc_id)"
    )
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {orders[order]}"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params.extend([int(limit), int(offset)])
    return sql, params


def event_detail(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """The event's JSON contract plus store fields, its cluster and the cluster's mentions."""
    row = con.execute(
        "SELECT e.json, e.event_id, e.date, m.cluster_id, d.outlet, d.url, d.title "
        "FROM events e LEFT JOIN mentions m USING (event_id) "
        "LEFT JOIN documents d USING (doc_id) WHERE e.event_id = ?",
        [event_id],
    ).fetchone()
    if row is None:
        return None
    out: dict[str, Any] = json.loads(row[0])
    out.update(event_id=row[1], date=str(row[2]) if row[2] else out.get("date"),
               cluster_id=row[3], doc_outlet=row[4], url=row[5], title=row[6])
    out["cluster"] = None
    out["mentions"] = []
    if row[3] is not None:
        c = con.execute(
            "SELECT cluster_id, canonical_event_id, date, last_date, n_mentions, n_sources, "
            "n_articles FROM clusters WHERE cluster_id = ?", [row[3]],
        ).fetchone()
        if c is not None:
            out["cluster"] = dict(zip(
                ["cluster_id", "canonical_event_id", "date", "last_date", "n_mentions",
                 "n_sources", "n_articles"], [str(v) if i in (2, 3) else v for i, v in enumerate(c)],
                strict=True))
        mentions = con.execute(
            "SELECT e.event_id, e.doc_id, e.date, e.cameo, e.sentence, d.outlet, d.url, "
            "m.similarity FROM mentions m JOIN events e USING (event_id) "
            "LEFT JOIN documents d ON d.doc_id = e.doc_id WHERE m.cluster_id = ? "
            "ORDER BY e.date, e.event_id", [row[3]],
        ).df()
        mentions["date"] = mentions["date"].astype(str)
        out["mentions"] = mentions.to_dict(orient="records")
    return out


def top_dyads(
    con: duckdb.DuckDBPyConnection,
    *,
    since: str | None = None,
    limit: int = 10,
    statuses: Sequence[str] = ("asserted", "reported"),
    dedup: str = "cluster",
) -> pd.DataFrame:
    """Undirected country dyads ranked by conflict events (quad 3+4) since a date."""
    if dedup not in _SOURCES:
        raise ValueError(f"dedup must be one of {', '.join(_SOURCES)}")
    params: list[Any] = list(statuses)
    cond = f"e.status IN ({', '.join('?' for _ in statuses)})"
    if since:
        cond += " AND e.date >= CAST(? AS DATE)"
        params.append(since)
    sql = f"""
      SELECT least(source_country, target_country) AS a,
             greatest(source_country, target_country) AS b,
             count(*) FILTER (WHERE quad_class >= 3) AS conflict_events,
             count(*) AS events,
             sum(goldstein) AS goldstein_sum,
             max(date) AS last_date
      FROM {_SOURCES[dedup]} e
      WHERE source_country IS NOT NULL AND target_country IS NOT NULL
        AND source_country <> target_country AND {cond}
      GROUP BY 1, 2
      ORDER BY conflict_events DESC, goldstein_sum ASC, a, b
      LIMIT ?"""
    params.append(int(limit))
    return con.execute(sql, params).df()
