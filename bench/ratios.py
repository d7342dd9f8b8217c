#!/usr/bin/env python3
"""Ratios of each provider's throughput to a reference provider, within each JMH run.

Usage: bench/ratios.py [--ref PROVIDER] [--by PARAM] RUN.json [RUN.json ...]
Each RUN.json comes from `bench/jmh ... -rf json -rff RUN.json`. The reference defaults to
caffeine-raw. The provider is the JMH parameter `provider` unless --by names another; any other
parameters (value size, key distribution, ...) split a benchmark into rows of their own. Ratios are taken inside each run (never across runs); with several runs, each
run's ratio is listed and their geometric mean leads the line.
A benchmark that reports `hits` and `misses` as secondary results (the hybrid one) also gets each
provider's hit ratio, hits / (hits + misses) over the measured iterations, and its ratio to the
reference's.
  bench/ratios.py --ref ehcache-heap-disk hybrid-run1.json hybrid-run2.json
  bench/ratios.py --by store --ref rocksdb disk-run1.json disk-run2.json
"""
import json
import math
import sys
from collections import defaultdict


def scores(path, hit_ratios=None, by="provider"):
    """{benchmark: {provider: (score, error, unit)}} of one JMH JSON result file; fills
    hit_ratios[benchmark][provider] where the run has `hits` and `misses` secondary results."""
    table = defaultdict(dict)
    with open(path) as f:
        for run in json.load(f):
            params = dict(run.get("params", {}))
            provider = params.pop(by, "?")
            bench = ".".join(run["benchmark"].rsplit(".", 2)[-2:])  # Class.method
            if params:
                bench += " " + " ".join(f"{k}={v}" for k, v in sorted(params.items()))
            metric = run["primaryMetric"]
            table[bench][provider] = (metric["score"], metric.get("scoreError", float("nan")),
                                      metric["scoreUnit"])
            secondary = run.get("secondaryMetrics", {})
            if hit_ratios is not None and "hits" in secondary and "misses" in secondary:
                # per-iteration rates over equal iteration times: their sums weigh like counts
                hits = sum(sum(fork) for fork in secondary["hits"]["rawData"])
                misses = sum(sum(fork) for fork in secondary["misses"]["rawData"])
                if hits + misses > 0:
                    hit_ratios[bench][provider] = hits / (hits + misses)
    return table


def main(args):
    reference, by = "caffeine-raw", "provider"
    while args[:1] in (["--ref"], ["--by"]) and len(args) >= 2:
        if args[0] == "--ref":
            reference = args[1]
        else:
            by = args[1]
        args = args[2:]
    if not args:
        sys.exit(__doc__)
    hit_runs = [defaultdict(dict) for _ in args]
    runs = [scores(path, hits, by) for path, hits in zip(args, hit_runs)]
    ratios = defaultdict(lambda: defaultdict(list))
    for run in runs:
        for bench, table in run.items():
            if reference not in table:
                continue
            ref = table[reference][0]
            for provider, (score, _, _) in table.items():
                ratios[bench][provider].append(score / ref)
    for bench in sorted(ratios):
        print(f"{bench}  (ratio to {reference} in the same run; {len(runs)} run(s))")
        rows = []
        for provider, values in ratios[bench].items():
            mean = math.exp(sum(math.log(v) for v in values) / len(values))
            rows.append((mean, provider, values))
        for mean, provider, values in sorted(rows, reverse=True):
            each = "  ".join(f"{v:.2f}" for v in values) if len(values) > 1 else ""
            print(f"  {provider:16s} {mean:6.2f}x   {each}")
        if any(bench in hits for hits in hit_runs):
            print(f"  hit ratio over the measured iterations (and its ratio to {reference}), per run")
            for provider in sorted(ratios[bench]):
                cells = []
                for hits in hit_runs:
                    mine, ref = hits.get(bench, {}).get(provider), hits.get(bench, {}).get(reference)
                    if mine is None:
                        cells.append("-")
                    elif ref:
                        cells.append(f"{mine:.4f} ({mine / ref:.3f}x)")
                    else:
                        cells.append(f"{mine:.4f}")
                print(f"  {provider:16s} " + "  ".join(cells))
        if len(runs) == 1:
            for provider, (score, error, unit) in sorted(runs[0][bench].items(), key=lambda kv: -kv[1][0]):
                print(f"    {provider:16s} {score:>16,.0f} ± {error:,.0f} {unit}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
