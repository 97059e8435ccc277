"""Read `rasa data validate` output and fail on every warning that matters.

Rasa warns that a response "is not used in any story or rule" when a custom action sends it; those are
listed under `actions:` in the domain, so that warning is a false alarm and is dropped. Every other
warning fails the check, and library deprecation notices are hidden so the real ones stand out.
Usage (from bot/, in its venv): `rasa data validate ... 2>&1 | python -m scripts.check_validation`.
"""

import re
import sys
from pathlib import Path

import yaml

DOMAIN_DIR = Path(__file__).resolve().parent.parent / "domain"
UNUSED_RESPONSE = re.compile(r"The utterance '(\w+)' is not used in any story or rule")
LIBRARY_NOISE = re.compile(
    r"(Deprecat|declare_namespace|import pkg_resources|xla_computation|^\s*$|^\x1b\[0m$)"
)
WARNING = re.compile(r"UserWarning|WARNING|ERROR|Error", re.IGNORECASE)


def responses_sent_by_actions() -> set[str]:
    names: set[str] = set()
    for path in DOMAIN_DIR.glob("*.yml"):
        domain = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        names.update(name for name in domain.get("actions") or [] if name.startswith("utter_"))
    return names


def problems(lines: list[str], sent_by_actions: set[str]) -> list[str]:
    found = []
    for line in lines:
        unused = UNUSED_RESPONSE.search(line)
        if unused and unused.group(1) in sent_by_actions:
            continue
        if WARNING.search(line) and not LIBRARY_NOISE.search(line):
            found.append(line.strip())
    return found


def main() -> int:
    lines = sys.stdin.read().splitlines()
    for line in lines:
        if not LIBRARY_NOISE.search(line) and not UNUSED_RESPONSE.search(line):
            print(line)
    found = problems(lines, responses_sent_by_actions())
    for line in found:
        print(f"Problem: {line}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
