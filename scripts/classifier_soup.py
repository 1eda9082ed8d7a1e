"""Recipe soup: average the weights of full fine-tunes of DIFFERENT recipes (same seed, so the
same head initialisation), one model of the shipped size and speed.

Each ``--recipe`` is a ``train_classifier.py`` flag string whose run is already saved in
``WORK/states`` (same ``--mode`` / ``--fold``); ``--weights`` optionally weights them.

    .venv-train/bin/python scripts/classifier_soup.py --mode cv --fold K --work W \
        --recipe "" --recipe "--ngec none --no-codebook --none-plv 0"   # writes W/oof_soup_<tag>.json
    .venv-train/bin/python scripts/classifier_soup.py --mode final ... --out DIR   # dyn8 ONNX in DIR
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import torch  # noqa: E402
import train_classifier as tc  # noqa: E402
from classifier_data import LABELS, build_data  # noqa: E402
from classifier_topk import trunk_state  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mode", choices=["cv", "final"], default="cv")
    ap.add_argument("--fold", type=int, default=0)
    ap.add_argument("--recipe", action="append", default=[], help="train_classifier.py flags of one member")
    ap.add_argument("--weights", default="", help="comma list, one weight per recipe (default equal)")
    ap.add_argument("--work", default="/tmp/ladder_clf")
    ap.add_argument("--out", type=Path, help="final mode: folder for the dyn8 file, labels.json, tokenizer.json")
    a = ap.parse_args()
    torch.set_num_threads(1)
    base, work = tc.minilm_dir(), Path(a.work)
    w = [float(x) for x in a.weights.split(",")] if a.weights else [1.0] * len(a.recipe)
    w = [x / sum(w) for x in w]
    states = [torch.load(trunk_state(r, a.mode, a.fold, work)) for r in a.recipe]
    model = tc.Classifier(base, len(LABELS))
    model.load_state_dict({k: sum(wi * s[k] for wi, s in zip(w, states, strict=True)).to(v.dtype)
                           if v.is_floating_point() else v for k, v in states[0].items()})
    model.eval()
    tag = hashlib.sha1(json.dumps([a.mode, a.fold, a.recipe, w], sort_keys=True).encode()).hexdigest()[:8]
    targs = tc.build_parser().parse_args(["--mode", a.mode, "--fold", str(a.fold)])
    data = build_data(targs, work / "data_cache.json")
    if a.mode == "cv":
        items = data["plv_dev"]
        probs = tc.torch_proba(model, base, items)
        print(json.dumps({"recipes": a.recipe, "weights": w, "plv_dev": tc.score(items, probs)}, indent=1))
        oof = {"keys": [[e.sentence, e.source, e.target, e.gold] for e in items], "probs": probs.round(6).tolist()}
        (work / f"oof_soup_{tag}.json").write_text(json.dumps(oof))
        print("oof", work / f"oof_soup_{tag}.json", flush=True)
        return
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out = work / f"soup_{tag}"
    out.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), out / "soup.pt")
    feeds = tc.batches(tc.tokenizer(base), ["a [S] b [/S] met [T] c [/T] ."] * 4, 4)[0][1]
    dyn = {k: {0: "batch", 1: "seq"} for k in feeds} | {"logits": {0: "batch"}}
    fp32 = out / "plover_minilm_soup.fp32.onnx"
    torch.onnx.export(model, (feeds["input_ids"], feeds["attention_mask"], feeds["token_type_ids"]),
                      str(fp32), input_names=list(feeds), output_names=["logits"],
                      dynamic_axes=dyn, opset_version=17, dynamo=False)
    a.out.mkdir(parents=True, exist_ok=True)
    dst = a.out / "plover_minilm_soup.dyn8.onnx"
    quantize_dynamic(str(fp32), str(dst), weight_type=QuantType.QInt8, per_channel=True)
    meta = {"labels": LABELS, "onnx_file": dst.name, "max_length": 128, "input_format": "inline",
            "base_model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0)",
            "activation_quantization": "dynamic"}
    (a.out / "labels.json").write_text(json.dumps(meta, indent=1) + "\n")
    shutil.copy(base / "tokenizer.json", a.out / "tokenizer.json")
    print(f"wrote {dst} ({dst.stat().st_size / 2**20:.2f} MB)")


if __name__ == "__main__":
    main()
