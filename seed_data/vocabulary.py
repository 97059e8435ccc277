"""The directory's taxonomies: types of support and who a listing is for (written to taxonomy.json)."""

from web.models import AUDIENCE_TAXONOMY, CATEGORY_TAXONOMY
from web.services.oruk_import import stable_id

CATEGORIES = {
    "shopping_cooking": ("Shopping and cooking", "Help with the weekly shop, cooking and putting food away."),
    "out_and_about": (
        "Getting out and about",
        "Someone to go with you when you go out, to the shops or to visit.",
    ),
    "meals": ("Meals", "Hot meals delivered, lunch clubs and places to eat with others."),
    "gardening": ("Gardening", "Help to keep your garden tidy and safe."),
    "cleaning": ("Cleaning", "Help with housework, laundry and keeping your home clean."),
    "activity_buddy": ("Activity buddy", "A buddy to go with you to activities, classes and clubs."),
    "money": ("Money", "Help with bills, budgets, benefits and managing money."),
    "carers_breaks": (
        "Breaks for carers",
        "Time off for carers while someone else keeps your person company.",
    ),
    "peer_support": ("Peer support", "Groups where people with the same experience help each other."),
    "bereavement": ("Bereavement", "Support after someone close to you has died."),
    "dementia": ("Dementia", "Support for people living with dementia and the people close to them."),
    "mental_wellbeing": ("Mental wellbeing", "Support to feel calmer, less alone and more in control."),
    "learning_disability": (
        "Learning disability",
        "Support and activities for people with a learning disability.",
    ),
    "physical_activity": (
        "Physical activity",
        "Ways to move more: walks, swimming, chair exercise and sport.",
    ),
    "housing_adaptations": (
        "Home repairs and adaptations",
        "Small repairs, grab rails and changes to make home safer.",
    ),
    "digital": ("Digital help", "Help to use a phone, tablet or computer and get online."),
    "befriending": ("Befriending", "A regular visit or phone call from a friendly person."),
    "personal_care": ("Personal care", "Help with washing, dressing and getting ready for the day."),
    "transport": ("Transport", "Lifts and community buses to get where you need to go."),
    "advice": ("Information and advice", "Someone to talk things through and point you to the right help."),
}

AUDIENCES = {
    "carers": ("Carers", "People who look after a family member, partner or friend."),
    "older_people": ("Older people", "People in later life."),
    "adults": ("Adults", "Anyone aged 18 or over."),
    "young_adults": ("Young adults", "People aged about 16 to 25."),
    "families": ("Families", "Parents, children and the people around them."),
    "disabled_people": ("Disabled people", "People with a physical, sensory or learning disability."),
    "people_with_dementia": (
        "People living with dementia",
        "People with a diagnosis of dementia, at any age.",
    ),
}

TAXONOMIES = {
    CATEGORY_TAXONOMY: ("categories", "The kinds of support listed in the directory.", CATEGORIES),
    AUDIENCE_TAXONOMY: ("audiences", "Who a listing is meant for.", AUDIENCES),
}


def term_id(code: str) -> str:
    """Stable id of a term: the same on every machine and every import."""
    return stable_id("taxonomy_term", code)


def taxonomy_data() -> dict:
    """Both taxonomies in ORUK shape, ready for web.services.oruk_import.import_taxonomies."""
    taxonomies, terms = [], []
    for name, (key, description, entries) in TAXONOMIES.items():
        taxonomy_id = stable_id("taxonomy", key)
        taxonomies.append({"id": taxonomy_id, "name": name, "description": description, "version": "1.0"})
        for code, (term_name, term_description) in entries.items():
            terms.append(
                {
                    "id": term_id(code),
                    "code": code,
                    "term": term_name,
                    "name": term_name,
                    "description": term_description,
                    "taxonomy": name,
                    "taxonomy_id": taxonomy_id,
                }
            )
    return {"taxonomies": taxonomies, "taxonomy_terms": terms}
