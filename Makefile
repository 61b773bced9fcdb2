# rasd — the two commands of the quick start:
#   make run    set up, analyse the demo corpus into the embedded store, print the summary,
#               then serve the dashboard on it
#   make test   set up and run the whole test suite
# the interpreter of the virtualenv: the fastest usable CPython >= 3.11 here (see the script);
# override with `make PYTHON=/path/to/python3 …`
PYTHON ?= $(shell python3 scripts/pick_python.py 2>/dev/null || echo python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= demo.db
PORT   ?= 8000

.PHONY: run test setup setup-test demo clean-demo

$(BIN)/python:
	py="$(PYTHON)"; echo "== virtualenv $(VENV) with $$py =="; "$$py" -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

setup: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[serve]'

setup-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[serve,test,classifier]'

run: setup demo
	@echo "== dashboard on the demo corpus: http://127.0.0.1:$(PORT)/ (Ctrl-C to stop) =="
	$(BIN)/rasd serve --db $(DB) --port $(PORT)

demo:
	$(BIN)/rasd analyze demo/corpus --db $(DB)
	@echo "== top actors =="
	$(BIN)/rasd actors --db $(DB) -n 15
	@echo "== latest events =="
	$(BIN)/rasd events --db $(DB) --latest -n 20

test: setup-test
	bash scripts/install_services.sh
	bash scripts/test.sh

clean-demo:
	rm -f $(DB) $(DB)-wal $(DB)-shm
