"""Measure 4-bit block quantisation (onnxruntime MatMulNBits / GatherBlockQuantized) of one
cross-validation model against the shipped dynamic int8 format, on its held-out fold.

Why: two full members in one graph are ~33 MB as dynamic int8; with 4-bit weights they could
fit the ~25 MB budget, if 4 bits cost no accuracy.  Needs the ``train`` extra.

    .venv-train/bin/python scripts/classifier_q4.py --fold K --work W --flags "<recipe flags>"
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import numpy as np  # noqa: E402
import torch  # noqa: E402
import train_classifier as tc  # noqa: E402
from classifier_data import LABELS, build_data  # noqa: E402
from classifier_topk import load_trunk, trunk_state  # noqa: E402


def q4(src: Path, dst: Path, ops: tuple[str, ...], block: int) -> None:
    import onnx
    from onnxruntime.quantization.matmul_nbits_quantizer import (
        DefaultWeightOnlyQuantConfig,
        MatMulNBitsQuantizer,
    )

    cfg = DefaultWeightOnlyQuantConfig(block_size=block, is_symmetric=True, op_types_to_quantize=ops)
    q = MatMulNBitsQuantizer(onnx.load(str(src)), algo_config=cfg)
    q.process()
    q.model.save_model_to_file(str(dst), use_external_data_format=False)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fold", type=int, default=0)
    ap.add_argument("--flags", default="")
    ap.add_argument("--work", default="/tmp/ladder_clf")
    a = ap.parse_args()
    torch.set_num_threads(1)
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from ladder.classify import PloverClassifier

    base, work = tc.minilm_dir(), Path(a.work)
    model = load_trunk(trunk_state(a.flags, "cv", a.fold, work), base)
    data = build_data(tc.build_parser().parse_args(["--mode", "cv", "--fold", str(a.fold)]), work / "data_cache.json")
    items = data["plv_dev"]
    out = work / f"q4_f{a.fold}"
    sizes = tc.export(model, base, data["train_dev"], out)
    fp32 = out / "plover_minilm.fp32.onnx"
    variants = {"dyn8": out / "dynamic" / "plover_minilm.dyn8.onnx"}
    for name, ops, block in (("q4_all_b32", ("MatMul", "Gather"), 32), ("q4_all_b128", ("MatMul", "Gather"), 128)):
        q4(fp32, out / f"{name}.onnx", ops, block)
        variants[name] = out / f"{name}.onnx"
    q4(fp32, out / "q4emb.onnx", ("Gather",), 32)  # 4-bit embeddings, then int8 dynamic matmuls
    quantize_dynamic(str(out / "q4emb.onnx"), str(out / "q4emb_dyn8.onnx"), weight_type=QuantType.QInt8,
                     per_channel=True, op_types_to_quantize=["MatMul"],
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    variants["q4emb_dyn8"] = out / "q4emb_dyn8.onnx"
    report: dict[str, object] = {"sizes": sizes, "torch_fp32": tc.score(items, tc.torch_proba(model, base, items))}
    for name, path in variants.items():
        d = out / f"clf_{name}"
        d.mkdir(exist_ok=True)
        shutil.copy(path, d / path.name)
        shutil.copy(base / "tokenizer.json", d / "tokenizer.json")
        meta = {"labels": LABELS, "onnx_file": path.name, "max_length": 128, "input_format": "inline",
                "activation_quantization": "dynamic"}
        (d / "labels.json").write_text(json.dumps(meta))
        clf = PloverClassifier(d)
        probs = clf.predict_proba([(e.sentence, e.source, e.target) for e in items])
        report[name] = tc.score(items, probs) | {"mb": round(path.stat().st_size / 2**20, 2)}
        np.save(out / f"probs_{name}.npy", probs)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
