"""Print the hash of what a trained model depends on: config.yml, domain/, data/ and our NLU components.

`make bot-train` names the model after it (models/<hash>.tar.gz) and trains only when no model of that
name exists. With --nlu it prints the hash of what the NLU cross-validation reads (config.yml, the NLU
examples and our NLU components, not the answers' wording or the stories): the report records it so a
stale report can be spotted. Standard library only, so any Python 3 can run it:
`python3 bot/scripts/training_hash.py [--nlu] [bot dir]`.
"""

import hashlib
import sys
from pathlib import Path

BOT_DIR = Path(__file__).resolve().parent.parent
# The NLU components in config.yml's pipeline are ours (understanding/, safety/): their code and phrases
# shape what the model predicts, so they count as much as the examples do.
TRAINING_INPUTS = ("config.yml", "domain", "data", "understanding", "safety")
# `rasa test nlu --nlu data --config config.yml` reads only these: an answer reworded in domain/ or a
# story changed leaves every NLU prediction, and so the cross-validation, as it was.
NLU_INPUTS = ("config.yml", "data/nlu", "understanding", "safety")
INPUT_SUFFIXES = (".yml", ".py", ".json")


def training_files(bot_dir: Path, inputs: tuple[str, ...] = TRAINING_INPUTS) -> list[Path]:
    files: list[Path] = []
    for name in inputs:
        path = bot_dir / name
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in INPUT_SUFFIXES))
        else:
            files.append(path)
    return files


def training_hash(bot_dir: Path = BOT_DIR, inputs: tuple[str, ...] = TRAINING_INPUTS) -> str:
    digest = hashlib.sha256()
    for path in training_files(bot_dir, inputs):
        # The relative path counts too: moving examples between files changes what Rasa reads.
        digest.update(path.relative_to(bot_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def nlu_hash(bot_dir: Path = BOT_DIR) -> str:
    return training_hash(bot_dir, NLU_INPUTS)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    of_nlu = "--nlu" in arguments
    folders = [argument for argument in arguments if argument != "--nlu"]
    folder = Path(folders[0]).resolve() if folders else BOT_DIR
    print(nlu_hash(folder) if of_nlu else training_hash(folder))
