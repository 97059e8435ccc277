"""Where one page's CPU goes, in-process (cProfile), in the environment the load benchmark prepares.

    INSTANCE_PATH=... SEARCH_INDEX_PATH=... PYTHONPATH=.:benchmarks \\
        .venv/bin/python benchmarks/profile_pages.py PATH [--repeat 200] [--top 30]

It warms the process with two requests, then profiles PATH asked for --repeat times and prints the
functions with the most cumulative time, and the mean milliseconds a request took.
"""

import argparse
import cProfile
import pstats
import time

from load_apps import directory_app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="cumulative")
    args = parser.parse_args()
    client = directory_app().test_client()
    for path in args.paths:
        for _ in range(2):
            assert client.get(path).status_code == 200, path
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        for _ in range(args.repeat):
            client.get(path)
        profiler.disable()
        mean_ms = (time.perf_counter() - started) * 1000 / args.repeat
        print(f"\n=== {path}: {mean_ms:.2f} ms a request (profiled)")
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
