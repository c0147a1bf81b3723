# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
WORKERS ?= 4

.PHONY: run serve test setup lint bench bench-queue bench-captcha translations messages

# The worker that sends queued emails runs beside the web server and stops
# with it (when the server exits, or on Ctrl-C). What a killed worker left
# running is queued again first.
WITH_WORKER = $(BIN)/python manage.py requeue_stalled_tasks --verbosity 0; \
	$(BIN)/python manage.py db_worker --no-reload & \
	trap 'kill $$! 2>/dev/null' EXIT INT TERM;

run: setup
	@echo
	@echo "Newsroom is at http://$(HOST)/ and its admin at http://$(HOST)/admin/"
	@echo "Editors log in there. Create an editor account with:"
	@echo "    $(BIN)/python manage.py create_editor USERNAME --email you@example.com"
	@echo
	$(WITH_WORKER) $(BIN)/python manage.py runserver $(HOST)

setup: .env $(VENV)/.installed translations
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_seeds

# Local settings read by every command: a development SECRET_KEY and DEBUG
# on. Written once, never committed (.gitignore); edit it freely.
.env:
	umask 077 && printf 'DEBUG=1\nSECRET_KEY=%s\n' \
		"$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" > $@

# Production: gunicorn with static files from whitenoise, DEBUG always off.
# Needs SECRET_KEY (environment or .env); set HTTPS=0 to try it over plain
# HTTP without a TLS proxy in front. --preload loads the site once, before
# the workers fork: a configuration error stops gunicorn with its one line.
serve: export DEBUG = 0
serve: $(VENV)/.installed translations
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(WITH_WORKER) $(BIN)/gunicorn newsroom.wsgi --preload --bind $(HOST) --workers $(WORKERS) --access-logfile -

# The benchmark: `make serve` with production settings on a throw-away
# database, loaded by wrk on 127.0.0.1 (installed if missing); writes
# bench/results.md. Options in BENCH_ARGS, e.g. BENCH_ARGS="--seconds 20".
bench: $(VENV)/.installed translations
	$(BIN)/python -m bench.run --workers $(WORKERS) $(BENCH_ARGS)

# The moderation queue's tabs at 1,000,000 comments on PostgreSQL (in-process,
# a few minutes): BENCH_ARGS="--database-url postgres://.../bench_queue".
bench-queue: $(VENV)/.installed translations
	$(BIN)/python -m bench.queue_scale $(BENCH_ARGS)

# The CAPTCHA attacked as a bot would (OCR, a classifier, audio lookups, the
# proof of work in Chromium); writes bench/results-captcha.md. Installs
# Debian's tesseract-ocr if missing (needs root). Options in BENCH_ARGS.
bench-captcha: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet -r bench/requirements-captcha.txt
	$(BIN)/python -m bench.captcha $(BENCH_ARGS)

test: $(VENV)/.installed-test translations
	DEBUG= $(BIN)/python -m pytest $(PYTEST_ARGS)

# The translations in locale/, compiled (pure Python) for whatever serves or
# tests them. `make messages` extracts every string again into the .po files
# (GNU gettext's xgettext: `apt-get install gettext`) and counts what is left
# to translate; tests/test_translations.py fails on anything missing.
LANGUAGES := ru kk zh_Hans
translations: $(VENV)/.installed
	$(BIN)/python -m newsroom.translations compile

messages: .env $(VENV)/.installed
	$(BIN)/python manage.py makemessages $(LANGUAGES:%=-l %) -e html,txt,py,md \
		--ignore=.venv --ignore=bench --ignore=tests --ignore=staticfiles --no-location
	$(BIN)/python -m newsroom.translations counts

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(BIN)/mypy

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $@
