"""A small server-side SVG chart for the dyad page (no JavaScript, no CDN).

Why hand-written: three aligned panels (quad-class counts, Goldstein sum, ladder
level) with one clickable column per period need ~100 lines of SVG, render
instantly, work without scripts under a strict Content-Security-Policy, and
every label is escaped here (``markupsafe.escape``) before it reaches the page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from markupsafe import Markup, escape

QUAD_COLOURS = {1: "#2b8cbe", 2: "#31a354", 3: "#fd8d3c", 4: "#de2d26"}
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict"}
WIDTH, LEFT, RIGHT = 920, 64, 30
PANEL_H, GAP, TOP = 150, 34, 26
MAX_LEVEL = 10


def _fmt(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _num(row: dict[str, Any], key: str) -> float:
    v = row.get(key)
    return float(v) if isinstance(v, int | float) else 0.0


def dyad_chart(rows: Sequence[dict[str, Any]], link: Callable[[str], str],
               selected: str | None = None, title: str = "") -> Markup:
    """SVG with quad-class lines, Goldstein bars and the ladder level; one link per period."""
    n = len(rows)
    height = TOP + 3 * PANEL_H + 2 * GAP + 30
    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    if n == 0:
        out.append(f'<text x="{WIDTH / 2}" y="{height / 2}" text-anchor="middle">'
                   "no events in this range</text></svg>")
        return Markup("".join(out))
    plot_w = WIDTH - LEFT - RIGHT
    step = plot_w / n

    def x(i: int) -> float:
        return LEFT + step * (i + 0.5)

    tops = [TOP + k * (PANEL_H + GAP) for k in range(3)]
    # panel 1: quad-class counts
    qmax = max(1.0, *(_num(r, f"q{q}") for r in rows for q in (1, 2, 3, 4)))
    out.append(_frame(tops[0], "events per quad class", [0.0, qmax]))
    for q, colour in QUAD_COLOURS.items():
        pts = [(x(i), tops[0] + PANEL_H * (1 - _num(r, f"q{q}") / qmax)) for i, r in enumerate(rows)]
        out.append(_path(pts, colour, f"quad q{q}"))
        out.extend(f'<circle class="dot q{q}" cx="{px:.1f}" cy="{py:.1f}" r="2.5" '
                   f'fill="{colour}"/>' for px, py in pts)
    # panel 2: Goldstein sum as bars around zero
    gvals = [_num(r, "goldstein_sum") for r in rows]
    glim = max(1.0, *(abs(v) for v in gvals))
    out.append(_frame(tops[1], "Goldstein sum (bars) and escalation z (dashed); "
                                "down = more conflict", [-glim, glim]))
    zero = tops[1] + PANEL_H / 2
    out.append(f'<line class="zero" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{zero}" y2="{zero}"/>')
    bar_w = max(1.0, step * 0.6)
    for i, v in enumerate(gvals):
        h = abs(v) / glim * PANEL_H / 2
        y = zero - h if v > 0 else zero
        cls = "gpos" if v > 0 else "gneg"
        out.append(f'<rect class="{cls}" x="{x(i) - bar_w / 2:.1f}" y="{y:.1f}" '
                   f'width="{bar_w:.1f}" height="{h:.1f}"/>')
    zs = [r.get("escalation_z") for r in rows]
    zvals = [float(z) for z in zs if isinstance(z, int | float) and z == z]
    if zvals:
        zlim = max(1.0, *(abs(z) for z in zvals))
        zpts = [(x(i), zero + float(z) / zlim * PANEL_H / 2) for i, z in enumerate(zs)
                if isinstance(z, int | float) and z == z]
        out.append(_path(zpts, "#54278f", "escalation").replace(
            'stroke-width="2"', 'stroke-width="1.5" stroke-dasharray="4 3"'))
        out.append(f'<text class="ylab" x="{WIDTH - 2}" y="{tops[1] + PANEL_H}" '
                   f'text-anchor="end">z {_fmt(zlim)}</text>')
    # panel 3: ladder level as a step line (-1 = no events -> drawn at 0)
    out.append(_frame(tops[2], "escalation ladder level", [0.0, float(MAX_LEVEL)]))
    steps: list[tuple[float, float]] = []
    for i, r in enumerate(rows):
        lv = max(0.0, _num(r, "level"))
        y = tops[2] + PANEL_H * (1 - lv / MAX_LEVEL)
        steps += [(LEFT + step * i, y), (LEFT + step * (i + 1), y)]
    out.append(_path(steps, "#54278f", "level"))
    # x labels and one clickable column per period
    every = max(1, n // 10)
    for i, r in enumerate(rows):
        period = str(r.get("period", ""))[:10]
        if i % every == 0:
            out.append(f'<text class="xlab" x="{x(i):.1f}" y="{height - 8}" '
                       f'text-anchor="middle">{escape(period)}</text>')
        sel = " selected" if period == selected else ""
        tip = (f"{period}: {int(_num(r, 'n_events'))} events; "
               + ", ".join(f"q{q} {int(_num(r, f'q{q}'))}" for q in (1, 2, 3, 4))
               + f"; Goldstein {_fmt(_num(r, 'goldstein_sum'))}; level {int(_num(r, 'level'))}"
               f" {r.get('rung') or ''}")
        out.append(
            f'<a class="period{sel}" href="{escape(link(period))}" data-period="{escape(period)}">'
            f'<rect class="hit" x="{LEFT + step * i:.1f}" y="{TOP}" width="{step:.1f}" '
            f'height="{3 * PANEL_H + 2 * GAP}"><title>{escape(tip)}</title></rect></a>')
    out.append(_legend())
    out.append("</svg>")
    return Markup("".join(out))


def _frame(top: float, label: str, bounds: list[float]) -> str:
    lo, hi = bounds
    return (f'<g class="panel"><rect class="frame" x="{LEFT}" y="{top}" '
            f'width="{WIDTH - LEFT - RIGHT}" height="{PANEL_H}"/>'
            f'<text class="plab" x="{LEFT + 4}" y="{top - 6}">{escape(label)}</text>'
            f'<text class="ylab" x="{LEFT - 6}" y="{top + 10}" text-anchor="end">{_fmt(hi)}</text>'
            f'<text class="ylab" x="{LEFT - 6}" y="{top + PANEL_H}" text-anchor="end">{_fmt(lo)}'
            "</text></g>")


def _path(pts: list[tuple[float, float]], colour: str, cls: str) -> str:
    d = " ".join(f"{'M' if i == 0 else 'L'}{px:.1f},{py:.1f}" for i, (px, py) in enumerate(pts))
    return f'<path class="{cls}" d="{d}" fill="none" stroke="{colour}" stroke-width="2"/>'


def _legend() -> str:
    parts = []
    for k, (q, colour) in enumerate(QUAD_COLOURS.items()):
        lx = LEFT + 190 + k * 160
        parts.append(f'<rect x="{lx}" y="6" width="12" height="4" fill="{colour}"/>'
                     f'<text class="legend" x="{lx + 16}" y="12">{QUAD_NAMES[q]}</text>')
    return "<g class=\"legend\">" + "".join(parts) + "</g>"
