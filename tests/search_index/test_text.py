"""Words: stemming, synonyms, carers described without the word, typos, and text that tries to break it."""

import pytest

from tests.search_index.conftest import ids, km_from_wigan, listing, near_wigan

HERE = (km_from_wigan(east_km=1),)


@pytest.fixture
def worded_index(index):
    index.rebuild(
        [
            listing(
                "sitting",
                venues=HERE,
                name="Wigan Sitting Service",
                summary="Someone sits with your person so you get a few hours to yourself.",
            ),
            listing(
                "memory-cafe",
                venues=HERE,
                name="Memory Cafe",
                category_names=("Dementia",),
                summary="A friendly cafe for people living with dementia and the people who care for them.",
            ),
            listing(
                "befriend",
                venues=HERE,
                name="Friendly Calls",
                category_names=("Befriending",),
                summary="A weekly befriending phone call.",
            ),
            listing(
                "carers-group",
                venues=HERE,
                name="Carers Together",
                category_names=("Peer support",),
                summary="A group run by carers, for carers.",
            ),
            listing(
                "gardening",
                venues=HERE,
                name="Green Fingers",
                category_names=("Gardening",),
                summary="Lawn mowing and weeding.",
            ),
            listing(
                "shopping",
                venues=HERE,
                name="Shop and Cook",
                category_names=("Shopping and cooking",),
                summary="Help with the weekly shop.",
            ),
        ]
    )
    return index


def search_ids(index, text: str) -> list[str]:
    return ids(index.search(near_wigan(text=text)))


def test_stemming_matches_other_forms_of_a_word(worded_index):
    assert search_ids(worded_index, "gardens") == ["gardening"]


def test_respite_finds_a_sitting_service(worded_index):
    results = worded_index.search(near_wigan(text="respite"))
    assert ids(results) == ["sitting"]
    assert "sitting service" in results.expanded_terms


def test_lonely_finds_befriending(worded_index):
    assert search_ids(worded_index, "I feel lonely") == ["befriend"]


def test_memory_problems_finds_dementia_listings(worded_index):
    assert search_ids(worded_index, "memory problems") == ["memory-cafe"]


def test_carers_described_without_the_word_find_carers_listings(worded_index):
    assert "carers-group" in search_ids(worded_index, "I look after my mum")
    assert "carers-group" in search_ids(worded_index, "caring for my husband")


def test_shopping_finds_shopping_and_cooking(worded_index):
    assert search_ids(worded_index, "shopping") == ["shopping"]


def test_a_typo_finds_the_right_listings_and_suggests_the_word(worded_index):
    results = worded_index.search(near_wigan(text="demntia"))
    assert ids(results) == ["memory-cafe"]
    assert results.suggestion == "dementia"


def test_a_correct_word_gets_no_suggestion(worded_index):
    assert worded_index.search(near_wigan(text="dementia")).suggestion is None


def test_the_name_counts_more_than_the_summary(index):
    index.rebuild(
        [
            listing("in-summary", venues=HERE, name="Tuesday Club", summary="Tea, cake and gardening chat."),
            listing("in-name", venues=HERE, name="Gardening Club", summary="Tea, cake and chat."),
        ]
    )
    assert search_ids(index, "gardening") == ["in-name", "in-summary"]


def test_words_that_find_nothing_give_no_results_not_everything(worded_index):
    results = worded_index.search(near_wigan(text="zzqxj"))
    assert results.total == 0 and results.hits == []


@pytest.mark.parametrize(
    "hostile",
    [
        '"unclosed quote',
        "dementia AND (OR NOT",
        "field:value^2 ~3 *wild?",
        "'; DROP TABLE service; --",
        "<script>alert(1)</script>",
        "\x00\x01\x02\x1b[31m",
        "[a TO z] {x TO y}",
        "\\",
        "***",
        "a" * 10_000,
        "dementia " * 2_000,
        "デメンチア",
        "\u202e\ufeff",
        "",
    ],
)
def test_hostile_text_never_raises_and_is_treated_as_plain_words(worded_index, hostile):
    results = worded_index.search(near_wigan(text=hostile))
    assert results.total >= 0
    assert results.total == len(results.hits) or len(results.hits) == results.per_page


def test_syntax_characters_around_a_real_word_still_find_it(worded_index):
    assert search_ids(worded_index, '"(dementia)*"') == ["memory-cafe"]
    assert search_ids(worded_index, "<b>dementia</b>") == ["memory-cafe"]
