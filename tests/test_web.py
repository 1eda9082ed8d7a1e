"""The web app served for real (``ladder serve`` subprocess) over a real DuckDB file, read-only."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyarrow.parquet as pq
import pytest
from web_support import SPECS, XSS_SENTENCE, LiveServer, make_store

from ladder.ontology import PLOVER_TYPES
from ladder.types import STATUSES
from ladder.web.filters import Plover, Status

N_EVENTS = len(SPECS) + 1


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    db = make_store(tmp_path_factory.mktemp("web") / "events.duckdb")
    with LiveServer(db, "--max-upload-mb", "0.05") as srv:
        yield srv


@pytest.fixture(scope="module")
def http(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as client:
        yield client


def test_enums_match_the_ontology() -> None:
    assert tuple(p.value for p in Plover) == PLOVER_TYPES
    assert tuple(s.value for s in Status) == STATUSES


def test_stats_report_the_store(http: httpx.Client) -> None:
    body = http.get("/api/stats").json()
    assert body["counts"]["events"] == N_EVENTS
    assert (body["first_date"], body["last_date"]) == ("2022-01-10", "2022-03-03")
    assert body["ingest_enabled"] is False


def test_events_are_paginated_without_gaps_or_repeats(http: httpx.Client) -> None:
    seen: list[str] = []
    for offset in range(0, 30, 5):
        page = http.get("/api/events", params={"limit": 5, "offset": offset}).json()
        assert page["total"] == N_EVENTS and page["limit"] == 5
        seen += [e["event_id"] for e in page["items"]]
    assert len(seen) == N_EVENTS == len(set(seen))
    dates = [e["date"] for e in http.get("/api/events", params={"limit": 500}).json()["items"]]
    assert dates == sorted(dates, reverse=True)  # newest first


@pytest.mark.parametrize(("params", "expected"), [
    ({"plover": "ASSAULT", "actor": "UKR"}, 7),  # 5 fights/shellings by RUS + 1 by UKR + markup one
    ({"cameo": "19"}, 7),  # a root matches its children (190, 195)
    ({"cameo": "195"}, 2),
    ({"status": "denied"}, 1),
    ({"status": ["reported", "hypothetical"]}, 3),
    ({"dyad": "UKR-RUS", "directed": "true"}, 3),
    ({"dyad": "UKR-RUS"}, 15),
    ({"source": "USA"}, 2),
    ({"outlet": "reuters", "start": "2022-02-20", "end": "2022-02-28"}, 2),
    ({"text": "THREE DIRECTIONS"}, 3),
    ({"quad_class": [1, 2]}, 5),
])
def test_filters_select_the_expected_events(http: httpx.Client, params: dict, expected: int) -> None:
    r = http.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    assert r.json()["total"] == expected


@pytest.mark.parametrize(("params", "param", "words"), [
    ({"start": "2022-02-30"}, "start", "valid date"),
    ({"end": "yesterday"}, "end", "pattern"),
    ({"start": "0001-01-01"}, "start", "pattern"),
    ({"start": "2022-03-01", "end": "2022-01-01"}, "end", "before start"),
    ({"cameo": "999"}, "cameo", "unknown CAMEO code '999'"),
    ({"plover": "INVADE"}, "plover", "ASSAULT"),
    ({"status": "rumoured"}, "status", "asserted"),
    ({"quad_class": 7}, "quad_class", "less than or equal to 4"),
    ({"actor": "R';DROP--"}, "actor", "pattern"),
    ({"limit": 0}, "limit", "greater than"),
    ({"limit": 10_000}, "limit", "less than"),
])
def test_bad_filters_give_422_naming_the_parameter(http: httpx.Client, params: dict, param: str,
                                                  words: str) -> None:
    r = http.get("/api/events", params=params)
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert any(d["loc"][-1] == param or d["loc"][-2:-1] == [param] for d in detail), detail
    assert words in " ".join(d["msg"] for d in detail)


def test_event_detail_has_evidence_and_the_cluster_of_reports(http: httpx.Client) -> None:
    page = http.get("/api/events", params={"text": "three directions", "outlet": "Reuters"}).json()
    eid = page["items"][0]["event_id"]
    ev = http.get(f"/api/events/{eid.replace('#', '%23')}").json()
    assert ev["cameo"] == "190" and ev["cameo_label"]
    assert ev["evidence"]["trigger_span"] and ev["source"]["code"] == "RUS"
    assert ev["cluster"]["n_mentions"] == 3 and ev["cluster"]["n_sources"] == 3
    assert {m["outlet"] for m in ev["mentions"]} == {"Reuters", "BBC News", "AP"}
    missing = http.get("/api/events/no-such-event%230")
    assert missing.status_code == 404 and "no-such-event#0" in missing.json()["detail"]


def test_dyad_series_shows_the_ladder_climbing(http: httpx.Client) -> None:
    body = http.get("/api/dyads/rus/ukr/series", params={"by": "week"}).json()
    assert (body["a"], body["b"], body["dedup"]) == ("RUS", "UKR", "cluster")
    both = {r["period"]: r for r in body["series"] if r["direction"] == "RUS<->UKR"}
    assert both["2022-01-24"]["level"] == 7  # mobilisation
    assert both["2022-02-21"]["level"] == 9  # force: the invasion week
    assert both["2022-02-21"]["q4"] >= 2 and both["2022-02-21"]["goldstein_sum"] < -20
    assert max(r["level"] for p, r in both.items() if p < "2022-02-14") <= 7
    bad = http.get("/api/dyads/RUS/UKR/series", params={"by": "fortnight"})
    assert bad.status_code == 422


def test_overview_data_top_dyads_actors_alerts(http: httpx.Client) -> None:
    dyads = http.get("/api/dyads", params={"start": "2022-01-01"}).json()
    assert (dyads[0]["a"], dyads[0]["b"]) == ("RUS", "UKR")
    actors = {r["country"]: r for r in http.get("/api/actors").json()}
    assert actors["RUS"]["as_source"] > actors["RUS"]["as_target"] > 0
    alerts = http.get("/api/alerts", params={"since": "2022-02-01"}).json()
    jumps = [a for a in alerts if a["kind"] == "level_jump"]
    assert jumps and jumps[0]["dyad"] == "RUS-UKR" and jumps[0]["level"] == 9


def test_csv_and_parquet_downloads_match_the_filter(http: httpx.Client) -> None:
    params = {"dyad": "RUS-UKR", "start": "2022-02-01"}
    total = http.get("/api/events", params=params).json()["total"]
    r = http.get("/api/export/csv", params=params)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == total > 5
    assert all(row["date"] >= "2022-02-01" for row in rows)
    pr = http.get("/api/export/parquet", params={**params, "cameo": "19"})
    table = pq.read_table(io.BytesIO(pr.content))
    assert table.num_rows == http.get("/api/events", params={**params, "cameo": "19"}).json()["total"]
    assert set(table.column("cameo_root").to_pylist()) == {"19"}


def test_pages_render(http: httpx.Client) -> None:
    home = http.get("/")
    assert home.status_code == 200 and 'href="/dyad/RUS/UKR' in home.text
    assert "level jump" in home.text  # the alert table
    dyad = http.get("/dyad/RUS/UKR", params={"period": "2022-02-21"})
    assert dyad.status_code == 200
    svg = re.search(r'<div id="chart".*?</svg>', dyad.text, re.S)
    assert svg and svg.group(0).count("<path") >= 5 and 'class="period selected"' in svg.group(0)
    # the chart's events: facts only, one per cluster (the invasion's 3 reports are one)
    assert dyad.text.count('class="event-link"') == 4 and "(3 reports)" in dyad.text
    search = http.get("/search", params={"text": "denied", "plover": "", "actor": ""})
    assert search.status_code == 200 and "Russia denied plans to invade Ukraine." in search.text
    bad = http.get("/search", params={"start": "2022-13-01"})
    assert bad.status_code == 422 and "<h1>Error 422</h1>" in bad.text and "start" in bad.text


def test_event_page_highlights_and_explains(http: httpx.Client) -> None:
    page = http.get("/api/events", params={"text": "witnesses"}).json()
    eid = page["items"][0]["event_id"].replace("#", "%23")
    html = http.get(f"/event/{eid}").text
    assert '<mark class="source" title="source">Russian</mark>' in html
    assert '<mark class="trigger" title="trigger">shelled</mark>' in html
    assert '<mark class="target" title="target">Kyiv</mark>' in html
    assert '<mark class="attribution" title="attribution">said</mark>' in html
    assert "reported" in html and "Reuters" in html and "verbs.yaml:shelled" in html
    assert 'href="https://news.example.org/' in html


def test_user_text_is_escaped_everywhere(http: httpx.Client) -> None:
    eid = http.get("/api/events", params={"text": "onerror"}).json()["items"][0]["event_id"]
    for path in (f"/event/{eid.replace('#', '%23')}", "/search?text=onerror", "/?start=2022-01-01"):
        html = http.get(path).text
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>Evil" not in html
        assert 'href="javascript:' not in html
    html = http.get(f"/event/{eid.replace('#', '%23')}").text
    assert "&lt;script&gt;" in html
    api = http.get(f"/api/events/{eid.replace('#', '%23')}").json()
    assert api["sentence"] == XSS_SENTENCE  # the data itself is not altered
    headers = http.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]


def test_read_only_server_refuses_writes(http: httpx.Client) -> None:
    r = http.post("/api/ingest", json={"text": "Russia attacked Ukraine."})
    assert r.status_code == 403 and "--token" in r.json()["detail"]
    r = http.post("/ingest", data={"token": "x", "text": "Russia attacked Ukraine."})
    assert r.status_code == 403
    assert "Ingest is off" in http.get("/ingest").text


def test_oversized_body_gets_413(http: httpx.Client) -> None:
    big = "Russia attacked Ukraine. " * 4000  # ~100 kB, over the 0.05 MB limit
    r = http.post("/api/ingest", json={"text": big})
    assert r.status_code == 413 and "0.05 MB" in r.json()["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit is counted while streaming
        yield (b'--zz\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n'
               b"Content-Type: text/plain\r\n\r\n")
        for _ in range(20):
            yield b"Russia attacked Ukraine. " * 200
        yield b"\r\n--zz--\r\n"
    r = http.post("/api/ingest/file", content=chunks(),
                  headers={"content-type": "multipart/form-data; boundary=zz"})
    assert "content-length" not in r.request.headers
    assert r.status_code == 413


def test_openapi_schema_documents_the_api(http: httpx.Client) -> None:
    schema = http.get("/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/export/{fmt}", "/api/dyads",
                 "/api/dyads/{a}/{b}/series", "/api/actors", "/api/alerts", "/api/ingest"):
        assert path in schema["paths"], path
    docs = http.get("/docs")
    assert docs.status_code == 200 and "/api/events" in docs.text and "cdn" not in docs.text.lower()


def test_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "ladder.cli.main", "serve", "--db",
                        str(tmp_path / "nope.duckdb")], capture_output=True, text=True, timeout=60)
    assert r.returncode != 0 and "no store at" in r.stderr
