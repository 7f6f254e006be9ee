# Two commands for a new user:  `make demo` (set up, index the samples, ask) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PRESSQA_HOME ?= .pressqa
export PRESSQA_HOME
export HF_HUB_OFFLINE := 1
QUESTION ?= 한빛경제자유구역청 투자설명회는 어디서 열렸어?

.PHONY: install demo test lint bench eval-shared

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# torch's CPU wheel first, so nothing later pulls a multi-GB CUDA build.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/pressqa index sync examples/releases
	$(BIN)/pressqa search "$(QUESTION)" --k 3

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/pytest -q

bench: install
	$(BIN)/python benchmarks/bench_index.py

# The quality gate on the shared evaluation set (CI runs it when ../shared exists).
eval-shared: install
	$(BIN)/python benchmarks/search_quality.py ../shared/eval/questions.jsonl \
		--releases ../shared/eval/releases ../shared/eval/distractors --min-doc-at-1 0.90
