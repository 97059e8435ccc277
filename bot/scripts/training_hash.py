"""Print the hash of what a trained model depends on: config.yml, domain/, data/ and our NLU components.

`make bot-train` names the model after it (models/<hash>.tar.gz) and trains only when no model of that
name exists; the cross-validation report records it so a stale report can be spotted. Standard library
only, so any Python 3 can run it: `python3 bot/scripts/training_hash.py [bot dir]`.
"""

import hashlib
import sys
from pathlib import Path

BOT_DIR = Path(__file__).resolve().parent.parent
# The NLU components in config.yml's pipeline are ours (understanding/, safety/): their code and phrases
# shape what the model predicts, so they count as much as the examples do.
TRAINING_INPUTS = ("config.yml", "domain", "data", "understanding", "safety")
INPUT_SUFFIXES = (".yml", ".py", ".json")


def training_files(bot_dir: Path) -> list[Path]:
    files: list[Path] = []
    for name in TRAINING_INPUTS:
        path = bot_dir / name
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in INPUT_SUFFIXES))
        else:
            files.append(path)
    return files


def training_hash(bot_dir: Path = BOT_DIR) -> str:
    digest = hashlib.sha256()
    for path in training_files(bot_dir):
        # The relative path counts too: moving examples between files changes what Rasa reads.
        digest.update(path.relative_to(bot_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


if __name__ == "__main__":
    print(training_hash(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else BOT_DIR))
