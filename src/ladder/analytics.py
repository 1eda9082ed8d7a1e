"""Escalation analytics per dyad: period series, a baseline-relative score, a ladder level.

Formulas (documented with sources in docs/analytics.md):

* counts per quad class (1 verbal coop, 2 material coop, 3 verbal conflict,
  4 material conflict), Goldstein (1992) sum and mean per period;
* conflict-cooperation index ``cci = ((q1 + q2) - (q3 + q4)) / n`` in [-1, 1];
* escalation score: ``esc_t = -(G_t - mean(G_{t-w..t-1})) / max(sd(G_{t-w..t-1}), 1)``,
  the trailing z-score of the Goldstein sum, sign flipped so that positive means
  more conflictual than the recent baseline;
* ladder level: the highest rung of ``data/escalation_ladder.tsv`` (CAMEO code ->
  ordered rung, after Kahn 1965) reached by at least ``min_level_events`` events;
* change points: PELT (ruptures) on the standardised Goldstein sum.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from ladder.ontology import data_path

PERIODS = {"day": "D", "week": "W-MON", "month": "MS"}
DEFAULT_WINDOW = {"day": 28, "week": 8, "month": 6}
SD_FLOOR = 1.0
SERIES_COLUMNS = ["period", "direction", "n_events", "q1", "q2", "q3", "q4", "goldstein_sum",
                  "goldstein_mean", "cci", "level", "rung", "escalation_z"]


@dataclass(frozen=True)
class Rung:
    code: str
    level: int
    rung: str


@lru_cache(maxsize=1)
def ladder_table() -> dict[str, Rung]:
    """CAMEO code prefix -> rung, from ``data/escalation_ladder.tsv``."""
    out: dict[str, Rung] = {}
    with data_path("escalation_ladder.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            out[row["code"]] = Rung(row["code"], int(row["level"]), row["rung"])
    return out


def rung_names() -> dict[int, str]:
    """Level -> rung name (the lowest-listed name wins for shared levels)."""
    names: dict[int, str] = {}
    for r in ladder_table().values():
        names.setdefault(r.level, r.rung)
    return dict(sorted(names.items()))


def ladder_level(cameo: str) -> int:
    """Rung of a CAMEO code by longest matching prefix; -1 when the root is unknown."""
    table = ladder_table()
    for n in range(len(cameo), 1, -1):
        if cameo[:n] in table:
            return table[cameo[:n]].level
    return -1


def _matches(df: pd.DataFrame, side: str, actor: str) -> pd.Series:
    actor = actor.upper()
    country = df[f"{side}_country"].fillna("")
    code = df[f"{side}_code"].fillna("")
    return (country == actor) | code.str.startswith(actor)


def period_start(dates: pd.Series, by: str) -> pd.Series:
    """Day, Monday-of-week or first-of-month for each date."""
    d = pd.to_datetime(dates)
    if by == "day":
        return d.dt.normalize()
    if by == "week":
        return (d - pd.to_timedelta(d.dt.day_of_week, unit="D")).dt.normalize()
    if by == "month":
        return d.dt.to_period("M").dt.start_time
    raise ValueError(f"by must be day, week or month, not {by!r}")


def series(
    events: pd.DataFrame,
    by: str = "week",
    *,
    start: str | None = None,
    end: str | None = None,
    window: int | None = None,
    min_level_events: int = 1,
) -> pd.DataFrame:
    """One row per period (zero-filled) with counts, Goldstein, cci, level and escalation score."""
    window = window or DEFAULT_WINDOW[by]
    df = events[events["date"].notna()].copy()
    df["period"] = period_start(df["date"], by)
    lo = period_start(pd.Series([pd.Timestamp(start)]), by)[0] if start else df["period"].min()
    hi = period_start(pd.Series([pd.Timestamp(end)]), by)[0] if end else df["period"].max()
    if pd.isna(lo) or pd.isna(hi):
        return pd.DataFrame(columns=[c for c in SERIES_COLUMNS if c != "direction"])
    freq = PERIODS[by]
    index = pd.date_range(lo, hi, freq=freq) if by != "day" else pd.date_range(lo, hi, freq="D")
    df = df[(df["period"] >= lo) & (df["period"] <= hi)]
    df["level"] = pd.Series([ladder_level(c) for c in df["cameo"]], index=df.index, dtype="int64")
    g = df.groupby("period")
    out = pd.DataFrame(index=index)
    out["n_events"] = g.size()
    for q in (1, 2, 3, 4):
        out[f"q{q}"] = df[df["quad_class"] == q].groupby("period").size()
    out["goldstein_sum"] = g["goldstein"].sum()
    out = out.fillna(0)
    for c in ("n_events", "q1", "q2", "q3", "q4"):
        out[c] = out[c].astype(int)
    out["goldstein_mean"] = out["goldstein_sum"] / out["n_events"].replace(0, np.nan)
    out["cci"] = ((out["q1"] + out["q2"]) - (out["q3"] + out["q4"])) / out["n_events"].replace(0, np.nan)
    counts = df.groupby(["period", "level"]).size().reset_index(name="n")
    counts = counts[counts["n"] >= min_level_events]
    out["level"] = counts.groupby("period")["level"].max().reindex(index).fillna(-1).astype(int)
    names = rung_names()
    out["rung"] = out["level"].map(lambda v: names.get(v, "none"))
    out["escalation_z"] = escalation_score(out["goldstein_sum"], window)
    out.index.name = "period"
    return out.reset_index()


def escalation_score(goldstein_sum: pd.Series, window: int, sd_floor: float = SD_FLOOR) -> pd.Series:
    """-(G_t - trailing mean) / max(trailing sd, floor); NaN until half a window of history."""
    prev = goldstein_sum.shift(1).rolling(window, min_periods=max(3, window // 2))
    sd = prev.std(ddof=1).clip(lower=sd_floor)
    return -(goldstein_sum - prev.mean()) / sd


def dyad_series(
    events: pd.DataFrame,
    a: str,
    b: str,
    by: str = "week",
    **options: Any,
) -> pd.DataFrame:
    """Series for A->B, B->A and A<->B (undirected), stacked with a ``direction`` column."""
    ab = _matches(events, "source", a) & _matches(events, "target", b)
    ba = _matches(events, "source", b) & _matches(events, "target", a)
    dated = events["date"].dropna()
    if options.get("start") is None and len(dated):
        options["start"] = str(dated.min())[:10]
    if options.get("end") is None and len(dated):
        options["end"] = str(dated.max())[:10]
    parts = []
    for name, mask in ((f"{a}->{b}", ab), (f"{b}->{a}", ba), (f"{a}<->{b}", ab | ba)):
        s = series(events[mask], by, **options)
        s.insert(1, "direction", name)
        parts.append(s)
    return pd.concat(parts, ignore_index=True)


def change_points(
    s: pd.DataFrame, column: str = "goldstein_sum", penalty: float | None = None, min_size: int = 2
) -> list[dict[str, Any]]:
    """PELT change points of a series column, with the mean before and after each."""
    import ruptures

    values = s[column].to_numpy(dtype=float)
    n = len(values)
    if n < 2 * min_size + 1 or np.nanstd(values) == 0:
        return []
    z = (values - np.nanmean(values)) / np.nanstd(values)
    pen = penalty if penalty is not None else 3.0 * math.log(n)
    bkps = ruptures.Pelt(model="l2", min_size=min_size, jump=1).fit(z).predict(pen=pen)
    out = []
    edges = [0, *bkps]
    for i in range(1, len(edges) - 1):
        lo, cp, hi = edges[i - 1], edges[i], edges[i + 1]
        before, after = float(values[lo:cp].mean()), float(values[cp:hi].mean())
        out.append({
            "period": s["period"].iloc[cp], "before_mean": before, "after_mean": after,
            "direction": "escalation" if after < before else "de-escalation",
        })
    return out


def summarise(s: pd.DataFrame, around: str, k: int = 3) -> str:
    """Plain-text rows for the k periods before and after a date (for demos and the CLI)."""
    t = pd.Timestamp(around)
    idx = int(np.searchsorted(s["period"].to_numpy(), np.datetime64(t), side="right")) - 1
    first = max(0, idx - k)
    rows = s.iloc[first: idx + k + 1]
    lines = [f"{'period':<10} {'events':>6} {'q1':>3} {'q2':>3} {'q3':>3} {'q4':>3} "
             f"{'G sum':>7} {'G mean':>6} {'cci':>5} {'esc z':>6}  rung"]
    for pos, (_, r) in enumerate(rows.iterrows(), start=first):
        mark = f"  <- {around}" if pos == idx else ""
        gm = "" if pd.isna(r["goldstein_mean"]) else f"{r['goldstein_mean']:.2f}"
        cci = "" if pd.isna(r["cci"]) else f"{r['cci']:.2f}"
        z = "" if pd.isna(r["escalation_z"]) else f"{r['escalation_z']:.1f}"
        lines.append(
            f"{str(r['period'])[:10]:<10} {r['n_events']:>6} {r['q1']:>3} {r['q2']:>3} "
            f"{r['q3']:>3} {r['q4']:>3} {r['goldstein_sum']:>7.1f} {gm:>6} {cci:>5} {z:>6}  "
            f"{r['level']} {r['rung']}{mark}")
    return "\n".join(lines)


def alerts(
    events: pd.DataFrame,
    since: str,
    *,
    by: str = "week",
    window: int | None = None,
    min_jump: int = 2,
    min_level: int = 4,
    min_events: int = 3,
    min_level_events: int = 1,
    z_threshold: float = 2.0,
) -> pd.DataFrame:
    """Dyads whose ladder level jumped (or whose Goldstein sum shifted) since a date.

    A ``level_jump`` is a period at or after ``since`` whose level is at least
    ``min_level`` and at least ``min_jump`` rungs above the highest level of the
    ``window`` periods before it.  A ``changepoint`` is a PELT break towards
    conflict.  ``events`` needs source/target country, date, cameo, quad_class,
    goldstein (e.g. ``Store.events(dedup="cluster")``).
    """
    window = window or DEFAULT_WINDOW[by]
    df = events.dropna(subset=["source_country", "target_country", "date"])
    df = df[df["source_country"] != df["target_country"]].copy()
    df["a"] = df[["source_country", "target_country"]].min(axis=1)
    df["b"] = df[["source_country", "target_country"]].max(axis=1)
    since_ts = pd.Timestamp(since)
    recent = df[pd.to_datetime(df["date"]) >= since_ts].groupby(["a", "b"]).size()
    rows: list[dict[str, Any]] = []
    end = str(df["date"].max())[:10] if len(df) else since
    for (a, b), n in recent.items():
        if n < min_events:
            continue
        d = df[(df["a"] == a) & (df["b"] == b)]
        s = series(d, by, start=str(d["date"].min())[:10], end=end, window=window,
                   min_level_events=min_level_events)
        base = s["level"].shift(1).rolling(window, min_periods=1).max().fillna(-1)
        for i in s.index[(s["period"] >= period_start(pd.Series([since_ts]), by)[0])]:
            r = s.loc[i]
            if r["level"] >= min_level and r["level"] - base[i] >= min_jump:
                rows.append(_alert(a, b, r, "level_jump", int(base[i])))
            elif r["escalation_z"] >= z_threshold:
                rows.append(_alert(a, b, r, "escalation_z", int(base[i])))
        for cp in change_points(s):
            if cp["direction"] == "escalation" and cp["period"] >= since_ts:
                r = s[s["period"] == cp["period"]].iloc[0]
                rows.append(_alert(a, b, r, "changepoint", -1,
                                   f"mean G {cp['before_mean']:.1f} -> {cp['after_mean']:.1f}"))
    cols = ["dyad", "period", "kind", "level_before", "level", "rung", "escalation_z",
            "n_events", "goldstein_sum", "detail"]
    if not rows:
        return pd.DataFrame(columns=cols)
    return pd.DataFrame(rows, columns=cols).sort_values(["period", "dyad", "kind"], ignore_index=True)


def _alert(a: str, b: str, r: pd.Series, kind: str, before: int, detail: str = "") -> dict[str, Any]:
    return {
        "dyad": f"{a}-{b}", "period": r["period"], "kind": kind, "level_before": before,
        "level": int(r["level"]), "rung": r["rung"],
        "escalation_z": None if pd.isna(r["escalation_z"]) else round(float(r["escalation_z"]), 2),
        "n_events": int(r["n_events"]), "goldstein_sum": float(r["goldstein_sum"]), "detail": detail,
    }
