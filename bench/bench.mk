# Makefile fragment for the root Makefile:  include bench/bench.mk
# make bench                      full run (about 16 minutes on an idle 2-core machine)
# make bench BENCH_ARGS=--quick   a short run
BENCH_ARGS ?=
.PHONY: bench
bench:
	bash bench/run.sh $(BENCH_ARGS)
