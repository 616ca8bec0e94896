"""The table bench.py prints per configuration: seconds per epoch, reference / ours pair by pair within each
round (median over the rounds, with the lowest and highest round), GFLOP/s, the floor, accuracy, peak memory."""

import math
import statistics


def gemm_flops_per_epoch(n_examples, sizes):
    """Forward 2*n_in*n_out per example per layer; backward twice that (delta and weight gradient)."""
    forward = sum(2 * i * o for i, o in zip(sizes[:-1], sizes[1:]))
    return 3 * forward * n_examples


def median_steady(seconds):
    """Median seconds per epoch, first epoch dropped as warm-up when there are several."""
    return statistics.median(seconds[1:] if len(seconds) > 1 else seconds)


def summarise(c, runs, peak):
    """runs[impl] = list of per-round results. Prints the table; returns {impl: ref/ours}."""
    flops = gemm_flops_per_epoch(c["train"], c["sizes"])
    ours = [median_steady(r["epoch_seconds"]) for r in runs["java"]]
    print(f"\n== {c['name']}: {'-'.join(map(str, c['sizes']))} {c['mode']} batch {c['batch']} eta {c['eta']}, "
          f"{c['epochs']} epochs x {len(ours)} rounds, data {c['data']}")
    print(f"   gemm flops per epoch {flops / 1e9:.3f} GFLOP"
          + (f"; floor at our BLAS's peak {peak:.1f} GFLOP/s = {flops / peak / 1e9:.4f} s"
             f" (ours is {statistics.median(ours) / (flops / peak / 1e9):.2f}x the floor)" if peak else ""))
    print(f"   {'impl':<16} {'s/epoch':>9} {'ref/ours':>9} {'rounds':>11} {'GFLOP/s':>8} {'accuracy':>9} {'peak MB':>8}"
          f"   (rounds: lowest-highest ref/ours of a round; accuracy: mean over the rounds' seeds"
          f" 42..{42 + len(ours) - 1})")
    ratios = {}
    for impl, results in runs.items():
        per_round = [median_steady(r["epoch_seconds"]) for r in results]
        med = statistics.median(per_round)
        pairs = [p / o for p, o in zip(per_round, ours)]
        ratios[impl] = statistics.median(pairs)
        spread = f"{min(pairs):.2f}-{max(pairs):.2f}"
        acc = statistics.mean(r["test_accuracy"] for r in results)
        rss = max(r["rss_mb"] for r in results)
        print(f"   {impl:<16} {med:>9.4f} {ratios[impl]:>9.2f} {spread:>11} {flops / med / 1e9:>8.2f} {acc:>9.4f}"
              f" {rss:>8.0f}")
        if impl != "java" and len(pairs) > 2 and abs(math.log(ratios[impl] / (med / statistics.median(ours)))) > 0.2:
            print(f"   {'':<16} note: the median of the rounds' ratios ({ratios[impl]:.2f}) and the ratio of the"
                  f" medians ({med / statistics.median(ours):.2f}) differ by over 20%: the rounds disagree;"
                  f" run more rounds on a quieter machine")
    return ratios
