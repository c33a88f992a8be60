# The two commands in README.md: `make book` and `make test`.
# Everything runs inside .venv, which is (re)built whenever requirements.txt or
# pyproject.toml changes.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PATH := $(abspath $(BIN)):$(PATH)
export PYDEVD_DISABLE_FILE_VALIDATION := 1

step = @printf '\n==> %s\n' $(1)
fail = { printf '\n*** make %s failed at step: %s\n' '$@' $(1) >&2; exit 1; }

.PHONY: help venv book test outputs lab exercises lint format clean bench pdf lms

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt pyproject.toml
	$(call step,"Setting up $(VENV) from requirements.txt")
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || $(call fail,"create the virtual environment with $(PYTHON)")
	@$(BIN)/python -m pip install --quiet --upgrade pip || $(call fail,"upgrade pip")
	@$(BIN)/python -m pip install --quiet -r requirements.txt || $(call fail,"install requirements.txt")
	@touch $(STAMP)

venv: $(STAMP)  ## Create or refresh the project environment

book: $(STAMP)  ## Build the HTML book into _build/html (warnings are errors)
	$(call step,"Building the book into _build/html")
	@PALACE_COUP_RENDER=static $(BIN)/jupyter-book build . --warningiserror --keep-going --nitpick \
		|| $(call fail,"jupyter-book build (see the warnings above)")
	@printf '\nThe book is at _build/html/index.html\n'

pdf: $(STAMP)  ## Print the book: student and lecturer PDFs, one per chapter (_build/pdf)
	$(call step,"Printing the PDF editions into _build/pdf with /usr/bin/chromium")
	@$(BIN)/python book/_ext/print_pdf.py || $(call fail,"print the PDFs (book/_ext/print_pdf.py)")
	@if [ -d _build/html ]; then mkdir -p _build/html/pdf && cp -r _build/pdf/*.pdf _build/pdf/chapters _build/html/pdf/; \
		printf 'Linked from the book: _build/html/pdf/\n'; fi

lms: $(STAMP)  ## Export the quizzes for Canvas/Blackboard (QTI 1.2) and Moodle (_build/lms)
	$(call step,"Exporting the question banks into _build/lms")
	@$(BIN)/python -m palace_coup.lms _build/lms || $(call fail,"export the question banks")
	@if [ -d _build/html ]; then mkdir -p _build/html/lms && cp _build/lms/* _build/html/lms/; \
		printf 'Linked from the book: _build/html/lms/\n'; fi

test: $(STAMP)  ## Run every test: unit, property, nbval, book build, browser
	$(call step,"Checking style with ruff")
	@$(BIN)/ruff check . || $(call fail,"ruff check")
	@$(BIN)/ruff format --check . || $(call fail,"ruff format --check (run make format)")
	$(call step,"Running the test suite with pytest")
	@$(BIN)/python -m pytest || $(call fail,"pytest")

NB ?= $(shell git ls-files 'book/*.ipynb' 'exercises/solutions/*.ipynb')
outputs: $(STAMP)  ## Re-run notebooks and store their outputs (NB="a.ipynb b.ipynb" for some)
	$(call step,"Executing notebooks in place: $(NB)")
	@PALACE_COUP_RENDER=static $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.record_timing=False --ExecutePreprocessor.store_widget_state=False \
		--ExecutePreprocessor.timeout=120 $(NB) || $(call fail,"execute $(NB)")

exercises: $(STAMP)  ## Make the student copies from exercises/solutions, store outputs of both
	$(call step,"Making the student copies (solution cells replaced by answer cells)")
	@$(BIN)/python exercises/make_student_copies.py || $(call fail,"make the student copies")
	@$(MAKE) --no-print-directory outputs \
		NB="$$(echo exercises/solutions/*.ipynb exercises/*.ipynb)"

bench: $(STAMP)  ## Measure builds, tests, sliders, pages, Lighthouse (slow, ~25 min; benchmarks/README.md)
	$(call step,"Benchmarking into _build/bench.json and benchmarks/RESULTS.md")
	@$(BIN)/python benchmarks/run.py $(BENCH_ARGS) || $(call fail,"benchmarks/run.py")

lab: $(STAMP)  ## Start JupyterLab at the repository root, for live teaching
	$(call step,"Starting JupyterLab (Ctrl-C twice to stop)")
	@$(BIN)/jupyter lab --notebook-dir=. $(if $(filter 0,$(shell id -u)),--allow-root,)

lint: $(STAMP)  ## Check style only
	@$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: $(STAMP)  ## Reformat the code with ruff
	@$(BIN)/ruff check --fix . && $(BIN)/ruff format .

clean:  ## Remove the built book and caches (keeps .venv)
	$(call step,"Removing _build and caches")
	@rm -rf _build .pytest_cache .hypothesis .ruff_cache
	@find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +
