"""Summarise a cross-validation run into bot/reports/: the JSON reports, summary.json and README.md.

Usage (from bot/, in its venv): `python -m scripts.crossval_summary <rasa test output dir> <folds> [hash]`,
with the training data hash taken before the run (the data may change while it runs).
"""

import json
import shutil
import sys
from datetime import date
from pathlib import Path

from scripts.training_hash import BOT_DIR, training_hash

REPORTS_DIR = BOT_DIR / "reports"
KEPT_REPORTS = ("intent_report.json", "DIETClassifier_report.json")
REQUIRED_MACRO_F1 = 0.90


def summarise(results_dir: Path, folds: int, data_hash: str) -> dict:
    intents = json.loads((results_dir / "intent_report.json").read_text())
    entities_path = results_dir / "DIETClassifier_report.json"
    entities = json.loads(entities_path.read_text()) if entities_path.exists() else {}
    per_intent = {
        name: scores for name, scores in intents.items() if isinstance(scores, dict) and "support" in scores
    }
    per_intent.pop("macro avg", None)
    per_intent.pop("weighted avg", None)
    return {
        "macro_f1": round(intents["macro avg"]["f1-score"], 4),
        "weighted_f1": round(intents["weighted avg"]["f1-score"], 4),
        "accuracy": round(intents["accuracy"], 4),
        "entity_macro_f1": round(entities["macro avg"]["f1-score"], 4) if entities else None,
        "folds": folds,
        "intents": len(per_intent),
        "examples": int(intents["macro avg"]["support"]),
        "nlu_data_hash": data_hash,
        "date": date.today().isoformat(),
        "weakest_intents": sorted(
            ((name, round(scores["f1-score"], 3)) for name, scores in per_intent.items()),
            key=lambda pair: pair[1],
        )[:5],
    }


def readme(summary: dict) -> str:
    weakest = "\n".join(f"| {name} | {f1:.3f} |" for name, f1 in summary["weakest_intents"])
    return f"""# NLU cross-validation

{summary["folds"]}-fold cross-validation of the assistant's NLU pipeline (`bot/config.yml`) on all its
training data (`bot/data/nlu/`), made with `make bot-crossval` on {summary["date"]}.

| measure | value |
| --- | --- |
| intent macro F1 | **{summary["macro_f1"]:.3f}** (required: at least {REQUIRED_MACRO_F1:.2f}) |
| intent weighted F1 | {summary["weighted_f1"]:.3f} |
| intent accuracy | {summary["accuracy"]:.3f} |
| entity macro F1 (DIET) | {summary["entity_macro_f1"] if summary["entity_macro_f1"] is not None else "n/a"} |
| intents / examples | {summary["intents"]} / {summary["examples"]} |
| NLU data hash | `{summary["nlu_data_hash"]}` |

The hash is that of what the cross-validation reads: `config.yml`, `data/nlu/` and our NLU components
(`python3 bot/scripts/training_hash.py --nlu`). Rewording an answer in `domain/` leaves it as it was.
The test `bot/tests/test_crossval_report.py` fails when it no longer matches, so change the NLU
examples and run `make bot-crossval` again before committing.

Weakest intents:

| intent | F1 |
| --- | --- |
{weakest}

`intent_report.json` and `DIETClassifier_report.json` hold the full per-intent and per-entity figures.
"""


def main(results_dir: Path, folds: int, data_hash: str) -> None:
    summary = summarise(results_dir, folds, data_hash)
    REPORTS_DIR.mkdir(exist_ok=True)
    for name in KEPT_REPORTS:
        if (results_dir / name).exists():
            shutil.copyfile(results_dir / name, REPORTS_DIR / name)
    (REPORTS_DIR / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    (REPORTS_DIR / "README.md").write_text(readme(summary))
    data_hash = summary["training_data_hash"]
    print(f"Intent macro F1 {summary['macro_f1']:.3f} over {folds} folds (training data {data_hash}).")


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else training_hash(BOT_DIR))
