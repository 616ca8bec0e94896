#!/usr/bin/env bash
# Runs the benchmark: the workbook's jblas trainer against NumPy (vectorized and per-example) and PyTorch.
# Usage (from anywhere): bench/run.sh [bench.py options, e.g. --quick, --only b10,b100, --rounds 7]
# Sets up bench/.venv from bench/requirements.txt on first use (about 1.8 GB download, mostly PyTorch),
# and builds target/nn-workbook.jar when it is missing or older than src/main.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=bench/.venv
if [ ! -x "$venv/bin/python" ] || ! cmp -s bench/requirements.txt "$venv/.requirements"; then
  echo "bench: installing bench/requirements.txt into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -r bench/requirements.txt
  cp bench/requirements.txt "$venv/.requirements"
fi

jar=target/nn-workbook.jar
if [ ! -f "$jar" ] || [ -n "$(find src/main pom.xml -newer "$jar" -print -quit)" ]; then
  echo "bench: building $jar" >&2
  mvn -q -B -DskipTests package
fi

exec "$venv/bin/python" bench/bench.py "$@"
