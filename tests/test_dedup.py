"""Deduplication: reports of one real event collapse; different events stay apart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from store_helpers import headline

from ladder.dedup import Mention, cluster_block
from ladder.store import Store


def _m(eid: str, doc: str, day: int, text: str, outlet: str = "bbc", score: float = 0.9,
       cameo: str = "190") -> Mention:
    return Mention(eid, doc, date(2022, 2, day), cameo, text, score, "asserted", outlet)


def test_same_event_in_several_articles_is_one_cluster() -> None:
    clusters = cluster_block([
        _m("a", "d1", 24, "Russia launches attack on Ukraine"),
        _m("b", "d2", 24, "Russia launches full-scale attack on Ukraine", outlet="guardian"),
        _m("c", "d3", 25, "Russian attack on Ukraine: what we know"),
    ])
    assert len(clusters) == 1
    assert [m.event_id for m in clusters[0].members] == ["a", "b", "c"]


def test_dissimilar_reports_and_distant_dates_stay_apart() -> None:
    clusters = cluster_block([
        _m("a", "d1", 24, "Russia launches attack on Ukraine"),
        _m("b", "d2", 24, "Shelling of kindergarten in Luhansk blamed on Kyiv forces"),
        _m("c", "d3", 28, "Russia launches attack on Ukraine"),  # same words, 4 days later
    ], window_days=2)
    assert len(clusters) == 3


def test_canonical_is_the_most_confident_report() -> None:
    (c,) = cluster_block([
        _m("a", "d1", 24, "Russia attacks Ukraine", score=0.6),
        _m("b", "d2", 24, "Russia attacks Ukraine today", score=0.95, cameo="193"),
    ])
    assert c.canonical().event_id == "b"


def _store(tmp_path: Path, name: str) -> Store:
    return Store(tmp_path / name)


ITEMS = [
    headline("d1", "RUS", "UKR", "190", "Russia launches attack on Ukraine"),
    headline("d2", "RUSMIL", "UKR", "193", "Russia launches massive attack on Ukraine",
             outlet="The Guardian"),
    headline("d3", "RUS", "UKR", "190", "Russia launches attack on Ukraine", date="2022-02-25"),
    headline("d4", "USA", "RUS", "163", "US imposes sanctions on Russia"),
    headline("d5", "RUS", "UKR", "190", "Ukraine says Russian shelling hit Kharkiv school"),
    headline("d6", "RUS", "UKR", "190", "Russia launches attack on Ukraine", status="hypothetical"),
]


def test_clusters_count_mentions_sources_articles_and_link_every_event(tmp_path: Path) -> None:
    s = _store(tmp_path, "a.duckdb")
    s.add_documents(ITEMS)
    stats = s.dedup()
    assert stats["events"] == 6
    canon = s.events(dedup="cluster").set_index("doc_id")
    # d1, d2 (another outlet, more specific code), d3 (next day) are one attack;
    # d5 is a different report; d6 is hypothetical so not merged with facts.
    assert len(canon) == 4
    attack = canon.loc["d1"]
    assert (attack.n_mentions, attack.n_sources, attack.n_articles) == (3, 2, 3)
    assert str(attack.first_date)[:10] == "2022-02-24" and str(attack.last_date)[:10] == "2022-02-25"
    linked = s.query("SELECT count(*) AS n FROM events ANTI JOIN mentions USING (event_id)")
    assert int(linked["n"][0]) == 0


def test_incremental_reclustering_equals_one_clean_run(tmp_path: Path) -> None:
    once = _store(tmp_path, "once.duckdb")
    once.add_documents(ITEMS)
    once.dedup()
    steps = _store(tmp_path, "steps.duckdb")
    for i in range(0, len(ITEMS), 2):
        steps.add_documents(ITEMS[i:i + 2])
        steps.dedup()
    q = "SELECT * FROM clusters ORDER BY cluster_id"
    assert once.query(q).equals(steps.query(q))
    q = "SELECT event_id, cluster_id FROM mentions ORDER BY event_id"
    assert once.query(q).equals(steps.query(q))


def test_one_a_day_keeps_one_event_per_day_dyad_and_code(tmp_path: Path) -> None:
    s = _store(tmp_path, "a.duckdb")
    s.add_documents(ITEMS)
    kept = s.events(dedup="one-a-day")
    # d1, d5, d6: same day, RUS->UKR, 190 -> one; d2 (RUSMIL, 193), d3 (next day), d4 stay
    assert sorted(kept["doc_id"]) == ["d1", "d2", "d3", "d4"]
