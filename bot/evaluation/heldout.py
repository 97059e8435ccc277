"""Run the held-out conversations (heldout_conversations.yml) against a trained model and report.

    cd bot && .venv/bin/python -m evaluation.heldout models/<hash>.tar.gz

A conversation passes when the assistant does what the person needs at every turn: the expected answer or
action, whatever intent name the model gives a message on the way (a place may be read as inform_location
or as find_support; both search). So each message is first read by the model itself, and Rasa's own
conversation test then checks the actions that follow from what the model read.

Prints the share that passed, overall, for the crisis conversations (named "crisis ...") and for each other
group of conversations (the first word of their names: knowledge, search, booking, other), and fails
when a crisis conversation fails or fewer than MIN_SHARE pass. The conversations are written apart from
the training data; tests/test_heldout_conversations.py checks that no sentence in them is in data/.
"""

import asyncio
import logging
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from scripts.check_story_results import failed_story_names

BOT_DIR = Path(__file__).resolve().parent.parent
CONVERSATIONS = Path(__file__).resolve().with_name("heldout_conversations.yml")
MIN_SHARE = 0.95
CRISIS = "crisis"
QUIET_ENV = {
    "RASA_TELEMETRY_ENABLED": "false",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "PYTHONWARNINGS": "ignore",
    "LOG_LEVEL": "WARNING",
}


def stories(path: Path = CONVERSATIONS) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["stories"]


def story_names(path: Path = CONVERSATIONS) -> list[str]:
    return [story["story"] for story in stories(path)]


async def _as_the_model_reads_them(model: str, conversations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The conversations with each message annotated with the intent and entities the model finds."""
    from rasa.core.agent import Agent
    from rasa.shared.nlu.training_data.formats.readerwriter import TrainingDataWriter
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # Rasa would otherwise log every message it reads
    agent = Agent.load(model)
    read = []
    for story in conversations:
        steps = []
        for step in story["steps"]:
            if "user" in step:
                parsed = await agent.parse_message(step["user"].strip())
                annotated = _UserText(TrainingDataWriter.generate_message(parsed))
                step = {"user": annotated, "intent": parsed["intent"]["name"]}
            steps.append(step)
        read.append({"story": story["story"], "steps": steps})
    return read


class _UserText(str):
    """A message's text, written quoted: annotations like [wigan](location) are not YAML."""


def _quoted(dumper: yaml.Dumper, data: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style='"')


def failed_conversations(model: str) -> tuple[set[str], str]:
    read = asyncio.run(_as_the_model_reads_them(model, stories()))
    with tempfile.TemporaryDirectory() as work:
        # Rasa only takes conversation tests from files named test_*.yml.
        story_file = Path(work) / "test_heldout.yml"
        dumper = type("StoryDumper", (yaml.SafeDumper,), {})
        dumper.add_representer(_UserText, _quoted)
        conversations = {"version": "3.1", "stories": read}
        text = yaml.dump(conversations, Dumper=dumper, allow_unicode=True, sort_keys=False)
        story_file.write_text(text, encoding="utf-8")
        results = Path(work) / "results"
        command = [
            str(Path(sys.executable).with_name("rasa")), "test", "core", "--e2e", "--quiet", "--model", model,
            "--stories", str(story_file), "--out", str(results),
        ]  # fmt: skip
        run = subprocess.run(  # noqa: S603 (our own rasa, with arguments built here)
            command, cwd=BOT_DIR, env=os.environ | QUIET_ENV, capture_output=True, text=True, check=False
        )
        if run.returncode != 0 or not (results / "failed_test_stories.yml").exists():
            raise RuntimeError(f"rasa test failed:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}")
        failed_file = results / "failed_test_stories.yml"
        return set(failed_story_names(failed_file)), failed_file.read_text(encoding="utf-8")


def groups(names: list[str]) -> dict[str, list[str]]:
    """The conversations by the first word of their names ("booking 03 cancelling" is in "booking")."""
    grouped: dict[str, list[str]] = {}
    for name in names:
        grouped.setdefault(name.split()[0], []).append(name)
    return grouped


def share(passed: int, total: int) -> str:
    return f"{passed}/{total} ({passed / total:.1%})" if total else "0/0"


def main(model: str) -> int:
    names = story_names()
    failed, failed_text = failed_conversations(model)
    crisis = [name for name in names if name.startswith(CRISIS)]
    passed = len(names) - len(failed)
    crisis_passed = len(crisis) - len(failed & set(crisis))
    print(f"Held-out conversations passed: {share(passed, len(names))}")
    print(f"Crisis conversations passed: {share(crisis_passed, len(crisis))}")
    for group, members in groups(names).items():
        if group != CRISIS:
            print(f"  {group}: {share(len(members) - len(failed & set(members)), len(members))}")
    if failed:
        print("Failed (the actions marked 'predicted' went wrong):\n" + failed_text)
    if crisis_passed < len(crisis) or passed < MIN_SHARE * len(names):
        print(f"Every crisis conversation must pass, and at least {MIN_SHARE:.0%} of all of them.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
