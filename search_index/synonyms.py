"""Curated synonyms for the directory's search, kept as plain data so officers can review them.

Each group lists the phrases people type (`phrases`) and the words listings use for the same need
(`expands_to`). When a query contains any phrase of a group, the query also looks for every entry of
`expands_to`, weighted below the person's own words. Phrases are matched on whole words after lower-casing
and dropping apostrophes, so "carer's break" and "carers break" are the same phrase.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class SynonymGroup:
    phrases: tuple[str, ...]
    expands_to: tuple[str, ...]


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
            "sitter",
        ),
        expands_to=("respite", "short break", "sitting service", "carers break", "sitter"),
    ),
    SynonymGroup(
        phrases=("lonely", "loneliness", "isolated", "isolation", "on my own", "no one to talk to", "alone"),
        expands_to=("befriending", "companionship", "friendship", "social", "lunch club", "coffee morning"),
    ),
    SynonymGroup(
        phrases=("befriending", "befriender", "companionship", "companion", "company", "someone to talk to"),
        expands_to=("befriending", "companionship", "companion", "visiting", "friendship"),
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
            "young carer",
        ),
        expands_to=("carers", "carer", "carers support", "carers group"),
    ),
    SynonymGroup(
        phrases=(
            "my wife has dementia",
            "my husband has dementia",
            "my mum has dementia",
            "my dad has dementia",
            "my partner has dementia",
        ),
        expands_to=("carers", "dementia", "memory"),
    ),
    SynonymGroup(
        phrases=(
            "memory problems",
            "memory loss",
            "forgetful",
            "forgetting things",
            "alzheimers",
            "alzheimer",
            "confused",
            "confusion",
        ),
        expands_to=("dementia", "memory", "memory cafe"),
    ),
    SynonymGroup(
        phrases=("dementia",),
        expands_to=("memory", "alzheimers"),
    ),
    SynonymGroup(
        phrases=("shopping", "groceries", "food shop", "supermarket"),
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
        phrases=("out and about", "get out", "going out", "trips out", "accompany", "escort"),
        expands_to=("out and about", "accompany", "activity buddy", "outings"),
    ),
    SynonymGroup(
        phrases=("buddy", "activity buddy", "someone to go with"),
        expands_to=("buddy", "activity buddy", "accompany", "out and about"),
    ),
    SynonymGroup(
        phrases=("garden", "gardening", "lawn", "grass cutting", "hedge", "weeding"),
        expands_to=("gardening", "garden", "lawn"),
    ),
    SynonymGroup(
        phrases=("cleaning", "cleaner", "housework", "tidy", "hoovering", "ironing", "laundry"),
        expands_to=("cleaning", "housework", "domestic help"),
    ),
    SynonymGroup(
        phrases=("money", "debt", "bills", "benefits", "budgeting", "money management", "pension"),
        expands_to=("money", "money advice", "benefits advice", "debt advice", "budgeting"),
    ),
    SynonymGroup(
        phrases=(
            "peer support",
            "support group",
            "people like me",
            "others in the same situation",
            "self help group",
        ),
        expands_to=("peer support", "support group", "run by carers"),
    ),
    SynonymGroup(
        phrases=("bereavement", "bereaved", "grief", "grieving", "loss", "lost my", "died", "death"),
        expands_to=("bereavement", "grief", "loss"),
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
            "stress",
            "stressed",
            "wellbeing",
        ),
        expands_to=("mental wellbeing", "wellbeing", "mental health", "low mood", "anxiety"),
    ),
    SynonymGroup(
        phrases=(
            "learning disability",
            "learning disabilities",
            "learning difficulty",
            "autism",
            "autistic",
            "down syndrome",
        ),
        expands_to=("learning disability", "learning disabilities", "autism"),
    ),
    SynonymGroup(
        phrases=(
            "exercise",
            "keep fit",
            "fitness",
            "physical activity",
            "walking",
            "walks",
            "swimming",
            "chair exercise",
            "tai chi",
            "yoga",
        ),
        expands_to=("physical activity", "exercise", "walking", "swimming", "keep fit"),
    ),
    SynonymGroup(
        phrases=(
            "adaptations",
            "home adaptations",
            "grab rails",
            "handrail",
            "stairlift",
            "ramp",
            "home repairs",
            "handyman",
            "odd jobs",
            "falls",
        ),
        expands_to=("housing adaptations", "adaptations", "home repairs", "handyperson"),
    ),
    SynonymGroup(
        phrases=(
            "computer",
            "internet",
            "online",
            "tablet",
            "ipad",
            "smartphone",
            "email",
            "video call",
            "zoom",
            "digital",
            "get online",
        ),
        expands_to=("digital", "digital support", "tech champions", "computer"),
    ),
    SynonymGroup(
        phrases=(
            "personal care",
            "washing",
            "bathing",
            "dressing",
            "getting dressed",
            "help to wash",
            "shower",
            "toileting",
        ),
        expands_to=("personal care", "washing and dressing", "home care"),
    ),
    SynonymGroup(
        phrases=(
            "transport",
            "lift",
            "lifts",
            "driver",
            "taxi",
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
        expands_to=("older people", "older adults"),
    ),
    SynonymGroup(
        phrases=("deaf", "hard of hearing", "hearing loss", "sign language", "bsl"),
        expands_to=("deaf", "bsl", "hearing loop", "sign language"),
    ),
    SynonymGroup(
        phrases=("stroke", "parkinsons", "ms", "multiple sclerosis", "long term condition"),
        expands_to=("long term condition", "stroke", "peer support"),
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
