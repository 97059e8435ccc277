"""The committed cross-validation report must be good enough and about the current training data."""

import json
from pathlib import Path

import pytest

from scripts.crossval_summary import REPORTS_DIR, REQUIRED_MACRO_F1
from scripts.training_hash import training_hash

SUMMARY = REPORTS_DIR / "summary.json"


def committed_summary() -> dict:
    assert SUMMARY.exists(), "No cross-validation report: run `make bot-crossval` and commit bot/reports/"
    return json.loads(SUMMARY.read_text())


@pytest.mark.xfail(
    strict=True,
    reason="Issue 3 is open: 5-fold intent macro F1 is 0.880, below the 0.90 required (see bot/reports)",
)
def test_macro_f1_is_at_least_the_required_level():
    summary = committed_summary()
    assert summary["folds"] == 5
    assert summary["macro_f1"] >= REQUIRED_MACRO_F1, summary["weakest_intents"]


def test_report_is_about_the_current_training_data():
    summary = committed_summary()
    assert summary["training_data_hash"] == training_hash(), (
        "bot/config.yml, domain/ or data/ changed since the report was made: run `make bot-crossval`"
    )


def test_readme_states_the_same_figures():
    summary = committed_summary()
    readme = (REPORTS_DIR / "README.md").read_text()
    assert f"**{summary['macro_f1']:.3f}**" in readme
    assert summary["training_data_hash"] in readme


def test_the_hash_changes_when_training_data_changes(tmp_path: Path):
    for name in ("config.yml", "domain/core.yml", "data/nlu/core.yml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("version: '3.1'\n")
    before = training_hash(tmp_path)
    (tmp_path / "data/nlu/core.yml").write_text("version: '3.1'\nnlu: []\n")
    assert training_hash(tmp_path) != before
