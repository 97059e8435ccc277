"""Every knowledge answer stays easy to read and every figure in it has a source.

Standard library only, so it runs under either virtualenv:
    pytest bot/tests/test_knowledge_readability.py

Readability is the Flesch-Kincaid grade level:
    0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59
A grade of 6 or below suits a reading age of about 9 to 11. Links are left out of the count.

A figure is any number written in digits (or a number word from "three" up, which must be written in
digits so this check can see it). Each figure must appear in a row of the "Figures and their sources"
table in bot/KNOWLEDGE.md that names the same response.
"""

import re
from pathlib import Path

import pytest

BOT_DIR = Path(__file__).resolve().parent.parent
KNOWLEDGE_DOMAIN = BOT_DIR / "domain" / "knowledge.yml"
KNOWLEDGE_GUIDE = BOT_DIR / "KNOWLEDGE.md"
MAX_GRADE = 6.0
MAX_SENTENCES = 6

URL = re.compile(r"https?://\S+")
FIGURE = re.compile(r"£?\d[\d,]*(?:\.\d+)?")
NUMBER_WORDS = re.compile(
    r"\b(three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand"
    r"|million)\b",
    re.IGNORECASE,
)
RESPONSE_KEY = re.compile(r"^  (utter_\w+):\s*$")
TEXT_BLOCK = re.compile(r"^    - text: [>|]-?\s*$")
TEXT_QUOTED = re.compile(r'^    - text: "(.*)"\s*$')


def read_responses(domain_text: str) -> dict[str, list[str]]:
    """The response texts under `responses:`, by name.

    The knowledge domain keeps one simple shape on purpose (a folded `>-` block or a double-quoted line per
    text), so a few lines of parsing are enough and anything else fails loudly instead of being skipped.
    """
    responses: dict[str, list[str]] = {}
    lines = domain_text.splitlines()
    in_responses = False
    current: str | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith(" "):
            in_responses = line.rstrip() == "responses:"
            current = None
            continue
        if not in_responses:
            continue
        if key := RESPONSE_KEY.match(line):
            current = key.group(1)
            responses[current] = []
            continue
        if current is None:
            raise ValueError(f"Unexpected line under responses: {line!r}")
        if quoted := TEXT_QUOTED.match(line):
            responses[current].append(quoted.group(1).replace('\\"', '"'))
            continue
        if TEXT_BLOCK.match(line):
            paragraphs: list[list[str]] = [[]]
            while index < len(lines) and (lines[index].startswith("        ") or not lines[index].strip()):
                if lines[index].strip():
                    paragraphs[-1].append(lines[index].strip())
                else:
                    paragraphs.append([])
                index += 1
            responses[current].append("\n".join(" ".join(p) for p in paragraphs if p))
            continue
        if line.startswith("      "):
            # Extra keys of a response (buttons, metadata) carry no prose to check.
            continue
        raise ValueError(f"Unexpected line under {current}: {line!r}")
    return responses


def count_syllables(word: str) -> int:
    """Vowel groups, corrected for silent and split vowels: the usual approximation readability tools use."""
    word = word.lower().replace("\u2019", "'").split("'")[0]
    if len(word) <= 3:
        return 1
    count = len(re.findall(r"[aeiouy]+", word))
    # Vowel pairs said as two sounds: li-a-bil-i-ty, in-di-vid-u-al, ra-di-o (but not so-cial, ac-tion).
    count += len(re.findall(r"(?<![cstgx])ia|ua|(?<![cstgx])io", word))
    # A silent e inside a compound: state-ment, some-one, safe-ly.
    count -= len(re.findall(r"[^aeiouy]e(?=(?:ment|ful|ly|ness|thing|times?|where)$)", word))
    if word.endswith("e") and not re.search(r"([^aeiouy](le|re)|ee|ye)$", word):
        count -= 1
    if word.endswith(("es", "ed")) and not word.endswith(("ses", "zes", "ches", "shes", "ges", "ted", "ded")):
        count -= 1
    return max(count, 1)


def split_sentences(text: str) -> list[str]:
    """Sentences end at . ! ? or a line break (each line of a list reads as its own sentence)."""
    text = URL.sub("", text)
    parts = re.split(r"(?<=[.!?])\s+|\n+", text)
    return [part for part in parts if re.search(r"[A-Za-z]", part)]


def words_in(text: str) -> list[str]:
    text = URL.sub("", text)
    # Initialisms such as DBS, CQC and GOV.UK stay whole, so each is read as one familiar word.
    return re.findall(r"[A-Za-z][A-Za-z'\u2019.]*[A-Za-z]|[A-Za-z]|\d[\d,.]*", text)


def flesch_kincaid_grade(text: str) -> float:
    sentences = split_sentences(text)
    words = words_in(text)
    if not sentences or not words:
        raise ValueError("No words to measure")
    syllables = sum(count_syllables(w.strip(".'\u2019")) if not w.isupper() else 1 for w in words)
    return 0.39 * len(words) / len(sentences) + 11.8 * syllables / len(words) - 15.59


def figures_in(text: str) -> list[str]:
    return FIGURE.findall(URL.sub("", text))


def sourced_figures(guide_text: str) -> dict[str, str]:
    """Response name -> the rest of its rows in the "Figures and their sources" table, joined."""
    section = guide_text.split("## Figures and their sources", 1)
    if len(section) < 2:
        return {}
    rows: dict[str, str] = {}
    for line in section[1].splitlines():
        if line.startswith("## "):
            break
        cells = [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 4 and cells[0].startswith("utter_"):
            rows[cells[0]] = rows.get(cells[0], "") + " | " + " | ".join(cells[1:])
    return rows


RESPONSES = read_responses(KNOWLEDGE_DOMAIN.read_text(encoding="utf-8"))
TEXTS = [(name, text) for name, texts in RESPONSES.items() for text in texts]


def test_every_response_has_text() -> None:
    assert RESPONSES, "No responses found in bot/domain/knowledge.yml"
    empty = [name for name, texts in RESPONSES.items() if not texts]
    assert not empty, f"Responses with no text: {empty}"


@pytest.mark.parametrize(("name", "text"), TEXTS, ids=[name for name, _ in TEXTS])
def test_answer_reads_at_grade_6_or_below(name: str, text: str) -> None:
    grade = flesch_kincaid_grade(text)
    assert grade <= MAX_GRADE, f"{name} reads at grade {grade:.1f}; shorten sentences or use shorter words"


@pytest.mark.parametrize(("name", "text"), TEXTS, ids=[name for name, _ in TEXTS])
def test_answer_is_short(name: str, text: str) -> None:
    assert len(split_sentences(text)) <= MAX_SENTENCES, f"{name} is longer than {MAX_SENTENCES} sentences"


@pytest.mark.parametrize(("name", "text"), TEXTS, ids=[name for name, _ in TEXTS])
def test_every_figure_has_a_source_note(name: str, text: str) -> None:
    spelled = NUMBER_WORDS.findall(URL.sub("", text))
    assert not spelled, f"{name}: write {spelled} in digits so its source can be checked"
    sources = sourced_figures(KNOWLEDGE_GUIDE.read_text(encoding="utf-8"))
    missing = [figure for figure in figures_in(text) if figure not in sources.get(name, "")]
    assert not missing, f"{name} mentions {missing} with no row in KNOWLEDGE.md's figures table"


def test_every_answer_is_listed_in_the_guide() -> None:
    guide = KNOWLEDGE_GUIDE.read_text(encoding="utf-8")
    unlisted = [name for name in RESPONSES if name not in guide]
    assert not unlisted, f"Add these answers to bot/KNOWLEDGE.md with their sources: {unlisted}"


def test_answers_do_not_hard_code_a_council_phone_number() -> None:
    # The site shows the council's number from its settings; a number typed into an answer goes stale.
    phone = re.compile(r"\b0\d{2,4}[ -]?\d{3,4}[ -]?\d{3,4}\b")
    hard_coded = [name for name, text in TEXTS if phone.search(text)]
    assert not hard_coded, f"Say 'call the council' instead of a number in: {hard_coded}"


@pytest.mark.parametrize(
    ("text", "easy"),
    [
        ("The cat sat on the mat. It was warm.", True),
        (
            "Notwithstanding the aforementioned considerations, individualised commissioning "
            "arrangements necessitate comprehensive organisational accountability.",
            False,
        ),
    ],
)
def test_grade_tells_plain_words_from_jargon(text: str, easy: bool) -> None:
    assert (flesch_kincaid_grade(text) <= MAX_GRADE) is easy


def test_figures_are_found_and_matched_to_their_response() -> None:
    guide = (
        "## Figures and their sources\n| Answer | Figure | Source | Checked |\n|---|---|---|---|\n"
        "| utter_a | 35 hours | GOV.UK | 2026-11-22 |\n"
    )
    sources = sourced_figures(guide)
    assert figures_in("at least 35 hours, from £1,000") == ["35", "£1,000"]
    assert "35" in sources["utter_a"]
    assert "utter_b" not in sources
