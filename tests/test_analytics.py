"""Escalation analytics: series, escalation score, ladder level, change points, alerts, charts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from ladder import analytics
from ladder.charts import dyad_chart, save_chart
from ladder.ontology import cameo


def frame(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """(date, source, target, code) -> the columns Store.events returns."""
    out = []
    for d, s, t, code in rows:
        c = cameo(code)
        out.append({"date": pd.Timestamp(d), "source_code": s, "source_country": s[:3],
                    "target_code": t, "target_country": t[:3], "cameo": code,
                    "goldstein": c.goldstein, "quad_class": c.quad_class})
    return pd.DataFrame(out)


def test_ladder_table_orders_the_rungs() -> None:
    lv = analytics.ladder_level
    assert lv("040") == 0 and lv("010") == 1 and lv("111") == 2 and lv("141") == 3
    assert lv("130") == 4 and lv("1383") == 5  # threat of force ranks above other threats
    assert lv("163") == 6 and lv("150") == 7 and lv("173") == 8 and lv("190") == 9
    assert lv("202") == 10 and lv("99") == -1
    roots = {r.code for r in analytics.ladder_table().values() if len(r.code) == 2}
    assert roots == {f"{i:02d}" for i in range(1, 21)}


def test_weekly_series_counts_and_zero_fills() -> None:
    ev = frame([("2022-02-21", "RUS", "UKR", "040"), ("2022-02-22", "RUS", "UKR", "130"),
                ("2022-03-09", "RUS", "UKR", "190")])
    s = analytics.series(ev, "week")
    assert [str(p)[:10] for p in s["period"]] == ["2022-02-21", "2022-02-28", "2022-03-07"]
    first = s.iloc[0]
    assert (first.n_events, first.q1, first.q3, first.q4) == (2, 1, 1, 0)
    assert first.goldstein_sum == pytest.approx(1.0 - 4.4)
    assert first.goldstein_mean == pytest.approx((1.0 - 4.4) / 2)
    assert first.cci == 0 and first.level == 4 and first.rung == "threat"
    empty = s.iloc[1]
    assert empty.n_events == 0 and empty.goldstein_sum == 0 and empty.level == -1
    assert s.iloc[2].cci == -1 and s.iloc[2].rung == "force"


def test_min_level_events_ignores_a_single_outlier() -> None:
    ev = frame([("2022-02-21", "RUS", "UKR", "190"), ("2022-02-21", "RUS", "UKR", "111"),
                ("2022-02-22", "RUS", "UKR", "112")])
    assert analytics.series(ev, "week", min_level_events=2)["level"].tolist() == [2]


def test_escalation_score_flags_a_drop_against_the_baseline() -> None:
    g = pd.Series([1.0, -1.0, 0.0, 1.0, -1.0, 0.0, 1.0, -1.0, -40.0])
    z = analytics.escalation_score(g, window=8)
    assert z.iloc[:3].isna().all()  # not enough history yet
    assert z.iloc[-1] > 10 and abs(z.iloc[-2]) < 2


def test_dyad_series_directed_and_undirected() -> None:
    ev = frame([("2022-02-24", "RUSMIL", "UKR", "190"), ("2022-02-24", "UKR", "RUS", "111"),
                ("2022-02-24", "USA", "RUS", "163")])
    s = analytics.dyad_series(ev, "RUS", "UKR", "day").set_index("direction")
    assert s.loc["RUS->UKR", "n_events"] == 1 and s.loc["RUS->UKR", "q4"] == 1
    assert s.loc["UKR->RUS", "n_events"] == 1 and s.loc["UKR->RUS", "q3"] == 1
    assert s.loc["RUS<->UKR", "n_events"] == 2


def _war(weeks_before: int = 12, weeks_after: int = 8) -> pd.DataFrame:
    rows = []
    start = pd.Timestamp("2021-12-06")
    for w in range(weeks_before + weeks_after):
        day = start + pd.Timedelta(weeks=w)
        codes = ["040", "010", "111"] if w < weeks_before else ["190", "193", "195", "111"]
        rows += [(str(day.date()), "RUS", "UKR", c) for c in codes]
    rows += [(str((start + pd.Timedelta(weeks=w)).date()), "FRA", "DEU", "040") for w in range(20)]
    return frame(rows)


def test_change_point_found_at_the_step() -> None:
    s = analytics.series(_war(), "week")
    cps = analytics.change_points(s)
    assert [str(c["period"])[:10] for c in cps] == ["2022-02-28"]
    assert cps[0]["direction"] == "escalation" and cps[0]["after_mean"] < cps[0]["before_mean"]


def test_alerts_report_the_jump_and_not_quiet_dyads() -> None:
    table = analytics.alerts(_war(), "2022-01-01")
    assert set(table["dyad"]) == {"RUS-UKR"}
    jump = table[table["kind"] == "level_jump"].iloc[0]
    assert str(jump["period"])[:10] == "2022-02-28"
    assert (jump["level_before"], jump["level"], jump["rung"]) == (2, 9, "force")
    assert "changepoint" in set(table["kind"])
    assert analytics.alerts(_war(), "2022-04-01").query("kind == 'level_jump'").empty


def test_summary_marks_the_period_of_the_date() -> None:
    s = analytics.series(_war(), "week")
    text = analytics.summarise(s, "2022-03-02", k=1)
    lines = text.splitlines()
    assert len(lines) == 4 and lines[2].startswith("2022-02-28") and "<- 2022-03-02" in lines[2]


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_chart_renders_offline(tmp_path: Path, suffix: str) -> None:
    s = analytics.dyad_series(_war(), "RUS", "UKR", "week")
    und = s[s["direction"] == "RUS<->UKR"]
    out = save_chart(dyad_chart(und, "RUS-UKR", [("2022-02-24", "invasion")]), tmp_path / f"c{suffix}")
    data = out.read_bytes()
    if suffix == ".png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    else:
        assert b"<svg" in data[:500] and b"invasion" in data
