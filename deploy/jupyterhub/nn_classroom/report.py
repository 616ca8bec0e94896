"""The report `make classroom` prints: each learner's result, memory and CPU, and how many learners fit."""
import statistics

MB = 1 << 20
GB = 1 << 30
RESERVE = 2 * GB          # kept for the system, the hub's database, page cache


def fit(total, per_learner, hub):
    return max(0, int((total - RESERVE - hub) // per_learner)) if per_learner else 0


def report(room, sampler, hub_pss, meminfo):
    """Prints the report; True when every learner passed and nothing else failed."""
    print(f"classroom: {room.n} learner(s), {room.notebook}, all at once through the hub "
          f"(this machine: {meminfo['cores']} cores, {meminfo['MemTotal'] / GB:.0f} GB, load {meminfo['load']:.1f} "
          f"at the start: shared with other work)")
    print(f"{'learner':<14} {'result':<6} {'start s':>7} {'lesson s':>8} {'longest cell s':>14} "
          f"{'PSS MB':>7} {'kernel PSS':>10} {'kernel RSS':>10} {'CPU s':>6}")
    passed, pss, kernel_pss, kernel_rss, cpu = 0, [], [], [], []
    for name in room.names:
        row = room.rows.get(name, {"problems": ["never started"], "cells": []})
        ok = not row["problems"]
        passed += ok
        uid = next((u for u, n in getattr(room, "uids", {}).items() if n == name), None)
        peak = sampler.peak.get(uid) if sampler and uid is not None else None
        used = sampler.cpu_total(uid) if peak else 0.0
        if peak:
            pss.append(peak["pss"])
            kernel_pss.append(peak["kernel_pss"])
            kernel_rss.append(peak["kernel_rss"])
            cpu.append(used)
        print(f"{name:<14} {'pass' if ok else 'FAIL':<6} {row.get('start_s', 0):>7.1f} {row.get('lesson_s', 0):>8.1f} "
              f"{max(row['cells'], default=0):>14.1f} {(peak or {}).get('pss', 0) / MB:>7.0f} "
              f"{(peak or {}).get('kernel_pss', 0) / MB:>10.0f} {(peak or {}).get('kernel_rss', 0) / MB:>10.0f} "
              f"{used:>6.1f}")
        for problem in row["problems"]:
            print(f"    {problem}")
    for failure in room.failures:
        print(f"classroom: FAILED: {failure}")
    if pss:
        per, worst = statistics.median(pss), max(pss)
        print(f"per learner (median of {len(pss)}): {per / MB:.0f} MB PSS for the server and kernel together "
              f"(largest {worst / MB:.0f} MB), kernel {statistics.median(kernel_pss) / MB:.0f} MB PSS / "
              f"{statistics.median(kernel_rss) / MB:.0f} MB RSS, {statistics.median(cpu):.1f} CPU-seconds for the "
              f"lesson; the hub and its proxy: {hub_pss / MB:.0f} MB; wall time {getattr(room, 'wall', 0):.0f} s")
        here = fit(meminfo["MemTotal"], worst, hub_pss)
        print(f"learners that fit, by memory (largest learner, {RESERVE // GB} GB kept for the system): "
              f"{here} on this machine ({meminfo['MemTotal'] / GB:.0f} GB), {fit(32 * GB, worst, hub_pss)} on "
              f"32 GB; by CPU, {statistics.median(cpu):.0f} CPU-s per lesson means N learners running it at "
              f"the same moment on C cores wait about N x {statistics.median(cpu):.0f} / C s")
    ok = passed == room.n and not room.failures
    print(f"classroom: {passed} passed, {room.n - passed + (1 if room.failures and passed == room.n else 0)} failed")
    return ok
