"""The safety net: fires on danger however it is typed, and stays quiet on ordinary questions."""

import pytest

from safety.net import check_message, expand_groups, normalise

DANGER = {
    "medical_emergency": [
        "he's not breathing",
        "HES NOT BREATHING!!!",
        "hes not breathng",
        "my dad isnt breathing properly",
        "she's stopped breathing",
        "I can't breathe",
        "my dad has chest pain",
        "chest pains since this morning",
        "pain in his chest",
        "I think he's having a heart attack",
        "i think shes having a stroke",
        "her face has dropped on one side",
        "he won't wake up",
        "mum's unconscious",
        "mum has collapsed",
        "she took all her tablets",
        "he's taken too many pills",
        "my son overdosed",
        "bleeding heavily from his leg",
        "nan fell and cant get up",
        "me mam's fallen n cant get up",
        "he is choking",
        "call an ambulance",
        "it's an emergency",
        "she's having a seizure",
        "his lips have gone blue",
        "mum's collapsed",
        "i need help urgently someone is hurt",
        "emergency",
    ],
    "suicide": [
        "I want to end it all",
        "i want to end it al",
        "i want to kill myself",
        "im going to kill myslef",
        "feeling suicidal",
        "sucidal",
        "i dont want to live anymore",
        "I don't want to be here any more",
        "everyone would be better off without me",
        "i want to die",
        "i cant go on anymore",
        "there's no point in living",
        "i'm going to take my own life",
        "i wish i could go to sleep and never wake up",
        "i want to vanish for good",
    ],
    "self_harm": [
        "i self harm",
        "i've been cutting myself",
        "my daughter self harms",
        "i want to hurt myself",
    ],
    "abuse": [
        "she hits me",
        "he hits me when he's drunk",
        "my son hits me",
        "hubby beats me",
        "being abused by my carer",
        "my husband is threatening to kill me",
        "i'm scared of my husband",
        "my son takes my pension",
        "the carer is stealing my money",
        "she locks me in",
        "he won't let me out",
        "domestic abuse",
        "he has a knife",
        "the carer is hurting my mum",
        "someone is taking my nan's money",
    ],
    "neglect": [
        "he hasn't eaten for days and I can't get in",
        "me mam hasnt eaten in days",
        "she's not answering the door",
        "i cant get in and she's not answering",
        "he's lying in his own mess",
        "nobody has checked on her for days",
        "i think my nan is being neglected",
        "they left her without food",
        "she's been left on her own with no food",
    ],
    "danger": [
        "im in danger",
        "I don't feel safe at home",
        "someone is trying to break in",
        "there's a fire",
        "i can smell gas",
        "dad has wandered off",
        "please help me now",
        "my son is missing",
        "grandads gone missing",
    ],
    "safeguarding": ["i want to report a safeguarding concern", "how do i raise a safeguarding alert"],
}

# Harm described rather than named: money taken, fear of the person who cares, being left without food,
# care or medication, being hit, shouted at or locked in, typed as people type.
DESCRIBED_HARM = {
    "abuse": [
        "my son keeps taking my pension",
        "the carer has been helping herself to mum's money",
        "me mams carer's been helping herself to her purse",
        "our kid keeps nicking me nans money",
        "money keeps going missing from mums purse since the new carer started",
        "my grandson has my bank card and wont give it back",
        "someone has been taking money out of dads account without asking",
        "i think the cleaner is stealing from my mum",
        "dad got scammed on the phone and lost his savings",
        "my brother cleared out mums savings",
        "she made my nan sign her house over",
        "my son is taking advantage of me",
        "my daughter in law takes my pension every week",
        "the carer keeps asking mum for money",
        "im frightened of my carer",
        "mum is terrified of her carer",
        "my dad is scared when the carer comes",
        "my nan cries every time the carer comes",
        "mum dreads the carer coming",
        "he frightens me",
        "my nan is petrified of her grandson",
        "the carer slapped my mum",
        "he hit nan",
        "dad's been hitting mum again",
        "me mam's fella hits her",
        "our kid's battering me dad",
        "he pushed nan over",
        "he gives her a slap when shes slow",
        "the carer is rough with dad",
        "mum has bruises on her arms and wont say why",
        "my son shouts at me all the time",
        "the carer screams at my dad",
        "he locks her in her room",
        "she keeps me locked in",
        "he keeps her locked up",
        "my husband wont let me see my friends",
        "she won't let him out of the house",
        "the carer told me not to tell anyone",
        "the carer steeling from my nan",  # typo
        "im frightend of my son",  # typo
        "she draws out nans pension and keeps it",
        "savings have disappeared from my mums account",
        "he got a credit card in my name",
        "my nan is scared of the lady who comes to help her",
        "the home straps her to the bed",
    ],
    "neglect": [
        "the carers havent been for two days and she hasnt eaten",
        "the carers arent giving mum her tablets",
        "she hasnt had her medication for 3 days",
        "they leave him in bed all day",
        "dad is left in wet pads all day",
        "they left her without her tablets",
        "she's been left without food",
        "they dont feed her properly",
        "the carer didnt turn up today and mum cant get out of bed",
        "the carers havent come since tuesday",
        "my nan has no food",
        "dad hasnt been bathed for a week",
        "no one has checked on my aunt since monday",
    ],
}

ORDINARY = [
    "dementia group",
    "demntia group near wigan",
    "bereavement support after my husband died",
    "help with falls prevention class",
    "falls class",
    "my mum keeps falling do you have falls classes",
    "breathe easy group for copd",
    "help with breathing exercises class",
    "stroke survivors group",
    "i look after my husband he had a stroke",
    "support after my dad had a heart attack",
    "my dad had a heart attack last year and needs help with the garden",
    "cardiac rehab",
    "heart failure group",
    "first aid course",
    "suicide bereavement support group",
    "my son died by suicide is there a group",
    "my back is killing me any gardening help",
    "someone to sit with my wife so i can get out",
    "i look after my dad he has alzheimers",
    "help for me mam with the shopping",
    "i cant cope with the garden",
    "i need a break from caring",
    "lunch club",
    "chair based exercise",
    "im dying to get out of the house",
    "my wife died last year",
    "emergency respite",
    "emergency carers card",
    "I can't get in and out of the bath",
    "what is safeguarding",
    "help with a gas bill",
    "fire alarm for deaf people",
    "i dont feel safe going out at night on my own, is there a buddy",
    "help with my tablet",
    "anger management group",
    "taking myself to appointments is hard",
    "epilepsy support group",
    "stop smoking group",
    "does the carer take my money by card",
    "can you help me find a cleaner now",
    "my nan had a fall last month, any help",
    "heating help for older people",
    "need help with meals for me dad",
    "my son has autism",
    "what is a direct payment",
    "how do i complain about a provider",
    "hospital transport to my appointments",
    "my son is missing out on activities",
    "my back is hurt, can someone help with the garden",
    "my dad collapsed last year, is there a falls class",
    "emergency respite for my wife",
    "someone to help me get washed and dressed",
    "I want to stop my mum being lonely",
    "how do I stop direct payment money being taken for the wrong things",
    "the council takes money from my pension for my care",
    "is money taken from my benefits to pay for care",
    "can a carer take money out for my mums shopping",
    "my son helps me with my money",
    "i take my mums pension to the post office for her",
    "can i pay my carer from my pension",
    "how do i protect my mum from scams",
    "scam awareness session",
    "what is financial abuse",
    "i'm scared of falling",
    "mum is scared of going out on her own",
    "she's afraid of the dark",
    "the dog scares her",
    "is there help for people who are scared of going to hospital",
    "my dad shouts a lot because he is deaf",
    "my husband keeps shouting in his sleep",
    "i get frustrated and shout at my husband is there support for carers",
    "the carer pushes her wheelchair to the shops",
    "she hurt her back lifting",
    "key safe so carers can let themselves in",
    "im locked out of my account",
    "my mum forgets to take her tablets",
    "medication reminder service",
    "food bank near me",
    "there is no food bank round here",
    "my mum doesn't get meals on wheels, can you find some",
    "nobody is looking after my mum while i'm at work, i need a sitter",
    "help me get mum out of bed in the mornings",
    "my dad has dementia and keeps losing things",
    "my son borrows my car and never brings it back",
    "my mum's carer is lovely",
    "the carer didnt turn up this morning, how do i complain",
    "mum keeps wandering off at night, is there a sitter",
    "i cant find a lunch club near me",
    "i cant find her phone number",
    "",
    "   ",
]


@pytest.mark.parametrize(
    ("category", "message"),
    [(category, message) for category, messages in DANGER.items() for message in messages],
)
def test_danger_is_caught_however_it_is_typed(category, message):
    match = check_message(message)

    assert match is not None, message
    assert match.category == category


@pytest.mark.parametrize(
    ("category", "message"),
    [(category, message) for category, messages in DESCRIBED_HARM.items() for message in messages],
)
def test_harm_described_without_alarm_words_is_caught(category, message):
    match = check_message(message)

    assert match is not None, message
    assert match.category == category


@pytest.mark.parametrize("message", ORDINARY)
def test_ordinary_questions_do_not_fire(message):
    assert check_message(message) is None


def test_danger_later_in_a_long_message_is_still_caught():
    message = "hello, i look after my mum and need a lunch club near wigan, but today she has chest pain"
    assert check_message(message).category == "medical_emergency"


def test_an_ordinary_phrase_does_not_hide_danger_beside_it():
    message = "i go to the stroke survivors group but i want to end it all"
    assert check_message(message).category == "suicide"


def test_a_huge_message_is_checked_quickly_and_safely():
    assert check_message("lunch club " * 50_000) is None


def test_normalise_drops_apostrophes_and_punctuation():
    assert normalise("He\u2019s NOT breathing!!") == "hes not breathing"


def test_a_pattern_naming_an_unknown_group_is_refused():
    with pytest.raises(ValueError, match="no group called <relative>"):
        expand_groups("(<relative>) hits", {"person": "mum|dad"})


def test_groups_may_name_other_groups():
    pattern = expand_groups("<victim> hurt", {"victim": "me|<person>", "person": "mum|dad"})
    assert pattern == "(?:me|(?:mum|dad)) hurt"
