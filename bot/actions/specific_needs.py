"""Conditions and kinds of provider that people name ("cancer support group", "a personal assistant").

These are searched for by their own words, so "stroke" finds stroke clubs first rather than every peer
support group. Each also belongs to a broader category: the directory may add broader listings after the
specific ones, and the assistant says they are broader.
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class SpecificNeed:
    words: str  # what the directory is searched for
    label: str  # in a sentence: "I found 3 listings for {label}"
    about: str  # "general peer support groups, not only for {about}"
    category: str  # the broader category


SPECIFIC_NEEDS: tuple[tuple[str, SpecificNeed], ...] = (
    (r"young onset|early onset", SpecificNeed("young onset dementia", "young onset dementia support",
                                              "young onset dementia", "dementia")),
    (r"cancer|macmillan|chemo", SpecificNeed("cancer", "cancer support", "cancer", "peer_support")),
    (r"stroke", SpecificNeed("stroke", "stroke support", "stroke", "peer_support")),
    (r"parkinson", SpecificNeed("parkinsons", "Parkinson's support", "Parkinson's", "peer_support")),
    (r"multiple sclerosis|\bms\b", SpecificNeed("multiple sclerosis", "MS support", "MS", "peer_support")),
    (r"motor neurone|\bmnd\b", SpecificNeed("motor neurone disease", "motor neurone disease support",
                                            "motor neurone disease", "peer_support")),
    (r"epilep", SpecificNeed("epilepsy", "epilepsy support", "epilepsy", "peer_support")),
    (r"brain injur|head injur", SpecificNeed("brain injury", "brain injury support", "brain injury",
                                             "peer_support")),
    (r"sight loss|\bblind|visually impaired|partially sighted|macular",
     SpecificNeed("sight loss", "sight loss support", "sight loss", "peer_support")),
    (r"\bdeaf|hearing loss|hard of hearing", SpecificNeed("deaf hearing loss", "support for deaf people",
                                                          "deaf people", "peer_support")),
    (r"copd|\blung|breathe easy|emphysema", SpecificNeed("lung breathe easy", "lung health support",
                                                        "lung conditions", "peer_support")),
    (r"heart failure|heart condition|cardiac", SpecificNeed("heart", "heart health support",
                                                            "heart conditions", "peer_support")),
    (r"diabet", SpecificNeed("diabetes", "diabetes support", "diabetes", "peer_support")),
    (r"arthritis", SpecificNeed("arthritis", "arthritis support", "arthritis", "peer_support")),
    (r"hearing voices", SpecificNeed("hearing voices", "hearing voices groups", "hearing voices",
                                     "mental_wellbeing")),
    (r"autis|asperger", SpecificNeed("autism", "autism support", "autism", "learning_disability")),
    (r"downs? syndrome", SpecificNeed("down syndrome", "Down syndrome support", "Down syndrome",
                                      "learning_disability")),
    (r"baby loss|miscarriage|stillbirth|child loss|lost (?:my|our) (?:baby|little)",
     SpecificNeed("baby loss child loss", "support after losing a baby or child", "losing a child",
                  "bereavement")),
    (r"companion", SpecificNeed("companionship", "companionship", "companionship", "befriending")),
    (r"personal assistant|\bpas?\b", SpecificNeed("personal assistant", "personal assistants",
                                                   "personal assistants", "personal_care")),
    (r"community hub|\bhubs?\b|drop in|community cent", SpecificNeed("community hub", "community hubs",
                                                                      "community hubs", "advice")),
    (r"mens? shed", SpecificNeed("mens shed", "men's sheds", "men's sheds", "activity_buddy")),
)  # fmt: skip
_PATTERNS = tuple((re.compile(pattern), need) for pattern, need in SPECIFIC_NEEDS)
_BY_WORDS = {need.words: need for _, need in SPECIFIC_NEEDS}


def specific_need_in(words: str) -> SpecificNeed | None:
    """The first condition or kind of provider named in the words, if any."""
    text = " ".join(re.sub(r"['\u2019]", "", words.lower()).split())
    for pattern, need in _PATTERNS:
        if pattern.search(text):
            return need
    return None


def specific_need_for(search_words: str) -> SpecificNeed | None:
    """The specific need a search remembered by its words (kept in a slot between messages)."""
    return _BY_WORDS.get(search_words)
