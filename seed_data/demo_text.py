"""Words for the demo listings: names and plain-English descriptions. All names are invented."""

FIRST_NAMES = (
    "Jan", "Bev", "Sue", "Dave", "Amir", "Priya", "Tom", "Lesley", "Kath", "Mo", "Gail", "Shaun", "Nadia",
    "Carol", "Wendy", "Raj", "Tracey", "Pete", "Joanne", "Yusuf", "Linda", "Grace", "Sam", "Ifeoma",
    "Donna", "Marek", "Hannah", "Colin", "Fatima", "Bernie", "Ann", "Rob", "Sandra", "Kieran", "Leanne",
)  # fmt: skip
SURNAMES = (
    "Hughes", "Ashworth", "Kenyon", "Partington", "Hussain", "Whittle", "Lowe", "Grundy", "Shah", "Openshaw",
    "Dootson", "Ainscough", "Nowak", "Okafor", "Fletcher", "Marsden", "Begum", "Taylor", "Heaton", "Unsworth",
)  # fmt: skip
BRAND_WORDS = (
    "Brightside", "Willow", "Hearth", "Oak Tree", "Daisy Chain", "Lark", "Bluebell", "Good Neighbour",
    "Sunflower", "Heather", "Rowan", "Maple", "Little Acorn", "Ivy", "Primrose", "Snowdrop", "Clover",
    "Harbour", "Anchor", "Lantern", "Beacon", "Meadow", "Holly", "Juniper", "Robin", "Wren", "Kingfisher",
    "Cobblestone", "Millstone", "Canal Side", "Pennine", "Hillside", "Old Mill", "Cherry Tree", "Evergreen",
)  # fmt: skip
MICRO_NOUNS = {
    "shopping_cooking": ("Home Help", "Shop and Cook"),
    "out_and_about": ("Companions", "Days Out"),
    "meals": ("Home Cooking", "Kitchen"),
    "gardening": ("Garden Help", "Gardening"),
    "cleaning": ("Home Help", "Clean and Tidy"),
    "activity_buddy": ("Buddies", "Activity Pals"),
    "personal_care": ("Care at Home", "Personal Care"),
    "dementia": ("Memory Companions", "Dementia Support"),
    "carers_breaks": ("Sitting Service", "Carers' Breaks"),
    "befriending": ("Friendly Visits", "Companions"),
    "learning_disability": ("Support and Skills", "Days Out"),
    "mental_wellbeing": ("Wellbeing Support", "Companions"),
}

# What each kind of help means to a person, in a sentence or two. {town} is filled in.
MICRO_OFFERS = {
    "shopping_cooking": "We can do the shopping with you or for you, and cook a meal you enjoy.",
    "out_and_about": "We go with you to the shops, the doctor's, the park or to see family.",
    "meals": "We cook fresh meals in your kitchen, the way you like them.",
    "gardening": "We mow, weed and tidy, so you can enjoy your garden again.",
    "cleaning": "We help with housework, changing beds and the washing.",
    "activity_buddy": "We can be your buddy at a class, a club or the football.",
    "personal_care": "We help with washing, dressing and getting ready for the day, at your pace.",
    "dementia": "We spend time with people living with dementia, doing the things that matter to them.",
    "carers_breaks": "We sit with the person you look after, so you can have a few hours for yourself.",
    "befriending": "We call in for a cuppa and a chat, at the same time each week.",
    "learning_disability": "We support people with a learning disability to try new things and build skills.",
    "mental_wellbeing": "We listen, and help you plan small steps towards what you want to do.",
}
MICRO_OPENERS = (
    "{owner} started {name} to help people in {town} live well at home.",
    "{name} is a small local team in {town}. We have lived here all our lives.",
    "We are {name}, a small business run by {owner} in {town}.",
    "{name} gives friendly, reliable help at home around {town}.",
)
MICRO_CLOSERS = (
    "Tell us what matters to you and we will work around it.",
    "You see the same faces each visit.",
    "We can meet you first for a chat, free of charge.",
    "We are happy to talk to a family member or carer too.",
)

PEER_GROUPS = (
    # (name pattern, categories, audiences, description)
    ("{town} Carers' Coffee Morning", ("peer_support", "carers_breaks"), ("carers",),
     "A group run by carers, for carers. Come for a brew and a chat with people who understand. "
     "You do not have to call yourself a carer to come along."),
    ("{town} Young Carers' Night", ("peer_support",), ("carers", "young_adults"),
     "A relaxed evening for young carers aged 16 to 25. Games, food and time to be yourself."),
    ("{town} Memory Café", ("dementia", "peer_support"), ("people_with_dementia", "carers"),
     "A friendly café for people living with dementia and the people close to them. "
     "Music, games and a chat, with no need to book."),
    ("Young Onset Dementia Group {town}", ("dementia", "peer_support"), ("people_with_dementia", "carers"),
     "For people diagnosed with dementia before 65, and their partners. Share what works, plan days out, "
     "and meet people at the same stage of life."),
    ("Little Stars Baby Loss Group {town}", ("bereavement", "peer_support"), ("families", "adults"),
     "A gentle group for parents after miscarriage, stillbirth or the death of a baby or child. "
     "Talk, or just listen. You are welcome at any time, however long ago it was."),
    ("{town} Cancer Support Circle", ("peer_support", "mental_wellbeing"), ("adults", "carers"),
     "For anyone living with cancer, and the people who support them. Share tips, worries and good news."),
    ("{town} Men's Talking Shed", ("mental_wellbeing", "peer_support"), ("adults",),
     "Men meet to make things, fix things and talk. No pressure to talk about feelings, but you can."),
    ("Coffee and Comfort {town}", ("bereavement", "peer_support"), ("adults", "older_people"),
     "A bereavement group where you can talk about the person you miss, with people who have been there."),
    ("{town} Parent Carers' Group", ("peer_support", "learning_disability"), ("families", "carers"),
     "Parents of disabled children and young adults swap tips on schools, benefits and breaks."),
    ("{town} Stroke Club", ("peer_support", "physical_activity"), ("adults", "older_people", "carers"),
     "For people after a stroke and their families. Gentle exercise, a cuppa and friendly faces."),
    ("{town} Speak Up Group", ("learning_disability", "peer_support"), ("disabled_people", "adults"),
     "A self-advocacy group for adults with a learning disability. We decide what we talk about."),
    ("{town} Hearing Voices Group", ("mental_wellbeing", "peer_support"), ("adults",),
     "A safe, private group for people who hear voices or see things others do not."),
    ("{town} Parkinson's Friendship Group", ("peer_support", "physical_activity"), ("adults", "carers"),
     "For people living with Parkinson's and their partners. Exercise to music, a brew and practical tips "
     "from people who know what it is like."),
    ("{town} MS Support Group", ("peer_support",), ("adults", "disabled_people"),
     "For anyone affected by multiple sclerosis (MS), newly diagnosed or not. Talks, tips on fatigue and "
     "a friendly chat."),
    ("{town} Motor Neurone Disease Support Group", ("peer_support",), ("adults", "carers"),
     "For people living with motor neurone disease (MND), their families and carers. Share what helps, "
     "and meet a visiting specialist nurse."),
    ("{town} Sight Loss Social Club", ("peer_support", "befriending"), ("disabled_people", "older_people"),
     "For people who are blind or partially sighted. Talking newspapers, tips on living with sight loss, "
     "and a good chat. A volunteer can meet you at the bus stop."),
    ("{town} Deaf Social Club", ("peer_support", "befriending"), ("disabled_people", "adults"),
     "A social club for Deaf and hard of hearing people. BSL users welcome, with tips on living with "
     "hearing loss."),
    ("{town} Brain Injury Support Group", ("peer_support",), ("adults", "carers"),
     "For adults living with a brain injury or head injury, and their families. Talk, plan small steps "
     "and meet people who understand."),
    ("{town} Diabetes Support Group", ("peer_support",), ("adults", "older_people"),
     "Living with diabetes, type 1 or type 2? Swap tips on food, feet and staying well, with a visiting "
     "nurse some months."),
    ("{town} Breathe Easy Group", ("peer_support", "physical_activity"), ("adults", "older_people"),
     "For people living with COPD and other lung conditions. Singing for breathing, gentle exercise and "
     "a cuppa."),
    ("{town} Autism Parents' Group", ("peer_support", "learning_disability"), ("families", "carers"),
     "For parents and carers of autistic children and young people. Swap tips on school, sleep and "
     "benefits, with people who get it."),
    ("{town} Autistic Adults' Social", ("peer_support", "befriending"), ("adults",),
     "A calm, friendly social group run by and for autistic adults. Board games, quiet space and no "
     "pressure to talk."),
    ("{town} Living Well with a Long-Term Condition", ("peer_support", "mental_wellbeing"), ("adults",),
     "For anyone living with a long-term health condition, such as arthritis, a heart condition, epilepsy "
     "or chronic pain. Share what helps you cope day to day."),
    ("{town} Widows and Widowers' Group", ("bereavement", "befriending"), ("older_people", "adults"),
     "A friendly group for people whose husband, wife or partner has died. Lunches out, trips and "
     "someone to talk to who understands grief."),
)  # fmt: skip

# Groups that meet only on video calls, open to anyone in the region: (name, categories, audiences,
# description).
ONLINE_GROUPS = (
    ("Stroke Survivors Evening Meet-up", ("peer_support",), ("adults", "carers"),
     "For people rebuilding life after a stroke, and the people close to them."),
    ("Living with Cancer Video Circle", ("peer_support", "mental_wellbeing"), ("adults", "carers"),
     "For anyone living with cancer, or supporting someone who is. Share tips, worries and good news."),
    ("Voices Together", ("mental_wellbeing", "peer_support"), ("adults",),
     "A private group for people who hear voices or see things others do not. Cameras off is fine."),
    ("Parkinson's Coffee Club", ("peer_support",), ("adults", "carers"),
     "A relaxed morning chat for people living with Parkinson's and their partners."),
    ("Carers' Night Owls", ("peer_support", "carers_breaks"), ("carers",),
     "A late-evening chat for carers, run by carers, once the house is quiet."),
    ("Bereaved Partners' Circle", ("bereavement", "peer_support"), ("adults", "older_people"),
     "For people whose partner has died, at any age and however long ago. Talk about the person you miss."),
    ("Autism Family Chat", ("peer_support", "learning_disability"), ("families", "carers"),
     "For parents and carers of autistic children and adults, wherever you live in the region."),
    ("MS Friends Across the Region", ("peer_support",), ("adults", "disabled_people"),
     "A video meet-up for people with multiple sclerosis (MS). Tips on fatigue, work and family."),
    ("Dementia Carers' Evening Call", ("dementia", "peer_support"), ("carers",),
     "For people caring for someone living with dementia. Practical tips and people who understand."),
    ("Young Carers Online Hangout", ("peer_support",), ("carers", "young_adults"),
     "Games and a chat for young carers aged 16 to 25, on a video call after school or college."),
)  # fmt: skip

HUB_NAMES = (
    "{town} Community Hub",
    "{town} Living Well Centre",
    "The {brand} Centre",
    "{town} Neighbourhood Hub",
    "{brand} Community House",
)
HUB_DESCRIPTION = (
    "A community hub in the middle of {town}. Drop in to the café, join an activity or talk to our "
    "friendly advice team about money, housing, caring or staying well. No appointment needed."
)
VENUES = (
    "Church Hall",
    "Community Centre",
    "Library",
    "Methodist Hall",
    "Scout Hut",
    "Sports Centre",
    "Arts Centre",
)

OTHER_ASSETS = (
    # (name pattern, categories, audiences, how people get it, description)
    ("{town} Friendship Lunch Club", ("meals", "befriending"), ("older_people",), "venue",
     "A hot two-course lunch and good company every week. Transport can be arranged."),
    ("{town} Telephone Befriending", ("befriending", "mental_wellbeing"), ("older_people", "adults"), "phone",
     "A friendly volunteer rings you once a week for a chat. It is free, and you choose the time."),
    ("Free Swimming for Over 60s, {town}", ("physical_activity",), ("older_people",), "venue",
     "Swim for free if you are 60 or over. Quiet sessions with a hoist and changing help."),
    ("{town} Community Transport", ("transport", "out_and_about"), ("older_people", "disabled_people"),
     "phone",
     "Door-to-door minibus trips for people who find buses hard. Book by phone two days ahead."),
    ("{town} Tech Champions", ("digital",), ("older_people", "adults"), "venue",
     "Bring your phone or tablet and a volunteer will help you with video calls, shopping or forms."),
    ("{town} Money Advice Drop-in", ("money", "advice"), ("adults", "carers"), "venue",
     "Free, private help with benefits, bills and debts. Bring any letters you have."),
    ("{town} Handyperson Service", ("housing_adaptations",), ("older_people", "disabled_people"), "home",
     "Small repairs and grab rails, fitted by a checked and trusted handyperson."),
    ("Shared Lives {borough}", ("learning_disability", "carers_breaks"), ("disabled_people", "adults"),
     "home",
     "Live with, or stay for a short break with, a trained Shared Lives carer and their family."),
    ("{town} Health Walks", ("physical_activity", "befriending"), ("older_people", "adults"), "venue",
     "Short, gentle walks led by trained volunteers, finishing with a cuppa. Walk at your own pace."),
    ("{town} Chair-Based Exercise Class", ("physical_activity",), ("older_people", "disabled_people"),
     "venue",
     "Gentle exercise sitting down, to music, to keep you strong and steady on your feet."),
    ("{borough} Care and Repair", ("housing_adaptations",), ("older_people", "disabled_people"), "home",
     "Home safety checks, small repairs, grab rails and key safes for older and disabled people."),
    ("{town} Hospital Lifts", ("transport",), ("older_people", "disabled_people"), "phone",
     "Volunteer drivers take you to hospital and GP appointments and wait to bring you home."),
)  # fmt: skip
