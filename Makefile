# Two commands for a new user:  `make demo` (set up, index the samples, ask) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PRESSQA_HOME ?= .pressqa
export PRESSQA_HOME
export HF_HUB_OFFLINE := 1
QUESTION ?= 남해안경자청 네트워킹데이는 어디서 열렸어?
SHARED ?= ../shared/eval
# Quality floors (false_abstain is a ceiling): on the shared set answered by the shipped model (fitted
# on the training set only), and cross-validated by release over the training and shared sets.
FLOORS ?= --fail-under search@1=0.90 --fail-under answer=0.68 --fail-under doc@1=0.90 --fail-under evidence@1=0.72 \
	--fail-under abstain_ok=0.40 --fail-under false_abstain=0.10
# Archive list questions (item precision/recall) and near-duplicate story groups (pair precision/recall)
# on the fictional releases of examples/archive.
ARCHIVE_FLOORS ?= --fail-under item_p=0.90 --fail-under item_r=0.80 --fail-under pair_p=0.98 --fail-under pair_r=0.90
CV_FLOORS ?= --fail-under answer=0.75 --fail-under evidence@1=0.78 --fail-under abstain_ok=0.47 \
	--fail-under false_abstain=0.10

.PHONY: install demo test lint bench bench-cold bench-suite bench-load bench-fuzz bench-groups bench-scale bench-ray ray-check eval-shared eval-cv eval-examples eval-archive train

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
	$(BIN)/pressqa ask "$(QUESTION)"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Two workers (pytest-xdist), whole modules each, the costliest first (MODULE_COST in
# tests/conftest.py); the examples index is built once and shared by both.
test: lint
	$(BIN)/pytest -q -n 2 --dist loadscope

# Figures and how they are made: benchmarks/README.md. Outputs go to benchmarks/out/ (not in git).
bench: install
	$(BIN)/python benchmarks/bench_index.py --threads 1 2
	$(BIN)/python benchmarks/bench_search.py

bench-cold: install
	$(BIN)/python benchmarks/bench_cold.py --runs 5

# The suite as CI pays it (a fresh clone, first run), alternated with REF on the shared machine.
bench-suite: install
	$(BIN)/python benchmarks/bench_suite.py --against $(or $(REF),main) --pairs 2 --warm

bench-groups: install
	$(BIN)/python benchmarks/bench_groups.py

bench-load: install
	$(BIN)/python benchmarks/bench_load.py --clients 4 16 50 --duration 60

bench-fuzz: install
	$(BIN)/python benchmarks/fuzz_http.py --requests 10000

# The index at 100k and 1M synthetic passages (the 1M build takes ~15 min on 2 cores), then the
# dense index kinds side by side at 100k.
bench-scale: install
	$(BIN)/python benchmarks/bench_scale.py --passages 100000 1000000
	$(BIN)/python benchmarks/bench_scale.py --passages 100000 --compare flat ivfpq hnsw

# Build throughput: raw embedder, local build, and the Ray build on a local Ray (needs the `ray` extra).
bench-ray: install
	$(BIN)/python benchmarks/bench_ray.py --cpus 2 --repeat 3

# The Ray build (local Ray, 2 CPUs) against the local build on the shared set: same ids, vectors and
# answers. Not in CI: two whole builds of the shared set, ~5 min here (benchmarks/README.md).
ray-check: install
	$(BIN)/python benchmarks/ray_check.py --cpus 2

# The quality gate on the shared evaluation set (CI runs it when ../shared exists).
eval-shared: install
	$(BIN)/pressqa eval $(SHARED)/questions.jsonl --releases $(SHARED)/releases $(SHARED)/distractors $(FLOORS)
	$(BIN)/pressqa eval $(SHARED)/followups.jsonl --releases $(SHARED)/releases $(SHARED)/distractors

# What to expect on releases never seen: 5-fold cross-validation grouped by release over the
# training and shared sets, each fold's model fitted on the other folds only.
eval-cv: install
	$(BIN)/pressqa eval $(SHARED)/train/questions.jsonl $(SHARED)/questions.jsonl --cv 5 \
		--releases $(SHARED)/train/releases $(SHARED)/releases $(SHARED)/distractors $(CV_FLOORS)

# Refit the shipped answer model (qa/answer_model.json) on the training set.
train: install
	$(BIN)/pressqa train $(SHARED)/train/questions.jsonl --releases $(SHARED)/train/releases $(SHARED)/distractors

eval-examples: install
	$(BIN)/pressqa eval examples/questions.jsonl --releases examples/releases

eval-archive: install
	$(BIN)/pressqa eval examples/archive/questions.jsonl --releases examples/archive/releases \
		--stories examples/archive/stories.jsonl $(ARCHIVE_FLOORS)
