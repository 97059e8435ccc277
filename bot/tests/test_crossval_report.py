"""The committed cross-validation report must be good enough and about the current training data."""

import json
from pathlib import Path

import pytest

from scripts.crossval_summary import REPORTS_DIR, REQUIRED_MACRO_F1
from scripts.training_hash import nlu_hash, training_hash

SUMMARY = REPORTS_DIR / "summary.json"


def committed_summary() -> dict:
    assert SUMMARY.exists(), "No cross-validation report: run `make bot-crossval` and commit bot/reports/"
    return json.loads(SUMMARY.read_text())


def test_macro_f1_is_at_least_the_required_level():
    summary = committed_summary()
    assert summary["folds"] == 5
    assert summary["macro_f1"] >= REQUIRED_MACRO_F1, summary["weakest_intents"]


def test_report_is_about_the_current_nlu_data():
    summary = committed_summary()
    assert summary["nlu_data_hash"] == nlu_hash(), (
        "bot/config.yml, data/nlu/ or an NLU component changed since the report was made: "
        "run `make bot-crossval`"
    )


def test_readme_states_the_same_figures():
    summary = committed_summary()
    readme = (REPORTS_DIR / "README.md").read_text()
    assert f"**{summary['macro_f1']:.3f}**" in readme
    assert summary["nlu_data_hash"] in readme


MODEL_INPUTS = [
    "config.yml",
    "domain/core.yml",
    "data/nlu/core.yml",
    "understanding/vocabulary.py",
    "safety/phrases.json",
]


def _write(bot_dir: Path, names: list[str]) -> None:
    for name in names:
        (bot_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (bot_dir / name).write_text("first\n")


@pytest.mark.parametrize("changed", MODEL_INPUTS)
def test_the_hash_changes_when_anything_the_model_depends_on_changes(tmp_path: Path, changed: str):
    _write(tmp_path, MODEL_INPUTS)
    before = training_hash(tmp_path)
    (tmp_path / changed).write_text("second\n")
    assert training_hash(tmp_path) != before


def test_the_hash_ignores_what_the_model_does_not_depend_on(tmp_path: Path):
    _write(tmp_path, [*MODEL_INPUTS, "tests/test_core.yml", "understanding/__pycache__/vocabulary.pyc"])
    before = training_hash(tmp_path)
    (tmp_path / "tests/test_core.yml").write_text("second\n")
    (tmp_path / "understanding/__pycache__/vocabulary.pyc").write_text("second\n")
    assert training_hash(tmp_path) == before


NLU_INPUTS = ["config.yml", "data/nlu/core.yml", "understanding/vocabulary.py", "safety/phrases.json"]


@pytest.mark.parametrize("changed", NLU_INPUTS)
def test_the_nlu_hash_changes_when_anything_the_cross_validation_reads_changes(tmp_path: Path, changed: str):
    _write(tmp_path, MODEL_INPUTS)
    before = nlu_hash(tmp_path)
    (tmp_path / changed).write_text("second\n")
    assert nlu_hash(tmp_path) != before


def test_the_nlu_hash_ignores_answers_and_stories(tmp_path: Path):
    _write(tmp_path, [*MODEL_INPUTS, "data/stories/search.yml", "data/rules/core.yml"])
    before = nlu_hash(tmp_path), training_hash(tmp_path)
    (tmp_path / "domain/core.yml").write_text("second\n")
    (tmp_path / "data/stories/search.yml").write_text("second\n")
    (tmp_path / "data/rules/core.yml").write_text("second\n")
    assert nlu_hash(tmp_path) == before[0]
    assert training_hash(tmp_path) != before[1]  # the model itself is trained again
