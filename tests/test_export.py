"""Exports: Parquet by month, CSV, GDELT 2.0 event rows, PLOVER JSON records."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from store_helpers import headline

from ladder.export import GDELT_COLUMNS, export, global_event_id
from ladder.store import Store

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GDELT_SAMPLE = SHARED / "eval" / "gdelt_sample" / "gdelt2_events_20170701234500_sample50.tsv"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "e.duckdb")
    s.add_documents([
        headline("d1", "RUSMIL", "UKR", "190", "Russia launches attack on Ukraine",
                 url="https://bbc.example/1"),
        headline("d2", "RUS", "UKR", "193", "Russia launches big attack on Ukraine",
                 outlet="The Guardian"),
        headline("d3", "IGOUNO", "RUS", "010", "UN says Russia must stop", date="2022-03-02"),
        headline("d4", "USA", "RUSGOV", "163", "US embargo on Russian government", date="2022-03-05"),
    ])
    s.dedup()
    return s


def test_gdelt_columns_are_gdelts_61_in_order() -> None:
    assert len(GDELT_COLUMNS) == 61 and len(set(GDELT_COLUMNS)) == 61
    if not GDELT_SAMPLE.exists():
        pytest.skip("../shared not present")
    header = GDELT_SAMPLE.read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert tuple(header) == GDELT_COLUMNS


def test_gdelt_fraction_date_matches_gdelt() -> None:
    if not GDELT_SAMPLE.exists():
        pytest.skip("../shared not present")
    import pandas as pd

    from ladder.export import gdelt_rows

    with GDELT_SAMPLE.open(encoding="utf-8") as fh:
        sample = list(csv.DictReader(fh, delimiter="\t"))
    for row in sample[:: 7]:
        d = pd.Timestamp(row["SQLDATE"])
        df = pd.DataFrame([{
            "event_id": "x", "date": d, "sentence_index": 0, "cameo": "040", "quad_class": 1,
            "goldstein": 1.0, "n_mentions": None, "n_sources": None, "n_articles": None,
            "ingested_at": None, "url": None, **{f"{p}_{k}": None for p in ("source", "target")
                                                  for k in ("code", "country", "sector", "name", "text")},
        }])
        ours = dict(zip(GDELT_COLUMNS, next(gdelt_rows(df)), strict=True))
        assert ours["FractionDate"] == row["FractionDate"]
        assert ours["MonthYear"] == row["MonthYear"]


def test_gdelt_rows_are_canonical_events_with_counts(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    assert export(store, "gdelt", out) == 3  # d1 + d2 are one event
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(len(r) == 61 for r in rows)
    by = {r[GDELT_COLUMNS.index("EventCode")]: dict(zip(GDELT_COLUMNS, r, strict=True)) for r in rows}
    attack = by["190"]
    assert (attack["SQLDATE"], attack["Year"], attack["EventRootCode"]) == ("20220224", "2022", "19")
    assert (attack["Actor1Code"], attack["Actor1CountryCode"], attack["Actor1Type1Code"]) == ("RUSMIL", "RUS", "MIL")
    assert (attack["Actor2Code"], attack["Actor2Name"]) == ("UKR", "UKRAINE")
    assert (attack["NumMentions"], attack["NumSources"], attack["NumArticles"]) == ("2", "2", "2")
    assert (attack["QuadClass"], attack["GoldsteinScale"], attack["IsRootEvent"]) == ("4", "-10.0", "1")
    assert attack["SOURCEURL"] == "https://bbc.example/1" and attack["AvgTone"] == ""
    assert attack["GLOBALEVENTID"] == str(global_event_id("d1#0"))
    statement = by["010"]
    assert (statement["EventBaseCode"], statement["EventRootCode"]) == ("010", "01")  # zeros kept
    assert (statement["Actor1KnownGroupCode"], statement["Actor1CountryCode"]) == ("UNO", "")
    assert len(by["163"]["DATEADDED"]) == 14


def test_parquet_is_partitioned_by_month(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "pq"
    assert export(store, "parquet", out) == 4
    assert sorted(p.name for p in out.iterdir()) == ["month=2022-02", "month=2022-03"]
    table = ds.dataset(out, format="parquet", partitioning="hive").to_table()
    assert table.num_rows == 4
    assert {"event_id", "cameo", "cluster_id", "n_mentions", "json"} <= set(table.column_names)


def test_csv_keeps_every_mention_and_dedup_option(store: Store, tmp_path: Path) -> None:
    assert export(store, "csv", tmp_path / "all.csv") == 4
    with (tmp_path / "all.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 4 and len({r["cluster_id"] for r in rows}) == 3
    assert export(store, "csv", tmp_path / "canon.csv", dedup="cluster") == 3


def test_plover_records(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    assert export(store, "plover", out) == 2  # CAMEO 01 statements have no PLOVER type
    recs = {r["event"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert set(recs) == {"ASSAULT", "COERCE"}
    a = recs["ASSAULT"]
    assert (a["date"], a["src_actor"], a["src_agent"], a["tgt_actor"]) == ("2022-02-24", "RUS", "MIL", "UKR")
    assert a["text"] == "Russia launches attack on Ukraine" and a["ladder"]["num_articles"] == 2
    arr = tmp_path / "events.json"
    export(store, "plover", arr)
    assert len(json.loads(arr.read_text(encoding="utf-8"))) == 2


def test_unknown_format_is_refused(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="format must be one of"):
        export(store, "xml", tmp_path / "x")
