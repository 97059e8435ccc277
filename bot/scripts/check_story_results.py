"""Judge a `rasa test core` run: every conversation test must pass (Rasa itself exits 0 either way)."""

import re
import sys
from pathlib import Path


def failed_story_names(failed_stories_file: Path) -> list[str]:
    text = failed_stories_file.read_text() if failed_stories_file.exists() else ""
    return re.findall(r"^- story: (.+?)(?: \(.*\))?$", text, flags=re.MULTILINE)


def main(results_dir: str) -> int:
    failed = failed_story_names(Path(results_dir) / "failed_test_stories.yml")
    for name in failed:
        print(f"FAILED: {name}")
    if failed:
        return 1
    print("All conversation tests passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
