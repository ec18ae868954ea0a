"""Benchmark: build time and peak memory on a synthetic corpus made from the sources.

The corpus repeats the repository's five documents under new names (and with the party names and
ordinals varied, so that resolution has real work to do) until it holds --documents files.
Reports documents per second for the per-document stages and for the whole build, and peak memory.

Run: .venv/bin/python benchmarks/build_speed.py [--documents 200] [--jobs 2]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

from graphbuild.lang.fa import load as load_resources
from graphbuild.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = ["کنگره یازدهم", "کنگره دوازدهم", "کنگره سیزدهم", "کنگره چهاردهم"]


def make_corpus(target: Path, documents: int) -> int:
    sources = sorted((ROOT / "sources").glob("*.txt"))
    size = 0
    for i in range(documents):
        source = sources[i % len(sources)]
        text = source.read_text(encoding="utf-8").replace("کنگره یازدهم", VARIANTS[i % len(VARIANTS)])
        folder = target / f"batch{i // 50:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{i:05d}-{source.name}").write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
    return size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        corpus, output = Path(work) / "sources", Path(work) / "output"
        size = make_corpus(corpus, args.documents)
        started = time.perf_counter()
        load_resources()
        loaded = time.perf_counter()
        result = build(corpus, output, jobs=args.jobs, report=lambda m: None)
        finished = time.perf_counter()
        peak_mib = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                       resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
        build_seconds = finished - loaded
        print(f"documents: {args.documents} ({size / 1e6:.1f} MB of text), jobs: {args.jobs or 'auto'}")
        print(f"resources loaded in {loaded - started:.1f} s")
        print(f"build: {build_seconds:.1f} s, {args.documents / build_seconds:.1f} documents/s, "
              f"{size / 1e6 / build_seconds:.2f} MB/s")
        print(f"graph: {len(result.graph)} triples, {sum(result.counts().values())} entities; "
              f"turtle {(output / 'graph.ttl').stat().st_size / 1e6:.1f} MB, "
              f"html {(output / 'graph.html').stat().st_size / 1e6:.1f} MB")
        print(f"peak memory (largest process): {peak_mib:.0f} MiB")
        shutil.rmtree(output)


if __name__ == "__main__":
    main()
