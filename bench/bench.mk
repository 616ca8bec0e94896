# Makefile fragment for the root Makefile:  include bench/bench.mk
# make bench                      full run (about 10 minutes on 2 cores)
# make bench BENCH_ARGS=--quick   a short run
BENCH_ARGS ?=
.PHONY: bench
bench:
	bash bench/run.sh $(BENCH_ARGS)
