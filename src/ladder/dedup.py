"""Deduplication: many reports of one real-world event become one canonical event.

Why: news repeats itself.  The same missile strike appears in a dozen headlines
and follow-ups, and counting each as an event inflates whatever dyad the press
watches most.  Two conventions are offered:

* **one-a-day** (the field's habit, e.g. in ICEWS/Phoenix work): keep one event
  per day x source x target x CAMEO code.  It is the ``one_a_day_events`` view.
* **clustering** (the default): events are blocked by country-level dyad, CAMEO
  root and factual-or-not status; inside a block, an event joins the open
  cluster whose first event is at most ``window_days`` earlier and whose
  members' sentences are similar to its own (Dice coefficient of content-word
  sets >= ``threshold``; content words exclude a headline kicker, stop words and
  the actors' names), otherwise it starts a new cluster.  Each cluster keeps one
  canonical event and counts mentions (events), articles (documents) and
  sources (outlets), GDELT's NumMentions/NumArticles/NumSources.  Every event
  stays linked to its cluster in ``mentions``.

Recomputable: only blocks that contain unclustered events are redone, and a
block's result depends only on its events (sorted), so an interrupted run that
is resumed gives the same clusters as one clean run.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlparse

import duckdb
import pyarrow as pa
from rapidfuzz import fuzz

DEFAULT_WINDOW_DAYS = 2
DEFAULT_THRESHOLD = 40.0
MAX_COMPARE = 12  # members a new event is compared with (the latest ones)

_BLOCK_SQL = """
  coalesce(e.source_country, e.source_code, '') || '|' ||
  coalesce(e.target_country, e.target_code, '') || '|' || e.cameo_root || '|' ||
  CASE WHEN e.status IN ('asserted', 'reported') THEN 'fact' ELSE coalesce(e.status, '') END
"""

_WORD = re.compile(r"[^\w\s]+")
#: A headline kicker such as "Ukraine war: " or "As it happened: " (shared by unrelated stories).
_KICKER = re.compile(r"^[^:]{1,40}:\s+")


def normalise(text: str, drop: frozenset[str] = frozenset()) -> str:
    """Content words for fuzzy comparison: no kicker, punctuation, stop words or ``drop`` words.

    Why: members of a block share their actors' names by construction, and news
    headlines share kickers; comparing on those alone merges unrelated stories.
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    def content(t: str) -> list[str]:
        words = _WORD.sub(" ", t.lower()).split()
        return [_stem(w) for w in words if w not in STOP_WORDS and w not in drop and len(w) > 1]

    kept = content(text)
    rest = content(_KICKER.sub("", text, count=1))
    if len(rest) >= 2:  # drop the kicker unless it is the whole story ("X: what we know")
        kept = rest
    return " ".join(kept) if kept else " ".join(_WORD.sub(" ", text.lower()).split())


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the content-word sets, 0-100 (rapidfuzz ratio breaks ties of 1 word).

    Why Dice on sets and not ``token_set_ratio``: headlines are short, and one shared
    word ("attack") already scores ~70 with token_set_ratio.
    """
    sa, sb = set(a.split()), set(b.split())
    if not sa or not sb:
        return 0.0
    dice = 200.0 * len(sa & sb) / (len(sa) + len(sb))
    return dice if dice < 100 else float(fuzz.ratio(a, b))


def _stem(word: str) -> str:
    """Crude plural/3rd-person folding: attacks -> attack, strikes -> strike."""
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


@dataclass
class Mention:
    event_id: str
    doc_id: str
    date: date | None
    cameo: str
    text: str
    score: float
    status: str
    source_key: str  # outlet, else URL host, else document id
    actor_words: frozenset[str] = frozenset()  # words of the actor mentions, ignored when comparing


@dataclass
class Cluster:
    members: list[Mention] = field(default_factory=list)
    sims: list[float] = field(default_factory=list)

    @property
    def first(self) -> Mention:
        return self.members[0]

    def canonical(self) -> Mention:
        """Most confident, asserted before reported, most specific code, then earliest."""
        return min(self.members, key=lambda m: (
            -m.score, m.status != "asserted", -len(m.cameo), m.date or date.max, m.event_id))


def cluster_block(
    mentions: Sequence[Mention],
    window_days: int = DEFAULT_WINDOW_DAYS,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[Cluster]:
    """Greedy, order-fixed clustering of one block's events (see module docstring)."""
    ordered = sorted(mentions, key=lambda m: (m.date or date.min, m.doc_id, m.event_id))
    clusters: list[Cluster] = []
    open_: list[Cluster] = []
    window = timedelta(days=window_days)
    norm: dict[str, str] = {}
    for m in ordered:
        norm[m.event_id] = normalise(m.text, m.actor_words)
        if m.date is not None:
            open_ = [c for c in open_ if c.first.date is not None and m.date - c.first.date <= window]
        best: Cluster | None = None
        best_sim = -1.0
        for c in open_:
            if m.date is None and c.first.doc_id != m.doc_id:
                continue
            sim = max(
                100.0 if o.doc_id == m.doc_id and o.text == m.text
                else similarity(norm[m.event_id], norm[o.event_id])
                for o in c.members[-MAX_COMPARE:]
            )
            if sim >= threshold and sim > best_sim:
                best, best_sim = c, sim
        if best is None:
            best = Cluster()
            clusters.append(best)
            open_.append(best)
            best_sim = 100.0
        best.members.append(m)
        best.sims.append(best_sim)
    return clusters


def _source_key(outlet: str | None, url: str | None, doc_id: str) -> str:
    if outlet:
        return outlet.strip().lower()
    if url:
        host = urlparse(url).netloc.lower()
        if host:
            return host.removeprefix("www.")
    return doc_id


def recluster(
    con: duckdb.DuckDBPyConnection,
    *,
    window_days: int = DEFAULT_WINDOW_DAYS,
    threshold: float = DEFAULT_THRESHOLD,
    full: bool = False,
) -> dict[str, int]:
    """Recompute clusters for blocks with unclustered events (all blocks if ``full``)."""
    if full:
        blocks_sql = f"SELECT DISTINCT {_BLOCK_SQL} AS block FROM events e"
    else:
        blocks_sql = (f"SELECT DISTINCT {_BLOCK_SQL} AS block FROM events e "
                      "ANTI JOIN mentions m USING (event_id)")
    rows = con.execute(f"""
      WITH b AS ({blocks_sql})
      SELECT {_BLOCK_SQL} AS block, e.event_id, e.doc_id, e.date, e.cameo, e.sentence,
             e.score, e.status, d.outlet, d.url, e.source_text, e.target_text
      FROM events e JOIN documents d USING (doc_id)
      WHERE {_BLOCK_SQL} IN (SELECT block FROM b)
      ORDER BY block, e.date, e.doc_id, e.event_id""").fetchall()
    by_block: dict[str, list[Mention]] = {}
    for block, eid, doc_id, d, cameo, sent, score, status, outlet, url, src, tgt in rows:
        words = frozenset(_WORD.sub(" ", f"{src or ''} {tgt or ''}".lower()).split())
        by_block.setdefault(block, []).append(Mention(
            eid, doc_id, d, cameo, sent or "", float(score if score is not None else 1.0),
            status or "asserted", _source_key(outlet, url, doc_id), words))
    cl_rows: list[dict[str, Any]] = []
    m_rows: list[dict[str, Any]] = []
    for block, mentions in by_block.items():
        for c in cluster_block(mentions, window_days, threshold):
            dates = [m.date for m in c.members if m.date is not None]
            cid = "c:" + c.first.event_id
            cl_rows.append({
                "cluster_id": cid, "canonical_event_id": c.canonical().event_id, "block": block,
                "date": min(dates) if dates else None, "last_date": max(dates) if dates else None,
                "n_mentions": len(c.members),
                "n_sources": len({m.source_key for m in c.members}),
                "n_articles": len({m.doc_id for m in c.members}),
            })
            m_rows.extend({"event_id": m.event_id, "cluster_id": cid, "similarity": s}
                          for m, s in zip(c.members, c.sims, strict=True))
    con.execute("BEGIN")
    try:
        con.register("_blocks", pa.table({"block": pa.array(list(by_block), pa.string())}))
        con.execute("DELETE FROM clusters WHERE block IN (SELECT block FROM _blocks)")
        con.execute(f"""DELETE FROM mentions WHERE event_id IN (
            SELECT e.event_id FROM events e WHERE {_BLOCK_SQL} IN (SELECT block FROM _blocks))""")
        if cl_rows:
            con.register("_cl", pa.Table.from_pylist(cl_rows, schema=pa.schema([
                ("cluster_id", pa.string()), ("canonical_event_id", pa.string()),
                ("block", pa.string()), ("date", pa.date32()), ("last_date", pa.date32()),
                ("n_mentions", pa.int32()), ("n_sources", pa.int32()),
                ("n_articles", pa.int32())])))
            con.execute("INSERT INTO clusters SELECT * FROM _cl")
            con.register("_m", pa.Table.from_pylist(m_rows, schema=pa.schema([
                ("event_id", pa.string()), ("cluster_id", pa.string()),
                ("similarity", pa.float64())])))
            con.execute("INSERT INTO mentions SELECT * FROM _m")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return {"blocks": len(by_block), "events": len(m_rows), "clusters": len(cl_rows)}
