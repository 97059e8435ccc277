"""The safety net: a fixed list of danger phrases, checked the same way every time.

The NLU model can misread a message; this cannot. Rasa runs it after its intent classifier (see
component.py) and the web app runs it on every chat message before forwarding it, so someone in danger
gets emergency contacts even when the assistant is down. Standard library only, for both callers.

The phrases live in phrases.json so they can be reviewed without reading code. A message is compared
after normalising (lower case, apostrophes dropped, punctuation as spaces) and after fixing one-letter
typos in a short list of key words ("suicde" -> "suicide"). "Not danger" phrases such as "suicide
bereavement group" or "falls prevention class" are blanked out before the danger phrases are looked for.
A pattern may name a group of words, like <person> for "mum", "carer" or "grandson", so the many ways
of naming someone are written once.
"""

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PHRASES_FILE = Path(__file__).resolve().parent / "phrases.json"
# Longer messages are cut: the check stays quick whatever is pasted in, and danger is rarely said late.
MAX_CHECKED_CHARACTERS = 2000
_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc`]")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_GROUP_NAME = re.compile(r"<([a-z_]+)>")


@dataclass(frozen=True)
class SafetyMatch:
    category: str  # "medical_emergency", "suicide", "self_harm", "abuse", "neglect", "danger", "safeguarding"
    matched_text: str  # the normalised words that matched, for logs and tests (never shown to the person)


@dataclass(frozen=True)
class _Phrases:
    danger: tuple[tuple[str, re.Pattern[str]], ...]
    not_danger: tuple[re.Pattern[str], ...]
    known_words: frozenset[str]
    typo_targets: tuple[str, ...]


def check_message(text: str) -> SafetyMatch | None:
    """The first danger phrase in the message, or None when it reads as an ordinary question."""
    phrases = _phrases()
    words = normalise(text[:MAX_CHECKED_CHARACTERS]).split()
    checked = " ".join(_fix_typo(word, phrases) for word in words)
    for pattern in phrases.not_danger:
        checked = pattern.sub(" | ", checked)
    for category, pattern in phrases.danger:
        found = pattern.search(checked)
        if found:
            return SafetyMatch(category=category, matched_text=found.group(0).strip())
    return None


def normalise(text: str) -> str:
    """Lower case, apostrophes dropped ("he's" -> "hes"), anything but letters and digits as one space."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return _NOT_WORD.sub(" ", _APOSTROPHES.sub("", folded)).strip()


def _fix_typo(word: str, phrases: _Phrases) -> str:
    """A key word one slip away ("breathng", "suicdie") becomes that word; every other word stays."""
    if len(word) < 5 or word in phrases.known_words:
        return word
    for target in phrases.typo_targets:
        if abs(len(target) - len(word)) <= 1 and within_one_edit(word, target):
            return target
    return word


def within_one_edit(word: str, target: str) -> bool:
    """True when one insertion, deletion, substitution or swap of neighbours turns word into target."""
    if len(word) == len(target):
        differences = [i for i, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
        if len(differences) <= 1:
            return True
        first, second = differences[0], differences[-1]
        return (
            len(differences) == 2
            and second == first + 1
            and word[first] == target[second]
            and word[second] == target[first]
        )
    shorter, longer = sorted((word, target), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


@lru_cache(maxsize=1)
def _phrases() -> _Phrases:
    data = json.loads(PHRASES_FILE.read_text(encoding="utf-8"))
    groups = data["groups"]
    categories = {
        category: [expand_groups(pattern, groups) for pattern in patterns]
        for category, patterns in data["categories"].items()
    }
    not_danger = [expand_groups(pattern, groups) for pattern in data["not_danger"]]
    danger = tuple(
        (category, _whole_words(pattern)) for category, patterns in categories.items() for pattern in patterns
    )
    every_pattern = [pattern for patterns in categories.values() for pattern in patterns] + not_danger
    known_words = frozenset(word for pattern in every_pattern for word in re.findall(r"[a-z]+", pattern))
    return _Phrases(
        danger=danger,
        not_danger=tuple(_whole_words(pattern) for pattern in not_danger),
        known_words=known_words | frozenset(data["typo_words"]),
        typo_targets=tuple(data["typo_words"]),
    )


def expand_groups(pattern: str, groups: dict[str, str]) -> str:
    """The pattern with each <name> replaced by that group's alternatives; an unknown name is an error."""

    def alternatives(found: re.Match[str]) -> str:
        name = found.group(1)
        if name not in groups:
            raise ValueError(f"{PHRASES_FILE.name}: no group called <{name}> (in {pattern!r})")
        return f"(?:{expand_groups(groups[name], groups)})"

    return _GROUP_NAME.sub(alternatives, pattern)


def _whole_words(pattern: str) -> re.Pattern[str]:
    # Patterns are written with single spaces; a blanked-out exception leaves " | ", never a space run.
    return re.compile(rf"\b(?:{pattern})\b")
