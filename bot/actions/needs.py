"""What the person asked for, in the directory's terms: a category, who it is for, a day.

The NLU model maps most needs to a category code through synonyms. A condition or a kind of provider
named in the need ("cancer support group", "companionship visits") is searched for by its own words
(specific_needs.py). Where the model only found a span of words (or none), the everyday phrases below pick
the category, so "someone to sit with my wife" still finds breaks for carers. Anything left becomes free
text for the directory's own search.
"""

import difflib
import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from .specific_needs import SpecificNeed, specific_need_for, specific_need_in

# The directory's categories (seed_data/vocabulary.py), as the assistant names them in a sentence.
CATEGORY_LABELS = {
    "shopping_cooking": "help with shopping and cooking",
    "out_and_about": "help getting out and about",
    "meals": "meals and lunch clubs",
    "gardening": "help with gardening",
    "cleaning": "help with cleaning and housework",
    "activity_buddy": "activity buddies",
    "money": "help with money",
    "carers_breaks": "breaks for carers",
    "peer_support": "peer support groups",
    "bereavement": "bereavement support",
    "dementia": "dementia support",
    "mental_wellbeing": "mental wellbeing support",
    "learning_disability": "learning disability support",
    "physical_activity": "ways to be active",
    "housing_adaptations": "home repairs and adaptations",
    "digital": "help getting online",
    "befriending": "befriending and company",
    "personal_care": "help with personal care",
    "transport": "transport",
    "advice": "information and advice",
}
AUDIENCE_LABELS = {
    "carers": "carers",
    "older_people": "older people",
    "adults": "adults",
    "young_adults": "young people",
    "families": "families",
    "disabled_people": "disabled people",
    "people_with_dementia": "people living with dementia",
}
# When nothing matches, a kind of help that often meets the same need.
RELATED_CATEGORY = {
    "carers_breaks": "befriending",
    "dementia": "peer_support",
    "shopping_cooking": "meals",
    "meals": "shopping_cooking",
    "befriending": "activity_buddy",
    "out_and_about": "activity_buddy",
    "activity_buddy": "out_and_about",
    "gardening": "housing_adaptations",
    "cleaning": "personal_care",
    "personal_care": "cleaning",
    "money": "advice",
    "peer_support": "befriending",
    "bereavement": "peer_support",
    "mental_wellbeing": "peer_support",
    "learning_disability": "activity_buddy",
    "physical_activity": "activity_buddy",
    "housing_adaptations": "advice",
    "digital": "advice",
    "transport": "out_and_about",
    "advice": "peer_support",
}

# Everyday phrases for each category, tried in order: the more specific come first. Each is the start of
# a word or words ("alzheimer" matches "alzheimers").
NEED_PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("bereavement", ("bereave", "grief", "grieving", "widow", "child loss", "lost my", "since .* died")),
    ("dementia", ("dementia", "alzheimer", "memory cafe", "memory café", "memory loss", "forgetful")),
    ("dementia", ("singing for the brain",)),
    ("transport", ("lift to", "lifts to", "transport", "community bus", "dial a ride", "driver")),
    (
        "carers_breaks",
        (
            "respite", "short break", "sitting service", "sitter", "sit with", "stay with", "mind my",
            "mind me", "break from caring", "a break", "carers break", "time to myself", "time for myself",
            "day centre", "day care", "shared lives", "so i can get out", "so i can go out",
        ),
    ),
    ("out_and_about", ("out and about", "go out with", "get out of the house", "take .* to the shops")),
    ("out_and_about", ("go with me to", "go with him to", "go with her to", "appointments")),
    ("activity_buddy", ("buddy", "go swimming with", "activities with")),
    ("meals", ("lunch club", "meals on wheels", "hot meal", "hot dinner", "meals", "eat with")),
    ("shopping_cooking", ("shopping", "groceries", "the shops", "cook")),
    ("gardening", ("garden", "grass", "lawn", "hedge")),
    ("cleaning", ("clean", "housework", "ironing", "laundry", "hoover", "help at home", "home help")),
    ("money", ("money", "bills", "benefit", "debt", "forms", "attendance allowance", "pension credit")),
    ("learning_disability", ("learning disab", "autism", "autistic", "downs syndrome", "down syndrome")),
    (
        "peer_support",
        (
            "support group", "carers group", "carers groups", "peer support", "coffee morning",
            "carers centre", "same boat", "others like me",
        ),
    ),
    ("mental_wellbeing", ("mental health", "anxiety", "anxious", "depress", "feeling low", "nerves")),
    ("mental_wellbeing", ("stress",)),
    ("physical_activity", ("exercise", "walking group", "swim", "fitness", "falls prevention")),
    ("physical_activity", ("chair based", "yoga", "tai chi")),
    ("housing_adaptations", ("grab rail", "ramp", "repair", "handyman", "adaptation", "stairlift")),
    ("housing_adaptations", ("bath lift",)),
    ("digital", ("tablet", "ipad", "computer", "get online", "internet", "smartphone", "mobile phone")),
    ("digital", ("tech",)),
    ("personal_care", ("washed", "dressed", "bath", "shower", "personal care", "get up in the morning")),
    ("befriending", ("lonely", "loneliness", "on my own", "isolated", "befriend", "someone to talk to")),
    ("befriending", ("visit", "company")),
    ("advice", ("advice", "information", "talk things through")),
)  # fmt: skip
# Words that say nothing about the kind of help, dropped before free text goes to the search.
FILLER_WORDS = frozenset(
    (
        "a", "an", "the", "and", "or", "but", "of", "for", "to", "in", "on", "at", "near", "round",
        "around", "by", "with", "from", "is", "are", "am", "was", "be", "been", "im", "i", "me",
        "my", "mine", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her", "they",
        "them", "their", "it", "its", "this", "that", "there", "theres", "any", "anything", "some",
        "something", "someone", "somebody", "anyone", "anybody", "what", "whats", "where", "wheres",
        "which", "who", "how", "can", "could", "would", "will", "do", "does", "did", "isnt", "need",
        "needs", "want", "wants", "looking", "look", "find", "search", "show", "get", "got",
        "please", "thanks", "help", "support", "hi", "hello", "hiya", "owt", "summat", "just",
        "really", "also", "like", "about", "more", "nearest", "local", "area", "mum", "mam",
        "mother", "dad", "father", "wife", "husband", "hubby", "partner", "son", "daughter", "nan",
        "nana", "gran", "grandad", "grandma", "grandpa", "kid", "kids", "brother", "sister",
        "missus", "fella", "today", "tomorrow", "weekend"
    )
)  # fmt: skip
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAY_ABBREVIATIONS = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "weds": 2, "thu": 3, "thur": 3, "thurs": 3}
DAY_ABBREVIATIONS |= {"fri": 4, "sat": 5, "sun": 6}
LOCAL_TIME = ZoneInfo("Europe/London")
_PHRASE_PATTERNS = tuple(
    (category, re.compile(r"\b(?:" + "|".join(phrases) + ")")) for category, phrases in NEED_PHRASES
)
# Single words long enough to recognise through a typo ("demntia", "respit", "bereavment").
_TYPO_TARGETS = {
    "dementia": "dementia",
    "alzheimers": "dementia",
    "respite": "carers_breaks",
    "bereavement": "bereavement",
    "befriending": "befriending",
    "gardening": "gardening",
    "gardener": "gardening",
    "shopping": "shopping_cooking",
    "cleaning": "cleaning",
    "housework": "cleaning",
    "exercise": "physical_activity",
    "loneliness": "befriending",
}


@dataclass(frozen=True)
class Need:
    category: str | None  # a category code: what to search, or the broader category of a specific need
    text: str  # words to search for: a specific need's words, or free text when there is no category

    @property
    def is_known(self) -> bool:
        return bool(self.category or self.text)

    @property
    def specific(self) -> SpecificNeed | None:
        return specific_need_for(self.text)

    @property
    def label(self) -> str:
        if self.specific:
            return self.specific.label
        if self.category:
            return CATEGORY_LABELS[self.category]
        return f'"{self.text}"'


def need_from_words(words: str, entity_values: list[str], context: str = "") -> Need:
    """The need from the NLU's entity values (category codes when it knew them) and the describing words.

    A condition or kind of provider in the words is searched for itself. One named only in the rest of the
    message (the context: "my dad had a stroke, is there a group") counts too, unless the words ask for a
    different kind of help ("the wife had a stroke and needs help at home" is a search for help at home).
    """
    named = [value for value in entity_values if value in CATEGORY_LABELS]
    category = named[0] if named else category_for(words)
    specific = specific_need_in(words)
    if specific is None and context:
        in_context = specific_need_in(context)
        if in_context and category in (None, in_context.category, "peer_support"):
            specific = in_context
    if specific:
        return Need(category=specific.category, text=specific.words)
    if category:
        return Need(category=category, text="")
    return Need(category=None, text=search_words(words))


def category_for(words: str) -> str | None:
    text = " ".join(re.sub(r"['\u2019]", "", words.lower()).split())
    for category, pattern in _PHRASE_PATTERNS:
        if pattern.search(text):
            return category
    for word in re.findall(r"[a-z]{6,}", text):
        close = difflib.get_close_matches(word, _TYPO_TARGETS, n=1, cutoff=0.84)
        if close:
            return _TYPO_TARGETS[close[0]]
    return None


def search_words(words: str) -> str:
    kept = [word for word in re.findall(r"[a-z0-9]+", words.lower()) if word not in FILLER_WORDS]
    return " ".join(kept)


def audience_code(value: str | None) -> str | None:
    """An audience code the directory knows, or None (an unknown audience must not filter results out)."""
    if not value:
        return None
    code = value.strip().lower().replace(" ", "_")
    return code if code in AUDIENCE_LABELS else None


def day_name(value: str | None, now: datetime | None = None) -> str | None:
    """monday .. sunday from what was said ("tues", "Saturdays", "tomorrow", "weekend"), else None."""
    if not value:
        return None
    word = value.strip().lower()
    today = (now or datetime.now(LOCAL_TIME)).weekday()
    if word == "today":
        return DAYS[today]
    if word == "tomorrow":
        return DAYS[(today + 1) % 7]
    if word.startswith("weekend"):
        # One day per search: Saturday first, as most weekend sessions are on a Saturday.
        return "saturday"
    word = word.removesuffix("s") if word.endswith("days") else word
    if word in DAYS:
        return word
    index = DAY_ABBREVIATIONS.get(word)
    return DAYS[index] if index is not None else None
