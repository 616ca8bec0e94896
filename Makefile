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
# Every shell script of the project (make test runs shellcheck on them).
SHELL_SCRIPTS := .ci/run $(shell find tools src bench scripts -name '*.sh' 2>/dev/null)
# Sources the jar is built from: rebuilt only when one of these changed.
JAR_SOURCES := pom.xml $(shell find src/main -type f 2>/dev/null)

# JupyterLab refuses to run as root unless told; CI and containers run as root.
ifeq ($(shell id -u),0)
ROOT_FLAG := --allow-root
AS_ROOT :=
else
# The classroom creates demo accounts and starts servers as them: root's work. As with system packages,
# sudo asking for the password is the consent.
AS_ROOT := sudo
endif

LAB_HOST ?= 127.0.0.1
LAB_PORT ?= 8888
# More options for `jupyter lab` (tools/lab_check.py passes --no-browser and a token).
LAB_ARGS ?=

.PHONY: lab test test-tools notebooks rerun html fuzz check-prereqs venv jar clean distclean help classroom classroom-install classroom-measure

help:
	@echo "make lab     - open the workbook in JupyterLab (sets everything up first)"
	@echo "make test    - unit tests, then every notebook run headless"
	@echo "make html    - static site of executed notebooks and maths notes in target/site/ (works offline)"
	@echo "make notebooks - only the notebooks;  make test-tools - self-test of the notebook runner"
	@echo "make rerun   - every notebook cell run a second time (a cell must re-run safely alone)"
	@echo "make fuzz    - fuzz the file readers for FUZZ_SECONDS (default 600) each; see docs/bad-inputs.md"
	@echo "make bench   - the workbook's trainer side by side with NumPy and PyTorch (bench/README.md)"
	@echo "make classroom - JupyterHub with LEARNERS (default 8) demo learners running a lesson at once (root; deploy/jupyterhub/)"
	@echo "make check-prereqs | venv | jar | clean | distclean | classroom-install | classroom-measure"

# --- System packages: checked (and installed with apt-get when missing) before anything else -------------
# `make lab` (and venv, jar, html) need what the workbook needs; `make test` also what the tests need
# (PREREQS=test, inherited by every prerequisite of `test`). tools/check-prereqs.sh says what it installs
# and why; NN_NO_SYSTEM_INSTALL=1 makes it print the command instead and stop.
PREREQS ?= lab
check-prereqs:
ifndef PREREQS_CHECKED
	@PYTHON=$(PYTHON) bash tools/check-prereqs.sh $(PREREQS)
endif

# --- Python virtual environment (JupyterLab, JJava kernel, nbclient) ---------------------------
# Every use also (re)writes the workbook's kernel 'java' in $(VENV)/ for this machine: the JDK, heap and
# temporary folder tools/kernelspec.py checked (README: "Your machine").
venv: $(STAMP)
	@$(VPY) tools/kernelspec.py --venv $(VENV)

# The stamp depends on requirements.txt: nothing is reinstalled unless the pins changed.
$(STAMP): requirements.txt | check-prereqs
	@test -x $(VPY) || { echo "Creating $(VENV)/ with $(PYTHON)"; $(PYTHON) -m venv $(VENV); }
	$(VPY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(VPY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@$(VENV)/bin/jupyter kernelspec list | grep -E '^ +java ' >/dev/null || \
	  { echo "The JJava kernel 'java' is not registered in $(VENV)/ (expected from the jjava wheel)"; exit 1; }
	@touch $@

# --- The helper module jar ---------------------------------------------------------------------
jar: $(JAR)

$(JAR): $(JAR_SOURCES) | check-prereqs
	$(MVN) -q package -DskipTests
	@touch $@

# --- Open the workbook -------------------------------------------------------------------------
# The server's root is the project folder so the maths notes in docs/ can be opened beside a notebook;
# it opens on the welcome notebook. A notebook's kernel always runs in notebooks/ (its own folder).
lab: check-prereqs venv jar
	@echo "Opening JupyterLab on notebooks/00-welcome.ipynb (maths notes: docs/). Stop with Ctrl-C twice."
	$(VENV)/bin/jupyter lab --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks/00-welcome.ipynb --ServerApp.ip=$(LAB_HOST) --ServerApp.port=$(LAB_PORT) $(ROOT_FLAG) $(LAB_ARGS)

# --- Tests -------------------------------------------------------------------------------------
# First the system packages of the tests (installed if missing), shellcheck on every shell script, the
# prerequisites check on simulated machines and the stored notebooks; then unit tests and a bounded fuzzing
# run; then the jar (rebuilt only if src/ or pom.xml changed); then `make lab` itself and the training lesson
# in a real browser (JupyterLab + Debian's chromium); then every notebook headless.
# -Pfuzz: after the unit tests, each file reader is fuzzed by Jazzer for about 25 s (docs/bad-inputs.md).
test: PREREQS = test
test: check-prereqs venv
	shellcheck $(SHELL_SCRIPTS)
	$(VPY) tools/testdata/prereqs_selftest.py
	$(VPY) tools/testdata/selftest.py --stored
	$(VPY) tools/check_links.py
	$(VPY) tools/testdata/site_selftest.py
	$(VPY) tools/testdata/rerun_selftest.py
	$(MVN) test -Pfuzz
	@$(MAKE) --no-print-directory jar PREREQS_CHECKED=1
	$(VPY) tools/lab_check.py
	$(VPY) tools/browser_check.py notebooks/05-sgd.ipynb --min-charts 2
	$(VPY) tools/test_kernelspec.py
	@$(MAKE) --no-print-directory classroom LEARNERS=2
	$(AS_ROOT) $(HUB_VPY) deploy/jupyterhub/test_units.py
	$(AS_ROOT) $(HUB_VPY) deploy/jupyterhub/nbgrader/test_nbgrader.py
	$(VPY) tools/run_notebooks.py

# Only the notebooks (the jar must be built).
notebooks: venv jar
	$(VPY) tools/run_notebooks.py

# Every cell run again after a full run (from the last cell up, then each twice from the top): a cell must
# re-run safely alone (tools/rerun_cells.py; about four times as long as `make notebooks`, so not in `make test`).
rerun: venv jar
	$(VPY) tools/rerun_cells.py notebooks/*.ipynb

# Self-test of the notebook runner on tools/testdata/ (needs the jar for jblas).
test-tools: venv jar
	$(VPY) tools/testdata/selftest.py
	$(VPY) tools/testdata/rerun_selftest.py

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

# --- A classroom on one server: JupyterHub (deploy/jupyterhub/README.md); run as root -------------------------
# classroom-install: the hub's own environment in $(CLASSROOM_PREFIX) (from $(HUB_PYTHON), which every learner
# account can run), the shared read-only files and the lean kernel. classroom: $(LEARNERS) demo learners run a
# lesson through the hub at once; prints memory and CPU per learner; removes everything it made.
CLASSROOM_PREFIX ?= /opt/nn-workbook
HUB_PYTHON ?= /usr/bin/python3
HUB_VPY := $(CLASSROOM_PREFIX)/venv/bin/python
LEARNERS ?= 8

classroom-install: jar
	@[ -z "$(AS_ROOT)" ] || echo "The classroom creates demo accounts and starts servers as them; running it through sudo."
	$(AS_ROOT) $(HUB_PYTHON) deploy/jupyterhub/install.py --prefix $(CLASSROOM_PREFIX) --python $(HUB_PYTHON)

classroom: classroom-install
	$(AS_ROOT) $(HUB_VPY) deploy/jupyterhub/classroom.py --learners $(LEARNERS) --prefix $(CLASSROOM_PREFIX)

# What each JVM option saves: lesson 05 in KERNELS kernels at once per set-up (a few minutes).
KERNELS ?= 2
classroom-measure: classroom-install
	$(AS_ROOT) $(HUB_VPY) deploy/jupyterhub/measure_kernels.py --kernels $(KERNELS) --prefix $(CLASSROOM_PREFIX)

clean:
	rm -rf target
	@echo "Removed target/. The Python environment $(VENV)/ is kept (make distclean removes it too)."

distclean: clean
	rm -rf $(VENV)

# --- Speed: make bench (see bench/README.md) -------------------------------------------------------
include bench/bench.mk
