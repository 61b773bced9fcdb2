# rasd — the two commands of the quick start:
#   make run    set up, analyse the demo corpus into the embedded store, print the summary
#   make test   set up and run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= demo.db

.PHONY: run test setup setup-test demo clean-demo

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

setup: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[serve]'

setup-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[serve,test]'

run: setup demo

demo:
	$(BIN)/rasd analyze demo/corpus --db $(DB)
	@echo "== top actors =="
	$(BIN)/rasd actors --db $(DB) -n 15
	@echo "== latest events =="
	$(BIN)/rasd events --db $(DB) -n 20

test: setup-test
	bash scripts/install_services.sh
	bash scripts/test.sh

clean-demo:
	rm -f $(DB) $(DB)-wal $(DB)-shm
