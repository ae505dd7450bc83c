# OneDoor — the two commands: `make demo` and `make test` (see README).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: demo test setup setup-dev static messages fonts lint bench clean

demo: setup
	scripts/demo.sh

test: setup-dev
	scripts/test.sh

setup: $(VENV)/.installed static messages fonts

setup-dev: setup $(VENV)/.dev
	scripts/ensure-chromium.sh

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

$(VENV)/.dev: requirements-dev.lock $(VENV)/.installed
	$(BIN)/python -m pip install -q -r requirements-dev.lock
	touch $@

static:
	scripts/setup-static.sh

fonts:
	scripts/ensure-fonts.sh

messages:
	command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext >/dev/null)
	cd src/onedoor && ../../$(BIN)/onedoor compilemessages -v0

lint: setup-dev
	$(BIN)/ruff check src bench
	$(BIN)/ruff format --check src bench

bench: setup-dev
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) node_modules src/onedoor/static/vendor
