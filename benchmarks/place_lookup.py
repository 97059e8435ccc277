"""How long place lookups take: the first (cold, reading the data) and then warm, plus suggestions.

.venv/bin/python benchmarks/place_lookup.py
"""

import contextlib
import time

from web.geo import LocationNotFound, resolve_location, suggest_places

TYPED = ("Tameside", "Ashton", "Durham", "WN1 1", "WN1", "WN1 1AA", "St Helens", "Didsbury", "Kent")
MISTYPED = ("Stokport", "Tamside", "Manchster", "Wiggan", "Xyzzy")
ROUNDS = 200


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def main() -> None:
    start = time.perf_counter()
    for text in TYPED:
        resolve_location(text)
    cold = time.perf_counter() - start
    print(f"cold: first {len(TYPED)} lookups (reading councils, places, postcodes): {_ms(cold)}")
    start = time.perf_counter()
    for _ in range(ROUNDS):
        for text in TYPED:
            resolve_location(text)
    print(f"warm lookup, mean: {_ms((time.perf_counter() - start) / (ROUNDS * len(TYPED)))}")
    start = time.perf_counter()
    suggest_places("Stokport")
    print(f"first suggestion (building the name list): {_ms(time.perf_counter() - start)}")
    timings = []
    for _ in range(ROUNDS // 4):
        for text in MISTYPED:
            began = time.perf_counter()
            with contextlib.suppress(LocationNotFound):
                resolve_location(text)
            timings.append(time.perf_counter() - began)
    timings.sort()
    print(f"unknown name with suggestions: median {_ms(timings[len(timings) // 2])}, max {_ms(timings[-1])}")


if __name__ == "__main__":
    main()
