"""Curated synonyms for the directory's search, kept as plain data so officers can review them.

Each group lists the phrases people type (`phrases`), the words listings use for the same need
(`expands_to`) and, for a specific need such as a condition, wider needs that may still help (`broader`).
When a query contains any phrase of a group, the query also looks for every entry of `expands_to`, weighted
below the person's own words, and then of `broader`: listings found only through `broader` come after every
direct match and are labelled "not specific to <label>". Never put a whole category in `expands_to` for a
specific need: "stroke" must not find every peer support group as if it were about stroke. Phrases are
matched on whole words after lower-casing and dropping apostrophes, so "carer's break" and "carers break"
are the same phrase.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class SynonymGroup:
    phrases: tuple[str, ...]
    expands_to: tuple[str, ...]
    broader: tuple[str, ...] = ()
    label: str = ""  # how to name the need in "not specific to ...", when not the person's own word
    qualifier: bool = False  # says who the help is for, not what it is: left out first when nothing matches


def condition(label: str, phrases: tuple[str, ...], same: tuple[str, ...], *broader: str) -> SynonymGroup:
    """A health condition or impairment: listings about it first, then general support labelled as such."""
    return SynonymGroup(phrases, same, broader or LONG_TERM_CONDITIONS, label)


# What may still help someone with a condition that has no group of its own nearby.
LONG_TERM_CONDITIONS = ("long term condition", "long term conditions", "long term health condition")


SYNONYM_GROUPS: tuple[SynonymGroup, ...] = (
    # Breaks for carers go by many names; all of them mean someone else takes over for a while.
    SynonymGroup(
        phrases=(
            "respite",
            "short break",
            "short breaks",
            "sitting service",
            "carers break",
            "carers breaks",
            "time off caring",
            "a break from caring",
            "break from caring",
            "sitter",
            "sit with",
        ),
        expands_to=("respite", "short break", "sitting service", "carers break", "sitter", "sit with"),
    ),
    SynonymGroup(
        phrases=("lonely", "loneliness", "isolated", "isolation", "on my own", "no one to talk to", "alone"),
        expands_to=("befriending", "companionship", "companion", "friendship", "company", "lunch club"),
        broader=("social", "coffee morning"),
        label="loneliness",
    ),
    SynonymGroup(
        phrases=("befriending", "befriender", "companionship", "companion", "company", "someone to talk to"),
        expands_to=("befriending", "companionship", "companion", "friendly visits", "friendship"),
    ),
    SynonymGroup(
        phrases=(
            "someone to visit",
            "visit",
            "visits",
            "visiting",
            "visitor",
            "pop in",
            "call in",
            "check on",
            "check in on",
            "keep an eye on",
        ),
        expands_to=("befriending", "companionship", "companion", "friendly visits"),
        label="visits",
    ),
    # Many carers never call themselves carers: recognise what they describe.
    SynonymGroup(
        phrases=(
            "look after my mum",
            "look after my dad",
            "looking after my mum",
            "looking after my dad",
            "look after my mother",
            "look after my father",
            "caring for my husband",
            "caring for my wife",
            "caring for my mum",
            "caring for my dad",
            "caring for my son",
            "caring for my daughter",
            "look after my husband",
            "look after my wife",
            "looking after my husband",
            "looking after my wife",
            "im his wife",
            "im her husband",
            "i care for",
            "unpaid carer",
        ),
        expands_to=("carers", "carer", "carers support", "carers group"),
        label="carers",
    ),
    SynonymGroup(
        phrases=("young carer", "young carers"),
        expands_to=("young carers",),
        broader=("carers",),
        label="young carers",
    ),
    SynonymGroup(
        phrases=(
            "my wife has dementia",
            "my husband has dementia",
            "my mum has dementia",
            "my dad has dementia",
            "my partner has dementia",
        ),
        expands_to=("dementia", "memory"),
        broader=("carers",),
        label="dementia",
    ),
    SynonymGroup(
        phrases=(
            "memory problems",
            "memory loss",
            "memory cafe",
            "memory",
            "forgetful",
            "forgetting things",
            "alzheimers",
            "alzheimer",
            "confused",
            "confusion",
        ),
        expands_to=("dementia", "memory", "memory cafe"),
        label="dementia",
    ),
    SynonymGroup(
        phrases=("dementia",),
        expands_to=("memory", "alzheimers"),
    ),
    SynonymGroup(
        phrases=("shopping", "groceries", "food shop", "supermarket", "weekly shop"),
        expands_to=("shopping", "shopping and cooking", "errands"),
    ),
    SynonymGroup(
        phrases=("cooking", "cook", "make meals", "prepare meals", "meal preparation"),
        expands_to=("cooking", "shopping and cooking", "meals"),
    ),
    SynonymGroup(
        phrases=("meals", "meal", "hot meal", "dinner", "lunch", "meals on wheels", "food delivery"),
        expands_to=("meals", "meal delivery", "lunch club", "hot meals"),
    ),
    SynonymGroup(
        phrases=("out and about", "get out", "going out", "go out", "trips out", "accompany", "escort"),
        expands_to=("out and about", "accompany", "activity buddy", "outings", "days out"),
    ),
    SynonymGroup(
        phrases=("buddy", "activity buddy", "someone to go with"),
        expands_to=("buddy", "activity buddy", "accompany", "out and about"),
    ),
    SynonymGroup(
        phrases=("garden", "gardening", "gardener", "lawn", "grass cutting", "hedge", "weeding"),
        expands_to=("gardening", "garden", "lawn"),
    ),
    SynonymGroup(
        phrases=(
            "cleaning",
            "cleaner",
            "housework",
            "tidy",
            "hoovering",
            "ironing",
            "laundry",
            "around the house",
            "in the house",
            "jobs around the house",
        ),
        expands_to=("cleaning", "housework", "domestic help"),
    ),
    SynonymGroup(
        phrases=("money", "debt", "debts", "bills", "benefits", "budgeting", "money management", "pension"),
        expands_to=("money", "money advice", "benefits advice", "debt advice", "budgeting", "bills"),
    ),
    SynonymGroup(
        phrases=(
            "peer support",
            "support group",
            "people like me",
            "others in the same situation",
            "self help group",
        ),
        expands_to=("peer support", "support group"),
    ),
    SynonymGroup(
        phrases=(
            "bereavement",
            "bereaved",
            "grief",
            "grieving",
            "lost my",
            "passed away",
            "died",
            "death",
            "widow",
            "widowed",
        ),
        expands_to=("bereavement", "grief", "died"),
        label="bereavement",
    ),
    SynonymGroup(
        phrases=("baby loss", "miscarriage", "stillbirth", "lost a baby", "lost our baby"),
        expands_to=("baby loss", "miscarriage", "stillbirth"),
        broader=("bereavement",),
        label="baby loss",
    ),
    SynonymGroup(
        phrases=(
            "mental health",
            "mental wellbeing",
            "anxiety",
            "anxious",
            "depression",
            "depressed",
            "low mood",
            "feeling low",
            "feeling down",
            "stress",
            "stressed",
            "wellbeing",
        ),
        expands_to=("mental wellbeing", "wellbeing", "mental health", "low mood", "anxiety"),
    ),
    # Conditions: listings about the condition first; general support for long-term conditions after.
    condition(
        "stroke",
        ("stroke", "strokes", "mini stroke", "had a stroke", "tia", "aphasia"),
        ("stroke", "aphasia"),
    ),
    condition(
        "cancer",
        ("cancer", "tumour", "chemo", "chemotherapy", "leukaemia", "lymphoma", "radiotherapy"),
        ("cancer",),
    ),
    condition("Parkinson's", ("parkinsons", "parkinson", "parkinsons disease"), ("parkinsons",)),
    condition("multiple sclerosis", ("ms", "multiple sclerosis"), ("multiple sclerosis",)),
    condition(
        "motor neurone disease",
        ("motor neurone disease", "motor neuron disease", "motor neurone", "mnd"),
        ("motor neurone disease", "mnd"),
    ),
    condition(
        "hearing voices",
        ("hearing voices", "hear voices", "hearing things", "voices"),
        ("hearing voices", "hear voices"),
        "mental health",
        "mental wellbeing",
    ),
    condition(
        "sight loss",
        (
            "sight loss",
            "losing my sight",
            "losing his sight",
            "losing her sight",
            "blind",
            "blindness",
            "partially sighted",
            "visually impaired",
            "visual impairment",
            "macular degeneration",
            "glaucoma",
            "eyesight",
            "low vision",
        ),
        ("sight loss", "blind", "partially sighted", "visual impairment", "visually impaired"),
    ),
    condition(
        "deafness",
        (
            "deaf",
            "deafness",
            "hard of hearing",
            "hearing loss",
            "losing my hearing",
            "sign language",
            "bsl",
            "hearing aid",
            "hearing aids",
            "tinnitus",
        ),
        ("deaf", "hard of hearing", "hearing loss", "bsl", "sign language"),
    ),
    condition(
        "brain injury",
        ("brain injury", "head injury", "acquired brain injury", "abi", "brain damage"),
        ("brain injury", "head injury"),
    ),
    condition("diabetes", ("diabetes", "diabetic"), ("diabetes", "diabetic")),
    condition(
        "lung conditions",
        (
            "copd",
            "emphysema",
            "breathing problems",
            "breathing",
            "breathless",
            "breathlessness",
            "lung condition",
            "lung disease",
            "asthma",
            "bronchitis",
        ),
        ("copd", "breathing", "lung"),
    ),
    condition("arthritis", ("arthritis", "rheumatoid", "joint pain"), ("arthritis",)),
    condition("epilepsy", ("epilepsy", "epileptic", "seizures"), ("epilepsy",)),
    condition(
        "heart conditions", ("heart condition", "heart failure", "heart attack", "cardiac"), ("heart",)
    ),
    condition(
        "mental health",
        ("bipolar", "schizophrenia", "psychosis", "ocd", "ptsd", "eating disorder", "personality disorder"),
        ("mental health",),
        "mental wellbeing",
        "wellbeing",
    ),
    condition(
        "autism",
        ("autism", "autistic", "asd", "aspergers", "asperger"),
        ("autism", "autistic"),
        "learning disability",
        "learning disabilities",
        "parent carers",
    ),
    SynonymGroup(
        phrases=(
            "learning disability",
            "learning disabilities",
            "learning difficulty",
            "learning difficulties",
            "down syndrome",
            "downs syndrome",
        ),
        expands_to=("learning disability", "learning disabilities", "learning difficulties"),
        label="learning disability",
    ),
    SynonymGroup(
        phrases=("exercise", "keep fit", "fitness", "physical activity", "chair exercise", "exercise class"),
        expands_to=("physical activity", "exercise", "walks", "swimming", "keep fit"),
    ),
    # A particular activity: that activity first, other ways to keep active after.
    SynonymGroup(
        phrases=("walking", "walks", "walk", "rambling", "health walks"),
        expands_to=("walks", "walking"),
        broader=("physical activity", "exercise"),
        label="walking",
    ),
    SynonymGroup(
        phrases=("swimming", "swim", "swimming pool", "aqua aerobics"),
        expands_to=("swimming", "swim"),
        broader=("physical activity", "exercise"),
        label="swimming",
    ),
    SynonymGroup(
        phrases=("tai chi", "yoga", "pilates", "dance", "dancing", "zumba"),
        expands_to=("exercise", "exercise to music"),
        broader=("physical activity",),
    ),
    SynonymGroup(
        phrases=(
            "adaptations",
            "home adaptations",
            "grab rails",
            "grab rail",
            "handrail",
            "stairlift",
            "ramp",
            "home repairs",
            "repairs",
            "handyman",
            "handyperson",
            "odd jobs",
            "falls",
        ),
        expands_to=("housing adaptations", "adaptations", "home repairs", "handyperson", "repairs"),
    ),
    SynonymGroup(
        phrases=(
            "computer",
            "internet",
            "tablet",
            "ipad",
            "smartphone",
            "my phone",
            "mobile phone",
            "email",
            "video call",
            "zoom",
            "digital",
            "get online",
            "go online",
        ),
        expands_to=("digital", "digital support", "tech champions", "computer", "tablet"),
    ),
    SynonymGroup(
        phrases=(
            "personal care",
            "washing",
            "bathing",
            "dressing",
            "getting dressed",
            "washed and dressed",
            "help to wash",
            "shower",
            "toileting",
        ),
        expands_to=("personal care", "washing and dressing"),
    ),
    SynonymGroup(
        phrases=(
            "transport",
            "lift",
            "lifts",
            "driver",
            "taxi",
            "minibus",
            "hospital appointment",
            "community transport",
            "dial a ride",
            "get to appointments",
        ),
        expands_to=("transport", "community transport", "lifts"),
    ),
    SynonymGroup(
        phrases=("advice", "information", "guidance", "who can help", "where do i start", "signposting"),
        expands_to=("advice", "information", "signposting"),
    ),
    SynonymGroup(
        phrases=("drop in", "drop-in", "community centre", "hub", "cafe", "coffee morning"),
        expands_to=("drop in", "community hub", "cafe", "community centre"),
    ),
    SynonymGroup(
        phrases=(
            "older people",
            "elderly",
            "old age",
            "pensioner",
            "pensioners",
            "senior",
            "seniors",
            "over 60s",
            "over 65s",
        ),
        expands_to=("older people", "older adults", "60 or over"),
        qualifier=True,
    ),
    SynonymGroup(
        phrases=("direct payment", "direct payments", "personal budget", "dp"),
        expands_to=("direct payment", "direct payments", "personal budget"),
    ),
    SynonymGroup(
        phrases=("personal assistant", "pa", "support worker", "home help", "help at home", "carer to visit"),
        expands_to=("personal assistant", "home help", "support worker", "micro provider"),
    ),
)
