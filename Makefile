# nn-workbook: two commands do all set-up.
#   make lab    opens the workbook in JupyterLab (builds what is missing first)
#   make test   runs the unit tests and every notebook headless
# Other targets: see `make help`.

PYTHON ?= python3
VENV   := .venv
VPY    := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
JAR    := target/nn-workbook.jar
MVN    := mvn -B -Dstyle.color=never
# Sources the jar is built from: rebuilt only when one of these changed.
JAR_SOURCES := pom.xml $(shell find src/main -type f 2>/dev/null)

# JupyterLab refuses to run as root unless told; CI and containers run as root.
ifeq ($(shell id -u),0)
ROOT_FLAG := --allow-root
endif

LAB_HOST ?= 127.0.0.1
LAB_PORT ?= 8888

.PHONY: lab test test-tools notebooks html fuzz check-prereqs venv jar clean distclean help

help:
	@echo "make lab     - open the workbook in JupyterLab (sets everything up first)"
	@echo "make test    - unit tests, then every notebook run headless"
	@echo "make html    - static site of executed notebooks and maths notes in target/site/ (works offline)"
	@echo "make notebooks - only the notebooks;  make test-tools - self-test of the notebook runner"
	@echo "make fuzz    - fuzz the file readers for FUZZ_SECONDS (default 600) each; see docs/bad-inputs.md"
	@echo "make bench   - the workbook's trainer side by side with NumPy and PyTorch (bench/README.md)"
	@echo "make check-prereqs | venv | jar | clean | distclean"

check-prereqs:
	@PYTHON=$(PYTHON) bash tools/check-prereqs.sh

# --- Python virtual environment (JupyterLab, JJava kernel, nbclient) ---------------------------
venv: $(STAMP)

# The stamp depends on requirements.txt: nothing is reinstalled unless the pins changed.
$(STAMP): requirements.txt
	@test -x $(VPY) || { echo "Creating $(VENV)/ with $(PYTHON)"; $(PYTHON) -m venv $(VENV); }
	$(VPY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(VPY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@$(VENV)/bin/jupyter kernelspec list | grep -E '^ +java ' >/dev/null || \
	  { echo "The JJava kernel 'java' is not registered in $(VENV)/ (expected from the jjava wheel)"; exit 1; }
	@touch $@

# --- The helper module jar ---------------------------------------------------------------------
jar: $(JAR)

$(JAR): $(JAR_SOURCES)
	$(MVN) -q package -DskipTests
	@touch $@

# --- Open the workbook -------------------------------------------------------------------------
# The server's root is the project folder so the maths notes in docs/ can be opened beside a notebook;
# it opens on the welcome notebook. A notebook's kernel always runs in notebooks/ (its own folder).
lab: check-prereqs venv jar
	@echo "Opening JupyterLab on notebooks/00-welcome.ipynb (maths notes: docs/). Stop with Ctrl-C twice."
	$(VENV)/bin/jupyter lab --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks/00-welcome.ipynb --ServerApp.ip=$(LAB_HOST) --ServerApp.port=$(LAB_PORT) $(ROOT_FLAG)

# --- Tests -------------------------------------------------------------------------------------
# Unit tests and a bounded fuzzing run first; then the jar (rebuilt only if src/ or pom.xml changed); then
# the training lesson in a real browser (JupyterLab + Debian's chromium); then every notebook headless.
# -Pfuzz: after the unit tests, each file reader is fuzzed by Jazzer for about 25 s (docs/bad-inputs.md).
test: check-prereqs venv
	$(VPY) tools/check_links.py
	$(VPY) tools/testdata/site_selftest.py
	$(MVN) test -Pfuzz
	@$(MAKE) --no-print-directory jar
	$(VPY) tools/browser_check.py notebooks/05-sgd.ipynb --min-charts 2
	$(VPY) tools/run_notebooks.py

# Only the notebooks (the jar must be built).
notebooks: venv jar
	$(VPY) tools/run_notebooks.py

# Self-test of the notebook runner on tools/testdata/ (needs the jar for jblas).
test-tools: venv jar
	$(VPY) tools/testdata/selftest.py

# --- Long fuzzing run ---------------------------------------------------------------------------
# Jazzer's own command line on the test classpath, FUZZ_SECONDS per target. New interesting inputs collect in
# target/fuzz-corpus/<target>/; a crash is written as crash-<sha1> and the run stops: move that file into the
# target's seed folder (src/test/resources/.../<Class>Inputs/<method>/) so `mvn test` replays it for ever.
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?= nn.data.IdxFuzzTest nn.io.ModelFileFuzzTest nn.io.MetadataFuzzTest

fuzz:
	$(MVN) -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
	@for t in $(FUZZ_TARGETS); do \
	  echo "Fuzzing $$t for $(FUZZ_SECONDS) s"; mkdir -p target/fuzz-corpus/$$t; \
	  java -Xmx1g -cp target/test-classes:target/classes:$$(cat target/test-classpath.txt) \
	    com.code_intelligence.jazzer.Jazzer --target_class=$$t --instrumentation_includes='nn.**' \
	    -max_total_time=$(FUZZ_SECONDS) target/fuzz-corpus/$$t || exit 1; \
	done

# --- Static site -------------------------------------------------------------------------------
html: check-prereqs venv jar
	$(VPY) tools/run_notebooks.py
	$(VPY) tools/build_site.py

clean:
	rm -rf target
	@echo "Removed target/. The Python environment $(VENV)/ is kept (make distclean removes it too)."

distclean: clean
	rm -rf $(VENV)

# --- Speed: make bench (see bench/README.md) -------------------------------------------------------
include bench/bench.mk
