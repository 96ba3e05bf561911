# Every target that needs the package calls `install` first, so each works alone on a fresh clone.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
STAMP := $(VENV)/.installed

.PHONY: install spark browser demo test bench bench-cold bench-matcher bench-screen-file bench-scale eval heldout lint docs screenshots clean

install: $(STAMP)

# Reinstall only when the dependency list changes: `make install` is quick when nothing did.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	# yente's own response models validate the API's answers in the tests: yente is
	# installed without its pinned dependencies (which would constrain Chokepoint's), with
	# only the small ones its model modules import.
	$(BIN)/python -m pip install -q --no-deps yente==5.5.0 structlog==26.1.0 aiocron==2.1 \
	  croniter==7.0.0 cronsim==2.8 tzlocal==5.4.5 aiofiles==25.1.0 prefixdate==0.6.1
	touch $(STAMP)

# The browser tests drive Debian's Chromium: installed here when missing (as root, as CI runs).
CHROMIUM ?= /usr/bin/chromium
browser:
	@test -x $(CHROMIUM) || { echo "installing Debian's chromium for the browser tests"; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null; }

demo: install
	bash scripts/demo.sh $(SHARED)

# The Spark tests run Spark for real (local[2]): its extra, kept out of `install`.
SPARK_STAMP := $(VENV)/.spark-installed
spark: $(SPARK_STAMP)
$(SPARK_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q -e '.[test,spark]'
	touch $(SPARK_STAMP)

test: install spark browser
	$(BIN)/python -m pytest -q -n 2

# The evaluation's baselines need nomenklatura, kept out of the default install.
eval: install
	$(BIN)/python -m pip install -q -e '.[test,eval]'
	$(BIN)/python benchmarks/eval.py --shared $(SHARED)

# The same table on a labelled set generated from list entries dev does not use
# (benchmarks/heldout.py): the check that dev's figures are not over-fitted.
heldout: install
	$(BIN)/python -m pip install -q -e '.[test,eval]'
	$(BIN)/python benchmarks/heldout.py --shared $(SHARED)

bench: install
	$(BIN)/python benchmarks/bench.py --shared $(SHARED)
	$(BIN)/python benchmarks/bench_rescreen.py --shared $(SHARED)
	$(BIN)/python benchmarks/bench_api.py --shared $(SHARED)
	$(BIN)/python benchmarks/bench_load.py --shared $(SHARED)
	$(BIN)/python benchmarks/bench_ownership.py --shared $(SHARED)
	$(BIN)/python benchmarks/bench_parties.py --shared $(SHARED)
	$(BIN)/python benchmarks/bench_index.py --shared $(SHARED)

# The matcher's CPU per query against a git revision (BASE), results compared row by row.
BASE ?= main
# A cold `chokepoint screen` against another checkout's (BASE_CLI), on copies of DB.
bench-cold: install
	$(BIN)/python benchmarks/bench_cold.py --db $(DB) --baseline $(BASE_CLI)

bench-matcher: install
	$(BIN)/python benchmarks/bench_matcher.py --shared $(SHARED) --baseline $(BASE)

# `screen-file` end to end on 10,000 and 100,000 generated customers against BASE, every
# output line compared (fails on any difference): queries/s, CPU a row, worker memory.
bench-screen-file: install
	$(BIN)/python benchmarks/bench_screen_file.py --shared $(SHARED) --baseline $(BASE)

# Screening at scale (never in `make test`): synthetic customers, single machine and Spark
# local[2]. ROWS=1000000 by default; `make bench-scale ROWS=10000000` for the full run.
ROWS ?= 1000000
bench-scale: install spark
	$(BIN)/python benchmarks/bench_scale.py --shared $(SHARED) --rows $(ROWS)

# The command reference, generated from the commands' help, and the README's transcripts,
# run as shown over the shared lists (scripts/readme_blocks.py); tests check both are current.
docs: install
	$(BIN)/python -m chokepoint.cli.reference > docs/cli.md
	CHOKEPOINT_SHARED=$(abspath $(SHARED)) $(BIN)/cog -r -I scripts README.md

# PNGs of the main pages of the web UI in docs/, shown in the README.
screenshots: install browser
	PYTHONPATH=. $(BIN)/python scripts/screenshots.py --shared $(SHARED)

# ruff, ruff format, mypy --strict, and the layers of pyproject.toml (import-linter).
lint: install
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
