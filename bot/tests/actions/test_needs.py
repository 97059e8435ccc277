"""What the person asked for, read from their words: specific needs first, then everyday phrases."""

import pytest

from actions.needs import Need, need_from_words


@pytest.mark.parametrize(
    ("words", "values", "context", "need"),
    [
        ("cancer support group", ["peer_support"], "", Need("peer_support", "cancer")),
        ("", [], "my dad had a stroke", Need("peer_support", "stroke")),
        ("companionship visits", ["befriending"], "", Need("befriending", "companionship")),
        ("personal assistant", ["personal_care"], "", Need("personal_care", "personal assistant")),
        (
            "group",
            ["peer_support"],
            "i lost my baby is there a group",
            Need("bereavement", "baby loss child loss"),
        ),
        ("young onset dementia group", ["dementia"], "", Need("dementia", "young onset dementia")),
        # A condition said in passing does not replace the help asked for.
        (
            "help at home",
            ["cleaning"],
            "the wife has had a stroke and i need help at home",
            Need("cleaning", ""),
        ),
        ("sit with my wife", [], "", Need("carers_breaks", "")),
        ("xylophone lessons", [], "", Need(None, "xylophone lessons")),
    ],
)
def test_the_need_is_read_from_the_words(words, values, context, need):
    assert need_from_words(words or context, values, context=context) == need


def test_a_specific_need_is_labelled_by_what_it_is():
    assert Need("peer_support", "stroke").label == "stroke support"
    assert Need("peer_support", "").label == "peer support groups"
    assert Need(None, "xylophone lessons").label == '"xylophone lessons"'
