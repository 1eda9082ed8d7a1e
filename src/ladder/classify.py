"""Learned PLOVER event-type classifier for (sentence, source, target) candidates.

Why: the rule coder proposes actor pairs from a parse; this model says which PLOVER
event (if any) the sentence expresses *between those two actors*.  It is a fine-tuned
all-MiniLM-L6-v2 (mean pooling + linear head) shipped as a weight-only int8 ONNX
file (fp32 compute, so a sentence gets the same answer in any batch), so the
runtime needs only onnxruntime, tokenizers and numpy (no torch, no transformers).

Outputs: the 16 PLOVER types plus NONE ("no event between these actors").  Most
training data (PLV) merges CONCEDE and RETREAT into YIELD, so the model is trained
to put YIELD mass on CONCEDE+RETREAT jointly and learns the split from CAMEO codebook
and NGEC headline examples.  The decision is taken on the merged root (YIELD vs the
rest), then CONCEDE vs RETREAT by the larger of the two.  ``score`` is the probability
of the decided root (for CONCEDE/RETREAT: their sum).  See data/model/model_card.md.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ladder.ontology import data_path

#: Model input markers around the source / target mention (plain text, learnt in training).
SRC_OPEN, SRC_CLOSE, TGT_OPEN, TGT_CLOSE = "[S]", "[/S]", "[T]", "[/T]"
#: Markers per input format: (source open, source close, target open, target close, joiner).
#: "plv" is PLV's own ``marked_sentence`` style (``<s>A</s> ... <t>B</t>``, no spaces).
MARKERS = {"inline": (SRC_OPEN, SRC_CLOSE, TGT_OPEN, TGT_CLOSE, " "),
           "plv": ("<s>", "</s>", "<t>", "</t>", "")}
NONE_LABEL = "NONE"
YIELD_PAIR = ("CONCEDE", "RETREAT")

Item = tuple[str, str | None, str | None]


@dataclass(frozen=True)
class Prediction:
    """One classifier answer; ``plover`` None means no event between the two actors."""

    plover: str | None
    score: float
    probs: dict[str, float] = field(default_factory=dict)


def _find(sentence: str, needle: str | None, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """First case-insensitive whole-word occurrence of ``needle`` not overlapping ``taken``."""
    if not needle or not needle.strip():
        return None
    pattern = re.compile(r"(?<!\w)" + re.escape(" ".join(needle.split())) + r"(?!\w)", re.IGNORECASE)
    for m in pattern.finditer(sentence):
        if all(m.end() <= a or m.start() >= b for a, b in taken):
            return m.start(), m.end()
    return None


def mark_input(sentence: str, source: str | None, target: str | None, fmt: str = "inline") -> str:
    """Sentence with ``[S] .. [/S]`` / ``[T] .. [/T]`` (``fmt`` "plv": ``<s>..</s>`` /
    ``<t>..</t>``) around the actor mentions.

    A mention that cannot be found verbatim (e.g. a canonical actor name) is put in
    front of the sentence inside its markers, so the model still sees who is meant.
    """
    s_open, s_close, t_open, t_close, sp = MARKERS[fmt]
    sentence = " ".join(sentence.split())
    src = _find(sentence, source, [])
    tgt = _find(sentence, target, [src] if src else [])
    inserts: list[tuple[int, int, str]] = []  # (position, order, text)
    if src:
        inserts += [(src[0], 1, s_open + sp), (src[1], 0, sp + s_close)]
    if tgt:
        inserts += [(tgt[0], 1, t_open + sp), (tgt[1], 0, sp + t_close)]
    out = sentence
    for pos, _, text in sorted(inserts, reverse=True):
        out = out[:pos] + text + out[pos:]
    prefix = []
    if source and source.strip() and not src:
        prefix.append(f"{s_open}{sp}{source.strip()}{sp}{s_close}")
    if target and target.strip() and not tgt:
        prefix.append(f"{t_open}{sp}{target.strip()}{sp}{t_close}")
    return (" ; ".join(prefix) + " : " + out) if prefix else out


def format_input(sentence: str, source: str | None, target: str | None, fmt: str = "inline") -> str:
    """Model input text: ``inline`` / ``plv`` markers (mark_input) or a ``prefix`` naming both actors."""
    if fmt == "prefix":
        sentence = " ".join(sentence.split())
        return f"source: {(source or 'none').strip()} ; target: {(target or 'none').strip()} ; {sentence}"
    return mark_input(sentence, source, target, fmt)


def decide(probs: np.ndarray, labels: Sequence[str]) -> tuple[str | None, float]:
    """(label or None, score) from one row of output probabilities (see module doc)."""
    p = {lab: float(v) for lab, v in zip(labels, probs, strict=True)}
    merged = {lab: v for lab, v in p.items() if lab not in YIELD_PAIR}
    merged["YIELD"] = p[YIELD_PAIR[0]] + p[YIELD_PAIR[1]]
    best = max(merged, key=lambda k: (merged[k], k))
    score = merged[best]
    if best == "YIELD":
        best = YIELD_PAIR[0] if p[YIELD_PAIR[0]] >= p[YIELD_PAIR[1]] else YIELD_PAIR[1]
    return (None if best == NONE_LABEL else best), score


def _softmax(x: np.ndarray) -> np.ndarray:
    z = x - x.max(axis=-1, keepdims=True)
    e = np.exp(z)
    out: np.ndarray = e / e.sum(axis=-1, keepdims=True)
    return out


class PloverClassifier:
    """ONNX-runtime wrapper: tokenise, batch by length, run, decide."""

    _cache: dict[tuple[str, int], PloverClassifier] = {}
    _lock = threading.Lock()

    def __init__(self, model_dir: Path, intra_op_threads: int = 1) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        meta: dict[str, Any] = json.loads((model_dir / "labels.json").read_text(encoding="utf-8"))
        self.labels: list[str] = list(meta["labels"])
        self.max_length = int(meta.get("max_length", 128))
        self.input_format = str(meta.get("input_format", "inline"))
        #: "dynamic": int8 activations scaled per call, so every sentence runs alone
        #: (no padding, no batch neighbours) and its answer cannot depend on the batch
        self.per_sentence = meta.get("activation_quantization") == "dynamic"
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=self.max_length)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = intra_op_threads
        opts.inter_op_num_threads = 1
        opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        self.session = ort.InferenceSession(
            str(model_dir / meta["onnx_file"]), sess_options=opts, providers=["CPUExecutionProvider"]
        )
        self._input_names = {i.name for i in self.session.get_inputs()}

    @classmethod
    def load(cls, model_dir: str | Path | None = None, intra_op_threads: int = 1) -> PloverClassifier:
        """Shared instance per (model dir, thread count); loading takes ~0.3 s."""
        path = Path(model_dir) if model_dir else Path(str(data_path("model")))
        key = (str(path.resolve()), intra_op_threads)
        with cls._lock:
            if key not in cls._cache:
                cls._cache[key] = cls(path, intra_op_threads)
            return cls._cache[key]

    def encode(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Token ids, attention mask and segment ids, right-padded to the batch maximum."""
        encs = self.tokenizer.encode_batch(list(texts))
        width = max(len(e.ids) for e in encs)
        ids = np.zeros((len(encs), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for i, e in enumerate(encs):
            ids[i, : len(e.ids)] = e.ids
            mask[i, : len(e.ids)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        return {k: v for k, v in feeds.items() if k in self._input_names}

    def predict_proba(self, items: Sequence[Item], batch_size: int = 32) -> np.ndarray:
        """Output probabilities (n, len(labels)) in input order.

        Identical inputs (the same pair under two triggers of one sentence) run once.
        """
        texts = [format_input(s, src, tgt, self.input_format) for s, src, tgt in items]
        out = np.zeros((len(texts), len(self.labels)), dtype=np.float32)
        if not texts:
            return out
        unique = sorted(set(texts))
        rows: dict[str, np.ndarray] = {}
        if self.per_sentence:
            batch_size = 1
        lengths = {t: len(e.ids) for t, e in zip(unique, self.tokenizer.encode_batch(unique), strict=True)}
        order = sorted(unique, key=lambda t: (lengths[t], t))
        for start in range(0, len(order), batch_size):
            batch = order[start : start + batch_size]
            logits = self.session.run(["logits"], self.encode(batch))[0]
            probs = _softmax(logits.astype(np.float64)).astype(np.float32)
            rows.update(zip(batch, probs, strict=True))
        for i, t in enumerate(texts):
            out[i] = rows[t]
        return out

    def predict(self, items: Sequence[Item], batch_size: int = 32) -> list[Prediction]:
        """One Prediction per (sentence, source, target), in input order."""
        probs = self.predict_proba(items, batch_size)
        preds = []
        for row in probs:
            label, score = decide(row, self.labels)
            named = {lab: round(float(v), 6) for lab, v in zip(self.labels, row, strict=True)}
            preds.append(Prediction(plover=label, score=round(score, 6), probs=named))
        return preds

