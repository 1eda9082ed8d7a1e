"""Dyad charts with altair, rendered to PNG/SVG offline by vl-convert (no browser, no CDN)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd

from ladder.ontology import QUAD_LABELS

QUAD_COLORS = ["#4c9be8", "#1f5fa8", "#f0a04b", "#c0392b"]


def dyad_chart(
    s: pd.DataFrame, title: str, marks: Sequence[tuple[str, str]] = (), width: int = 760
) -> alt.VConcatChart:
    """Three stacked panels: events per quad class, Goldstein sum with escalation z, ladder level.

    ``s`` is one direction of ``analytics.dyad_series``; ``marks`` are (date, label)
    vertical rules, e.g. ``[("2022-02-24", "invasion")]``.
    """
    s = s.copy()
    s["period"] = pd.to_datetime(s["period"])
    quads = s.melt(id_vars=["period"], value_vars=["q1", "q2", "q3", "q4"],
                   var_name="quad", value_name="events")
    quads["quad"] = quads["quad"].map(lambda q: QUAD_LABELS[int(q[1])])
    x = alt.X("period:T", title=None)
    rules = pd.DataFrame([{"period": pd.Timestamp(d), "label": lab} for d, lab in marks])

    def with_marks(chart: alt.Chart) -> Any:
        if rules.empty:
            return chart
        rule = alt.Chart(rules).mark_rule(color="black", strokeDash=[4, 3]).encode(x="period:T")
        text = alt.Chart(rules).mark_text(align="left", dx=3, dy=-4, fontSize=10).encode(
            x="period:T", y=alt.value(0), text="label:N")
        return alt.layer(chart, rule, text)

    bars = alt.Chart(quads).mark_bar().encode(
        x=x, y=alt.Y("events:Q", title="events", stack=True),
        color=alt.Color("quad:N", scale=alt.Scale(domain=list(QUAD_LABELS.values()),
                                                  range=QUAD_COLORS),
                        legend=alt.Legend(title=None, orient="top")),
    ).properties(width=width, height=170)
    gold = alt.Chart(s).mark_area(opacity=0.6, color="#7f8c8d", interpolate="step-after").encode(
        x=x, y=alt.Y("goldstein_sum:Q", title="Goldstein sum"),
    ).properties(width=width, height=130)
    z = alt.Chart(s).mark_line(color="#c0392b", interpolate="step-after").encode(
        x=x, y=alt.Y("escalation_z:Q", title="escalation z"),
    ).properties(width=width, height=100)
    level = alt.Chart(s[s["level"] >= 0]).mark_point(filled=True, color="#2c3e50", size=18).encode(
        x=x, y=alt.Y("level:Q", title="ladder level", scale=alt.Scale(domain=[0, 10])),
        tooltip=["period:T", "level:Q", "rung:N", "n_events:Q"],
    ).properties(width=width, height=110)
    return alt.vconcat(
        with_marks(bars), with_marks(gold), with_marks(z), with_marks(level),
        title=alt.TitleParams(title, anchor="start"),
    ).resolve_scale(x="shared")


def save_chart(chart: alt.TopLevelMixin, out: str | Path, scale: float = 1.5) -> Path:
    """Write PNG or SVG (by suffix) with vl-convert; works offline."""
    import vl_convert as vlc

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    spec = chart.to_json()
    if out.suffix.lower() == ".svg":
        out.write_text(vlc.vegalite_to_svg(spec), encoding="utf-8")
    elif out.suffix.lower() == ".png":
        out.write_bytes(vlc.vegalite_to_png(spec, scale=scale))
    else:
        raise ValueError(f"chart must end in .png or .svg, not {out.suffix!r}")
    return out
