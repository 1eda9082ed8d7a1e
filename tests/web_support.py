"""Web test support: a realistic store built from Event objects, and a real server process.

The store holds RUS/UKR events over eight weeks of early 2022 (talks, then
accusations and troop build-up, then the invasion reported by several outlets)
plus a few other dyads, with document-offset spans like the coder writes.
``LiveServer`` runs ``ladder serve`` in a subprocess on a free loopback port.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from ladder.ontology import cameo, plover_for_cameo
from ladder.store import Store
from ladder.types import Actor, Attribution, Document, Event

COUNTRIES = {"RUS": "Russia", "UKR": "Ukraine", "USA": "United States", "FRA": "France",
             "DEU": "Germany", "BLR": "Belarus"}


@dataclass
class Spec:
    """One event in a one- or two-sentence article."""

    date: str
    outlet: str
    src: str
    src_text: str
    code: str
    trigger: str
    tgt: str
    tgt_text: str
    sentence: str
    status: str = "asserted"
    speaker: str | None = None
    cue: str | None = None
    lead: str = ""


SPECS = [
    Spec("2022-01-10", "Reuters", "RUS", "Russian", "040", "held talks", "USA", "U.S.",
         "Russian and U.S. diplomats held talks in Geneva on Monday."),
    Spec("2022-01-12", "BBC News", "UKR", "Ukraine", "042", "met", "FRA", "French",
         "Ukraine's foreign minister met his French counterpart in Kyiv."),
    Spec("2022-01-14", "AP", "UKR", "Ukraine", "112", "accused", "RUS", "Russia",
         "Ukraine accused Russia of a cyberattack on government websites.", lead="Kyiv, Jan 14. "),
    Spec("2022-01-19", "Reuters", "USA", "United States", "130", "warned", "RUS", "Russia",
         "The United States warned Russia of severe consequences."),
    Spec("2022-01-24", "BBC News", "RUS", "Russian", "150", "moved", "UKR", "Ukraine",
         "Russian troops moved closer to the border with Ukraine, officials said.",
         status="reported", speaker="officials", cue="said"),
    Spec("2022-01-25", "AP", "RUS", "Russia", "150", "deployed", "UKR", "Ukraine",
         "Russia deployed more troops near Ukraine."),
    Spec("2022-02-01", "Reuters", "FRA", "France", "070", "sent", "UKR", "Ukraine",
         "France sent humanitarian aid to Ukraine."),
    Spec("2022-02-02", "BBC News", "RUS", "Russia", "1311", "denied", "UKR", "Ukraine",
         "Russia denied plans to invade Ukraine.", status="denied"),
    Spec("2022-02-08", "AP", "DEU", "Germany", "036", "offered", "UKR", "Ukraine",
         "Germany offered to mediate between Kyiv and Moscow for Ukraine."),
    Spec("2022-02-15", "Reuters", "RUS", "Russia", "1383", "threatened", "UKR", "Ukraine",
         "Russia threatened Ukraine with military action, the Kremlin said.",
         speaker="the Kremlin", cue="said"),
    Spec("2022-02-16", "BBC News", "USA", "United States", "163", "imposed", "RUS", "Russia",
         "The United States imposed an embargo on Russia."),
    Spec("2022-02-21", "AP", "RUS", "Russia", "154", "mobilized", "UKR", "Ukraine",
         "Russia mobilized its forces on the border of Ukraine."),
    Spec("2022-02-24", "Reuters", "RUS", "Russian", "190", "attacked", "UKR", "Ukraine",
         "Russian forces attacked Ukraine from three directions on Thursday.",
         lead="Kyiv, Feb 24 (Reuters). "),
    Spec("2022-02-24", "BBC News", "RUS", "Russian", "190", "attacked", "UKR", "Ukraine",
         "Russian forces attacked Ukraine from three directions early on Thursday."),
    Spec("2022-02-24", "AP", "RUS", "Russian", "190", "attacked", "UKR", "Ukrainian",
         "Russian forces attacked Ukrainian cities from three directions on Thursday."),
    Spec("2022-02-25", "Reuters", "RUS", "Russian", "195", "shelled", "UKR", "Kyiv",
         "Russian artillery shelled Kyiv overnight, witnesses said.", status="reported",
         speaker="witnesses", cue="said"),
    Spec("2022-02-26", "AP", "UKR", "Ukrainian", "190", "repelled", "RUS", "Russian",
         "Ukrainian troops repelled a Russian assault near Kyiv."),
    Spec("2022-02-28", "BBC News", "RUS", "Russia", "043", "could hold", "UKR", "Ukraine",
         "Russia could hold talks with Ukraine in Belarus.", status="hypothetical"),
    Spec("2022-03-01", "Reuters", "RUS", "Russian", "195", "struck", "UKR", "Kharkiv",
         "A Russian missile struck the centre of Kharkiv."),
    Spec("2022-03-02", "AP", "UKR", "Ukraine", "111", "condemned", "RUS", "Russia",
         "Ukraine condemned Russia for shelling civilians."),
]

#: The marked-up sentence the XSS test stores (must come back escaped).
XSS_SENTENCE = 'Russia <script>alert("x")</script> attacked Ukraine <img src=x onerror=alert(1)>.'


def _actor(code: str, text: str, start: int) -> Actor:
    return Actor(text=text, code=code, country=code[:3], sector=code[3:] or None,
                 span=(start, start + len(text)), name=COUNTRIES.get(code[:3]),
                 why=f"countries.tsv:{text}")


def build(spec: Spec, doc_id: str) -> tuple[Document, list[Event]]:
    text = spec.lead + spec.sentence
    off = len(spec.lead)
    s = spec.sentence

    def at(word: str) -> int:
        i = s.find(word)
        assert i >= 0, (word, s)
        return off + i

    src = _actor(spec.src, spec.src_text, at(spec.src_text))
    after = s.find(spec.tgt_text, s.find(spec.trigger) + len(spec.trigger))
    tgt = _actor(spec.tgt, spec.tgt_text, off + (after if after >= 0 else s.find(spec.tgt_text)))
    info = cameo(spec.code)
    plover, mode = plover_for_cameo(spec.code)
    attr = Attribution(speaker=spec.speaker, outlet=spec.outlet, cue=spec.cue,
                       cue_span=(at(spec.cue), at(spec.cue) + len(spec.cue)) if spec.cue else None,
                       speaker_span=(at(spec.speaker), at(spec.speaker) + len(spec.speaker))
                       if spec.speaker else None,
                       chain=[spec.speaker] if spec.speaker else [])
    ev = Event(source=src, target=tgt, cameo=spec.code, plover=plover, plover_mode=mode,
               goldstein=info.goldstein, quad_class=info.quad_class, sentence=s,
               sentence_index=1 if spec.lead else 0, span=(off, off + len(s)),
               trigger=spec.trigger, trigger_span=(at(spec.trigger), at(spec.trigger) + len(spec.trigger)),
               date=spec.date, status=spec.status, attribution=attr,
               why=f"verbs.yaml:{spec.trigger.split()[-1]}", score=0.9)
    doc = Document(id=doc_id, text=text, date=spec.date, outlet=spec.outlet,
                   url=f"https://news.example.org/{doc_id}", title=s[:60])
    return doc, [ev]


def make_store(path: Path) -> Path:
    """A deduplicated store with SPECS plus one article whose sentence holds markup."""
    store = Store(path)
    items = [build(spec, f"art-{i:02d}") for i, spec in enumerate(SPECS)]
    xss = Spec("2022-03-03", "<b>Evil</b> Times", "RUS", "Russia", "190", "attacked", "UKR",
               "Ukraine", XSS_SENTENCE)
    doc, evs = build(xss, "art-xss")
    doc.url = "javascript:alert(1)"
    items.append((doc, evs))
    store.add_documents(items)
    store.dedup()
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """``ladder serve`` for real, in a subprocess on 127.0.0.1; a context manager."""

    def __init__(self, db: Path, *args: str, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        cmd = [sys.executable, "-m", "ladder.cli.main", "serve", "--db", str(db),
               "--port", str(self.port), *args]
        full_env = {k: v for k, v in os.environ.items() if k != "LADDER_TOKEN"}
        full_env.update(env or {})
        self.log = db.with_suffix(f".{self.port}.log")
        self._log = self.log.open("w")
        self.proc = subprocess.Popen(cmd, stdout=self._log, stderr=subprocess.STDOUT, env=full_env)

    def __enter__(self) -> LiveServer:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()}")
            try:
                if httpx.get(self.url + "/api/stats", timeout=2).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"server did not start: {self.log.read_text()}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()

    def __exit__(self, *exc: object) -> None:
        self.stop()
