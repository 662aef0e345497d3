# Convenience wrappers: every target calls course.py, which needs only Python 3.11+.
PYTHON ?= python3

.PHONY: start test execute bench data lock setup handouts
start:   ## set up on first use, open JupyterLab on the start notebook
	$(PYTHON) course.py start
test:    ## set up on first use, run the whole test suite (what CI runs)
	$(PYTHON) course.py test
execute: ## re-run every notebook in a fresh kernel, save outputs, strip widget state
	$(PYTHON) course.py execute
bench:   ## print the benchmark table (timings and sizes)
	$(PYTHON) course.py bench
data:    ## regenerate the synthetic cohort in data/ from its seed
	$(PYTHON) course.py data
handouts: ## write every lesson as an offline HTML handout (teacher and student versions) in handouts/
	$(PYTHON) course.py handouts
lock:    ## refresh requirements.lock from requirements.in
	$(PYTHON) course.py lock
setup:
	$(PYTHON) course.py setup
