# The two commands of the README, and what they need. Each target sets up what it uses on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: graph test lexicons recogniser benchmark system-packages clean query-benchmark

# Build sources/ into output/graph.ttl and output/graph.html.
graph: $(VENV)/.installed
	$(BIN)/graphbuild build sources -o output

# The whole test suite (what .ci/run runs).
test: $(VENV)/.installed system-packages
	$(BIN)/python -m pytest -q -n 2

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Debian packages the tests use: rapper (raptor2-utils) reads the Turtle as a second, independent parser;
# headless Chromium opens the map offline; Noto fonts shape its Persian; Apache Jena's RIOT (its jars in
# libapache-jena-java, run on default-jre-headless) is a third Turtle parser and validator; Virtuoso's
# server and isql (virtuoso-opensource-7-bin) load the graph and run the example queries.
system-packages:
	@if ! command -v rapper >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1 \
	   || ! command -v java >/dev/null 2>&1 || [ ! -f /usr/share/java/jena-cmds.jar ] \
	   || ! command -v virtuoso-t >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    raptor2-utils chromium fonts-noto-core default-jre-headless libapache-jena-java \
	    virtuoso-opensource-7-bin >/dev/null; \
	fi

# Remake the place and person-name lexicons from ../shared/data (see NOTICE).
lexicons: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[lexicons]'
	$(BIN)/python scripts/make_lexicons.py

# Retrain the statistical recogniser from ../shared/data/ner/parstwiner (about 3 minutes).
recogniser: $(VENV)/.installed
	$(BIN)/python scripts/train_recogniser.py

benchmark: $(VENV)/.installed
	$(BIN)/python benchmarks/build_speed.py

# The example queries on about a million triples, Oxigraph against rdflib (the first run builds and caches
# the corpus's graph, about 10 minutes on 2 cores; later runs only load and query, about 7 minutes).
query-benchmark: $(VENV)/.installed
	$(BIN)/python benchmarks/query_speed.py

clean:
	rm -rf $(VENV) output/graph.ttl output/graph.html
