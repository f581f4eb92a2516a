"""The demo newsroom's people, sections, tags and shared paragraphs (all invented).

Wrenhaven is a fictional harbour city; The Harbour Ledger is its paper. Links point at
`.example` domains, which are reserved and never resolve.
"""

import html
import re

AUTHORS = [
    {
        "slug": "mara-quint",
        "name": "Mara Quint",
        "title": "City hall reporter",
        "bio": "Mara Quint has covered Wrenhaven City Council for nine years and still sits "
        "through every budget meeting to the end. She grew up above a chandlery on the Old "
        "Quay and can name every ferry in the fleet.",
        "website": "https://maraquint.example",
        "social_url": "https://social.example/@maraquint",
        "colour": (196, 82, 64),
    },
    {
        "slug": "dev-okafor",
        "name": "Dev Okafor",
        "title": "Politics editor",
        "bio": "Dev Okafor leads the Ledger's politics coverage, from ward by-elections to the "
        "port authority boardroom. He spent eight years as a researcher before joining the "
        "paper, which he says taught him where the footnotes hide.",
        "social_url": "https://social.example/@devokafor",
        "colour": (52, 96, 150),
    },
    {
        "slug": "hanna-lindqvist",
        "name": "Hanna Lindqvist",
        "title": "Business and harbour trade reporter",
        "bio": "Hanna Lindqvist writes about the firms, traders and workers who keep the "
        "harbour economy moving. She is happiest on the fish market floor at five in the "
        "morning and keeps a spreadsheet of every shop that opens or closes in the city centre.",
        "colour": (38, 128, 110),
    },
    {
        "slug": "sol-ferreira",
        "name": "Sol Ferreira",
        "title": "Environment correspondent",
        "bio": "Sol Ferreira reports on climate, energy and the wildlife of the bay. A former "
        "marine biology technician, Sol has counted seabirds on Gull Island every spring for a "
        "decade and answers every reader's email about heat pumps.",
        "website": "https://solferreira.example",
        "colour": (92, 140, 60),
    },
    {
        "slug": "ruth-abernethy",
        "name": "Ruth Abernethy",
        "title": "Arts and culture writer",
        "bio": "Ruth Abernethy reviews theatre, music and exhibitions across the city and "
        "writes a Saturday column about the stories behind old buildings. She has played "
        "double bass in three Wrenhaven jazz bands, none of them famous.",
        "colour": (140, 70, 140),
    },
    {
        "slug": "kit-morrow",
        "name": "Kit Morrow",
        "title": "Sports reporter",
        "bio": "Kit Morrow covers everything from Wrenhaven Rovers to Sunday league football "
        "and the gig rowing clubs. Kit believes youth cup finals are the most honest sport "
        "there is, and has the muddy notebooks to prove it.",
        "social_url": "https://social.example/@kitmorrow",
        "colour": (214, 128, 40),
    },
    {
        "slug": "ines-albescu",
        "name": "Ines Albescu",
        "title": "Staff photographer",
        "bio": "Ines Albescu has photographed the harbour city for the Ledger for twelve years, "
        "in every weather the coast can manage. Her pictures of the great storm two winters "
        "ago were exhibited at the Ropewalk gallery.",
        "website": "https://inesalbescu.example",
        "social_url": "https://social.example/@ines",
        "colour": (70, 70, 90),
    },
    {
        "slug": "yusuf-demir",
        "name": "Yusuf Demir",
        "title": "Community reporter",
        "bio": "Yusuf Demir reports from the neighbourhoods east of the river and translates "
        "interviews for the paper from Turkish, Kurdish and Arabic. He runs the Ledger's "
        "monthly open newsroom at Eastbank library.",
        "colour": (176, 60, 96),
    },
]

SECTIONS = [
    ("City", "Streets, schools, transport and life in the harbour city's neighbourhoods."),
    ("Politics", "City hall, the port authority and the people who want your vote."),
    ("Business", "Harbour trade, shops, jobs and the money that moves through the city."),
    ("Environment", "Climate, energy, wildlife and the water around Wrenhaven."),
    ("Culture", "Music, theatre, galleries, books and the city's history."),
    ("Sport", "From Wrenhaven Rovers to youth leagues, rowing and the harbour swim."),
]

TAGS = [
    "Harbour", "Ferries", "Gull Island", "Transport", "City council", "Budget",
    "Local democracy", "Housing", "Schools", "Energy", "Climate", "Wildlife",
    "Small business", "Jobs", "Arts", "Music", "Football", "Community", "Parks",
]  # fmt: skip


def keyed_paragraphs(text: str) -> dict[str, str]:
    """`key: paragraph` blocks separated by blank lines, as a dict; lines are rejoined."""
    blocks = (" ".join(block.split()) for block in re.split(r"\n\s*\n", text.strip()))
    return dict(block.split(": ", 1) for block in blocks)


# Paragraphs, by section, that stories borrow to reach their length. `{topic}` and `{place}`
# are filled in from the story ("the winter ferry timetable", "the Old Quay"); stories name
# the ones that fit them, so each still reads as one piece.
FILLER = {
    "any": keyed_paragraphs("""
letters: Readers with a view on {topic} can write to
[letters@harbourledger.example](mailto:letters@harbourledger.example). A selection of letters
appears in the Saturday paper, and we try to include voices from every part of the city rather than
the same few names each week.

anonymous: Several people asked us not to use their names, saying that in a city the size of
Wrenhaven everyone knows everyone, and they did not want to fall out with neighbours over {topic}.
The Ledger agreed where we could confirm who they were and that they had first-hand knowledge.

follow: The Ledger will keep following {topic}. If you live or work near {place} and notice
something we should know about, the newsroom's number is printed on page two of every edition, and
our reporters read every message, even if they cannot reply to them all.

growth: Wrenhaven has changed quickly in the last decade. The inner wards have grown by almost a
fifth, rents have climbed and many newer residents work outside the city, which colours how any
decision about {topic} is received. Long-standing residents and newcomers do not always want the
same things from their neighbourhood.
"""),
    "city": keyed_paragraphs("""
divided: Neighbours we spoke to around {place} were divided. Some welcomed {topic} as overdue;
others worried that the people who live with the consequences every day had been asked too late, or
not at all. Almost everyone agreed that the way it had been explained could have been clearer.

summary: The council says it will publish a plain-English summary of {topic} on its website and in
every branch library, with a phone number for anyone who cannot get online. Printed copies will
also be left at GP surgeries and community centres, and translations are available on request.

shopkeepers: Shopkeepers tend to judge any change by the till on a Saturday afternoon. Two we spoke
to near {place} said they would wait and see, though one pointed out that the last set of roadworks
on her street cost her most of a summer's trade and nobody ever offered to make it up.

drop-ins: Ward councillors have been asked to hold drop-in sessions so that residents can ask
questions face to face. The first is expected in the community room at Eastbank library, with
others to follow in the Saltings and on Castle Hill. Dates will be posted on noticeboards and on
the council's website.

older: For older residents in particular, the details matter: where the nearest bench is, whether a
route is step-free, how far the walk is in the rain. Age Concern Wrenhaven said it would be
watching {topic} closely on behalf of its members and would pass on any problems they reported.

bellmouth: A similar change in the neighbouring town of Bellmouth two years ago is often cited by
both sides. Supporters say it worked; opponents say it only worked because Bellmouth is half the
size, has a flatter centre and did not have to cope with a ferry terminal in the middle of town.

straw-poll: Not everyone is paying attention yet. A straw poll of a dozen passers-by at {place} on
a grey weekday morning found that half had not heard about {topic} at all, and most of the rest had
learned of it from a neighbour or a post in a local group online.
"""),
    "politics": keyed_paragraphs("""
tight: At city hall, the mood among officers is one of caution. Budgets are tighter than at any
time in the last twenty years, and every decision has to be weighed against library hours, road
repairs and social care, which now takes almost half of everything the council spends.

opposition: Opposition councillors say the public has not been given enough time to understand
{topic}. Their leader, Councillor Gareth Mould, has asked for council papers to be published at
least a fortnight before any decision, rather than the five working days the rules require.

scrutiny: The council's scrutiny committee, which has members from every group, can call in a
decision for review. It has done so only three times in the past five years, and on each occasion
the original decision survived largely intact, which critics say shows how little bite the process
has.

turnout: Turnout at local elections in Wrenhaven has hovered around a third of voters for a decade,
falling to barely a quarter in some inner wards. Campaigners for better civic engagement say
questions like {topic} are exactly the kind that should bring people to the ballot box.

papers: Council papers are available on the [city's committee
website](https://wrenhaven.example/committees), where meetings are also listed with their agendas.
Paper copies can be read at the central library, and the democratic services team will post them to
anyone who asks.

questions: Members of the public can ask a question at any full council meeting if they register
two working days in advance. Questions are limited to three minutes, and the answers are recorded
in the minutes. Last year fewer than forty people used the right, most of them more than once.

majority: The administration holds a majority of four on the 51-seat council, enough to pass most
measures without help but not enough to ignore a rebellion on its own benches. Party whips are said
to be keeping a close eye on a handful of backbenchers with marginal seats.

gallery: Several residents in the public gallery said they had come because of {topic}, not party
loyalty. “I just want someone to explain it in plain words,” said one retired teacher from {place},
who had taken two buses to get there and left before the vote to catch the last one home.

foi: The Ledger has submitted a freedom of information request for officers' advice on {topic} and
will report on the response. The council has twenty working days to reply, though in the past it
has often asked for more time on requests it considers complicated.
"""),
    "business": keyed_paragraphs("""
economy: Wrenhaven's economy has leaned on the harbour for three centuries. Shipping, fishing and
boatbuilding still matter, but the chamber of commerce now counts more firms in software, design
and tourism than on the quay, and the biggest employer in the city is the hospital.

energy-costs: Energy prices remain the biggest worry for small firms, according to the chamber's
latest quarterly survey, followed by the difficulty of finding staff who can afford to live within
reach of the city centre. One in five firms said they had turned down work for lack of people.

chamber: The chamber of commerce said {topic} was a test of whether Wrenhaven could hold on to
young people who train here. Its chief executive, Gwen Taffe, said the city “has the skills, but
too often it exports them”, as graduates leave for bigger cities with better-paid jobs.

rates: Business rates were revalued last spring, with some traders near {place} seeing bills rise
by more than a quarter. The council offers a hardship relief scheme, though take-up has been low,
and several owners told the Ledger they had never heard of it.

customers: Customers we spoke to near {place} were broadly supportive. “I would rather my money
stayed in the city,” said one, a nurse on her way to a night shift, “as long as the prices are
fair.” Others said convenience and price would decide where they shopped, whatever their good
intentions.

footfall: Footfall figures collected by the city centre partnership show visitors returning to
their old levels at weekends but not yet on weekdays, when office workers are still spending fewer
days in town. Cafés and sandwich shops say Mondays and Fridays are the hardest days to make pay.

cargo: The harbour's cargo tonnage rose slightly last year, driven by timber and grain, while the
number of fishing boats landing at Wrenhaven fell again, to 31. The port authority expects offshore
wind work to become its fastest-growing business over the next decade.

apprentices: Apprenticeship numbers in the city have recovered after a dip, with the further
education college on Station Road reporting full courses in marine engineering, electrical
installation and catering. Employers say the harder part is keeping apprentices once they qualify.

winters: Whether {topic} turns out to be a lasting success will depend, as ever, on the next two
winters, when visitor numbers fall and the harbour economy has to rely on its own residents.
Several businesses that opened to fanfare in recent summers did not survive their first January.
"""),
    "environment": keyed_paragraphs("""
emergency: Wrenhaven declared a climate emergency four years ago and set a target of net zero
emissions from council buildings and vehicles by the middle of the next decade. Progress reports
have been mixed, with transport the most stubborn area and buildings the most improved.

bay: The bay is a marine conservation zone, home to grey seals, eider ducks and one of the last
large beds of native oysters on this stretch of coast. Any work near the water needs a licence, and
the conservation officers who issue them are known for asking a great many questions.

long-term: Scientists at the Bay Wildlife Trust say long-term records are what give {topic} its
meaning. “One good year tells you very little,” said the trust's Dr Femi Adeyemi. “Ten years of
careful counting tells you a great deal, and most of that counting is done by volunteers.”

volunteers: Volunteers are always needed, the organisers say, and no experience is required.
Sessions run on weekend mornings, and tools, gloves and tea are provided. Several regulars say they
came once out of curiosity and have not missed a session since.

rainfall: Rain over the city has become more intense in recent years even where the yearly totals
have changed little, putting pressure on drains built for Victorian weather. Flash flooding on
Station Road and in the Saltings has become a regular event rather than a rare one.

dashboard: The council publishes a monthly dashboard of air quality, water quality and recycling
rates on the [city data portal](https://data.wrenhaven.example/environment), where residents can
also download the raw figures. Several local schools use the data in science and geography lessons.

sceptics: Some residents near {place} remain sceptical. “We have had plenty of pilot schemes,” said
one. “What we want is something that lasts longer than the press release.” Others said they would
support the plans if they could see that the money was being spent well.

seasons: Seasonal changes are already visible to people who spend time outdoors. Anglers on the
Millbrook report salmon running later in the autumn, and gardeners on the Castle Hill allotments
say the first frosts now arrive weeks after they used to, and the summers are drier.

funding: Funding for {topic} comes partly from national government and partly from the city's own
climate fund, which was protected from cuts at this year's budget vote. Officers say national money
is increasingly awarded through competitions, which favour councils with time to write bids.

pupils: Schools are being encouraged to get involved, and several primary classes have already
adopted stretches of shoreline near {place}, which they visit each term to record what they find.
Their records are added to the trust's own, and some have been cited in its annual reports.
"""),
    "culture": keyed_paragraphs("""
local-scene: Wrenhaven's cultural life has always been stubbornly local. The city has no big
concert hall, so music, theatre and art happen in pubs, churches, warehouses and the upstairs rooms
of cafés, and the audience is often within touching distance of the performers.

prices: Ticket prices have been kept low deliberately, the organisers say, with a pay-what-you-can
allocation for every event and free entry for under-16s with an adult. They admit the sums only
work because so much of the labour is given for nothing.

culture-fund: The project received support from the city's culture fund, which gives small grants
to groups and artists each year. Applications for the next round open in the spring, and the fund's
managers say they particularly want to hear from people who have never applied before.

venues: For the city's venues, {topic} is also a matter of survival. Several small stages closed in
the last five years, and those that remain depend on a few busy weekends to see them through the
winter, when even well-loved acts can play to half-empty rooms.

audiences: Audiences at {place} tend to be a mix of regulars and curious first-timers. “You get
fishermen sitting next to students,” said one volunteer usher. “That is the whole point.” Regulars
say the best nights are the ones where nobody knows what to expect.

access: Access has improved, organisers say, with step-free entry, captioned performances and a
quiet room at the larger events. Anyone with particular needs is asked to get in touch before
booking, and companions of disabled visitors get in free.

archive: The city archive has lent photographs and documents for the occasion, and its staff will
give short talks on the history behind {topic} on Saturday mornings. The archive is also asking
families to lend anything they have kept at home, from letters to old tickets.

workshops: Local schools have been involved from the start, with workshops in several primary and
secondary schools and a young people's programme running alongside. Teachers say the sessions have
reached pupils who would never normally set foot in a theatre or gallery.

whats-on: Listings are on the [Wrenhaven What's On pages](https://whatson.wrenhaven.example), which
also carry the city's smaller events each week. Organisers of free community events can add their
own listings at no cost.

next-one: Whatever the reviews say, the people behind {topic} are already planning the next one.
“We never stop,” said one. “The day after it ends, we start again.” The first planning meeting, as
always, will be held in the back room of a pub.
"""),
    "sport": keyed_paragraphs("""
grassroots: Grassroots sport in Wrenhaven runs on volunteers: coaches, kit washers, drivers and the
parents who stand on touchlines in horizontal rain. Clubs say that goodwill matters as much as any
grant, and that the hardest job to fill is always treasurer.

pitches: Facilities remain a sore point. Pitches at Westerly Park flood most winters, and clubs
have long campaigned for a second all-weather surface east of the river. The council says it has
applied for national funding but cannot promise anything before next year.

sports-council: The city's sports council said {topic} showed what local clubs can achieve with
very little, and promised to go “knocking on doors” for funding to build on the momentum. It also
wants more clubs to share kit, minibuses and coaches with one another.

crowd: The crowd at {place} was the biggest many regulars could remember, with families spilling
onto the banks and a queue at the tea hut that lasted most of the afternoon. The club said it had
sold out of pasties by half-time for the first time in its history.

results: Results, fixtures and tables for local leagues are published every Monday in the Ledger
and on the [Wrenhaven sports pages](https://sport.wrenhaven.example), which clubs update
themselves. Match reports from club secretaries are welcome and appear as space allows.

teenagers: Coaches say the biggest challenge is keeping teenagers, especially girls, involved after
the age of 14, when exams, part-time jobs and other interests compete for their time. Clubs that
have kept them say the secret is letting them help run things.

first-aid: First aid on the day was provided by volunteers from St John Ambulance, who reported
only minor knocks and one twisted ankle. Organisers thanked them, along with the marshals and the
caterers, for giving up their weekend.

directory: Anyone interested in taking part, coaching or helping out can find contact details for
every affiliated club in the city in the sports council's online directory. Most clubs offer a free
first session and lend kit to beginners.

memories: For the people taking part, though, {topic} is mostly about who they share it with. “You
remember the bus journeys and the songs,” said one veteran, “more than the scores.” Several said
the friendships had outlasted their playing days by decades.
"""),
}

# Headings over the borrowed paragraphs, by section.
FILLER_HEADINGS = {
    "city": ["Background", "What people say", "The wider picture"],
    "politics": ["The politics", "What happens next", "How to have your say"],
    "business": ["The bigger picture", "The numbers", "What it means"],
    "environment": ["The wider picture", "How to get involved", "Background"],
    "culture": ["Background", "Behind the scenes", "The wider picture"],
    "sport": ["Around the clubs", "The bigger picture", "Background"],
}

_LINK = re.compile(r"\[([^\]]+)\]\(((?:https|mailto):[^)\s]+)\)")


def render(shorthand: str) -> str:
    """Turn the demo text's shorthand into story HTML.

    Blocks are separated by blank lines; `## ` starts a subheading, `> ` a block quote, and
    `[text](https://...)` is a link. A Markdown library would be a dependency for seed data
    alone, and these three rules are all the demo text uses.
    """
    parts = []
    for block in re.split(r"\n\s*\n", shorthand.strip()):
        text = " ".join(line.strip() for line in block.splitlines())
        text = _LINK.sub(r'<a href="\2">\1</a>', html.escape(text, quote=False))
        if text.startswith("## "):
            parts.append(f"<h2>{text[3:]}</h2>")
        elif text.startswith("&gt; "):
            parts.append(f"<blockquote><p>{text[5:]}</p></blockquote>")
        else:
            parts.append(f"<p>{text}</p>")
    return "\n".join(parts)
