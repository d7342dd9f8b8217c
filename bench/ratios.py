#!/usr/bin/env python3
"""Ratios of each provider's throughput to a reference provider in the same JMH run.

Usage: bench/ratios.py RESULTS.json [REFERENCE]   (REFERENCE defaults to caffeine-raw)
RESULTS.json comes from `bench/jmh ... -rf json -rff RESULTS.json`.
"""
import json
import sys
from collections import defaultdict


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    reference = argv[2] if len(argv) > 2 else "caffeine-raw"
    with open(argv[1]) as f:
        runs = json.load(f)
    table = defaultdict(dict)
    for run in runs:
        bench = run["benchmark"].rsplit(".", 2)[-2]
        provider = run.get("params", {}).get("provider", "?")
        metric = run["primaryMetric"]
        table[bench][provider] = (metric["score"], metric.get("scoreError", float("nan")), metric["scoreUnit"])
    for bench, scores in table.items():
        ref = scores.get(reference)
        print(f"{bench}  (reference: {reference})")
        for provider, (score, error, unit) in sorted(scores.items(), key=lambda kv: -kv[1][0]):
            ratio = f"{score / ref[0]:6.2f}x" if ref else "   n/a"
            print(f"  {provider:16s} {ratio}  {score:>16,.0f} ± {error:,.0f} {unit}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
