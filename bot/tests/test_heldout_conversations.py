"""The held-out conversations stay apart from the training data, and are enough to mean something."""

import re
from pathlib import Path

import yaml

from evaluation.heldout import CONVERSATIONS, CRISIS, story_names

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
ANNOTATION = re.compile(r"\[([^\]]*)\](?:\{[^}]*\}|\([^)]*\))")


def sentence_key(text: str) -> str:
    """The sentence as words only: "[Wigan](location), please!" and "wigan please" are the same sentence."""
    plain = ANNOTATION.sub(r"\1", text).lower().replace("'", "").replace("\u2019", "")
    return " ".join(re.findall(r"[a-z0-9]+", plain))


def training_sentences() -> set[str]:
    sentences = set()
    for path in DATA_DIR.rglob("*.yml"):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
            for line in (block.get("examples") or "").splitlines():
                sentences.add(sentence_key(line.strip().removeprefix("- ")))
    return sentences - {""}


def heldout_sentences() -> list[str]:
    stories = yaml.safe_load(CONVERSATIONS.read_text(encoding="utf-8"))["stories"]
    return [step["user"].strip() for story in stories for step in story["steps"] if "user" in step]


def test_no_held_out_sentence_is_in_the_training_data():
    trained = training_sentences()
    copied = [sentence for sentence in heldout_sentences() if sentence_key(sentence) in trained]
    assert not copied, f"Held-out sentences found in data/: {copied}"


def test_the_sentence_key_ignores_annotations_case_and_punctuation():
    assert sentence_key("[Wigan](location), please!") == sentence_key("wigan please")
    assert sentence_key('[lunch club]{"entity": "need", "value": "meals"}') == "lunch club"


def test_there_are_at_least_150_conversations_with_every_story_named_once():
    names = story_names()
    assert len(names) >= 150
    assert len(set(names)) == len(names)
    assert sum(name.startswith(CRISIS) for name in names) >= 40
