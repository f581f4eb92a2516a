"""The 40 stories of the demo newsroom: original, invented local news from Wrenhaven.

Bodies are written in the shorthand `demo_text.render` understands (blank lines between
paragraphs, `## ` subheadings, `> ` quotes, `[text](https://...)` links); `extra` names the
shared paragraphs from `demo_text.FILLER` each story borrows to reach its length.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoStory:
    slug: str
    section: str
    # Hours before the seed run the story went out; negative is scheduled, None is a draft.
    hours_ago: int | None
    headline: str
    standfirst: str
    body: str
    extra: tuple[str, ...]
    topic: str
    place: str
    tags: tuple[str, ...]
    authors: tuple[str, ...]  # author slugs, "slug:Role" for a credited role
    picture: tuple[str, str]  # scene and palette, see demo_scenes.py
    alt: str
    caption: str
    credit: str


STORIES = [
    DemoStory(
        slug="winter-ferry-timetable-gull-island",
        section="city",
        hours_ago=2,
        headline="Winter timetable cuts late-night ferries to Gull Island",
        standfirst=(
            "The last sailing from the Old Quay will leave at 21.40 from November, and island "
            "shift workers are asking how they will get home."
        ),
        body="""
Gull Island Ferries will drop its two late-evening sailings from the Old Quay when the winter
timetable begins on 3 November, the operator confirmed on Tuesday. The last crossing of the day
will leave Wrenhaven at 21.40 instead of 23.15, and the first morning boat from the island will
move twenty minutes later, to 06.50.

The company says the late boats carried an average of nine passengers a night last winter, and that
crewing them has become impossible since two of its four skippers retired in the spring.

Recruiting replacements has proved harder than expected. A skipper needs a commercial licence and
several years at sea, and the company says the few qualified people who applied were put off by the
cost of housing in Wrenhaven. It has started paying for two deckhands to train for their licences,
but they will not qualify until next autumn.

## Who is affected

For the 400 or so people who live on Gull Island all year round, the change is more than an
inconvenience. Care workers at the island nursing home, bar staff on the Old Quay and the island's
two district nurses all finish shifts after nine.

> “If you work a late, you now have a choice between a water taxi at forty pounds or a sofa in
town,” said Bryony Hale, who chairs the Gull Island residents' association. “Neither is a way to
live.”

Residents say the later morning boat matters as much as the lost evening ones. At present the 06.30
from the island gets commuters to the hospital and the college for the start of the day shift; from
November the first arrival in town will be 07.10. Several parents said they would have to change
childcare arrangements, and one islander told the Ledger she was thinking of moving to the
mainland.

Sam Treloar, operations director at Gull Island Ferries, said the company had looked at every
alternative. “We would rather run a reliable timetable than cancel sailings at an hour's notice
because we have no skipper,” he said. The full winter timetable is on the [operator's
website](https://gullislandferries.example/timetables/winter).

## What the council says

The crossing is run commercially, but the council pays the operator a subsidy of around £400,000 a
year to keep fares down for island residents. Councillor Priya Hallam, who is responsible for
transport, said she had asked for an urgent meeting with the company. “We do not run the ferries,
but we help pay for them, and we expect a say in how the island is served,” she said.

The residents' association has called a public meeting at the island village hall next Thursday,
and has asked both the operator and the council to attend.
""",
        extra=("older", "straw-poll", "growth", "anonymous", "letters"),
        topic="the winter ferry timetable",
        place="the Old Quay",
        tags=("Ferries", "Gull Island", "Transport"),
        authors=("mara-quint", "ines-albescu:Photos"),
        picture=("ferry", "dusk"),
        alt=(
            "A ferry with lit cabin windows leaving the Old Quay at dusk, Gull Island low on the "
            "horizon"
        ),
        caption="The 21.40 from the Old Quay will be the last boat of the day from November.",
        credit="Harbour Ledger/Ines Albescu",
    ),
    DemoStory(
        slug="north-mole-harbour-wall-repair",
        section="city",
        hours_ago=30,
        headline="Storm-battered North Mole to be rebuilt in £2.1m repair",
        standfirst=(
            "Work on the harbour wall starts next month and will close the popular walk to the "
            "harbour light until late spring."
        ),
        body="""
Repairs to the North Mole, the stone breakwater that shelters Wrenhaven harbour from easterly
gales, will begin next month after engineers found that last winter's storms had washed out the
core of the wall along a 60-metre stretch.

The port authority has approved a £2.1 million contract with Kestle Marine, a civil engineering
firm from along the coast, to rebuild the damaged section with new granite facing and a concrete
core.

## A walk closed until spring

The path along the top of the mole, walked by hundreds of people each weekend on their way to the
harbour light, will be fenced off from the Fishmarket Steps while the work goes on. The port
authority expects to reopen it in late spring, weather permitting.

Harbour master Captain Ada Kell said there was no danger to shipping, but that doing nothing was
not an option. “The mole has protected this harbour since 1847,” she said. “One more bad winter
with a hole in its middle and we would be talking about a far bigger bill.”

The mole was last repaired forty years ago, when a storm breached its outer end. Engineers say the
current damage is more serious because it is in the middle of the wall, where the waves break
hardest in an easterly. Divers found that the sea had hollowed out a cavity behind the granite
facing big enough to park a bus in.

Fishing crews who moor in the inner basin have been told their berths will not be affected,
although the contractor's barge will occupy part of the outer harbour during working hours.
""",
        extra=("older", "straw-poll", "follow"),
        topic="the harbour wall repairs",
        place="the Fishmarket Steps",
        tags=("Harbour", "Climate"),
        authors=("mara-quint",),
        picture=("seawall", "storm"),
        alt=(
            "Waves breaking over a stone harbour wall with a railing along its top, under a heavy "
            "grey sky"
        ),
        caption=(
            "Waves break over the damaged section of the North Mole during January's easterly gale."
        ),
        credit="Coastline Agency/T. Brandt",
    ),
    DemoStory(
        slug="tannery-lane-library-reopens",
        section="city",
        hours_ago=52,
        headline="Tannery Lane library reopens with evening hours after roof repairs",
        standfirst=(
            "After eight months under scaffolding, the city's busiest branch library will stay "
            "open until 8pm four nights a week."
        ),
        body="""
Tannery Lane library reopened on Saturday morning to a queue of around sixty people, some of whom
had been waiting since before nine with bags of books that had been overdue since the branch closed
in the spring.

The Victorian building was shut when a routine inspection found rot in the main roof timbers. The
repairs, which cost £640,000, have also added a lift to the first-floor reading room for the first
time in the building's history.

> “People kept asking me when their library was coming back, as if I had hidden it somewhere,” said
branch manager Joan Ebo. “Today I could finally tell them: it is here, and it is open later.”

The branch will now stay open until 8pm from Monday to Thursday, a change the council says reflects
the number of students and shift workers who asked for it in last year's library survey. A homework
club will run on weekday afternoons in term time.
""",
        extra=("older", "growth"),
        topic="the library's new hours",
        place="Tannery Lane",
        tags=("City council", "Schools", "Community"),
        authors=("yusuf-demir",),
        picture=("civic", "morning"),
        alt=(
            "The pale stone front of Tannery Lane library on a bright morning, with trees either "
            "side of the steps"
        ),
        caption="Tannery Lane library, closed since the spring, welcomed readers back on Saturday.",
        credit="Harbour Ledger/Ines Albescu",
    ),
    DemoStory(
        slug="number-7-bus-castle-hill-bridge-diversion",
        section="city",
        hours_ago=75,
        headline="Number 7 bus diverted for ten weeks during Castle Hill bridge works",
        standfirst=(
            "Passengers face up to fifteen extra minutes on the busiest route in the city while "
            "the bridge over the railway is strengthened."
        ),
        body="""
The number 7 bus, which links Eastbank with the Old Quay by way of Castle Hill, will be diverted
along Station Road for ten weeks from Monday while engineers strengthen the bridge that carries
Castle Hill Road over the railway.

Wrenhaven Buses estimates that the diversion will add between ten and fifteen minutes to a full
journey at peak times. Four stops on Castle Hill Road will not be served; temporary stops are being
put up on Station Road and Quarry Street.

## Why the bridge needs work

The bridge, built in 1902, was found last year to need new steel bearings and waterproofing to
carry modern buses safely. Traffic will be reduced to a single lane controlled by lights, and the
road will close completely on two weekends.

Pedestrians and cyclists will be able to use the bridge throughout, on a fenced walkway on its
eastern side. Residents of the streets around Castle Hill Road have been told that work will take
place between 7am and 7pm on weekdays, with some noisy work at night when the railway below is
closed to trains.

Councillor Priya Hallam, who is responsible for transport, apologised for the disruption. “There is
never a good time to close a bridge,” she said, “but there is a very bad time, which is after it
has failed.”

Details of the diversion, with maps of the temporary stops, are on the [Wrenhaven Buses
website](https://wrenhavenbuses.example/service-7).
""",
        extra=("shopkeepers", "older", "summary", "straw-poll", "letters"),
        topic="the bus diversion",
        place="Castle Hill",
        tags=("Transport", "City council"),
        authors=("mara-quint",),
        picture=("skyline", "morning"),
        alt=(
            "Rows of houses and flats on Castle Hill above the railway, with street lamps along "
            "the road"
        ),
        caption="Castle Hill Road bridge will be reduced to one lane for ten weeks.",
        credit="Harbour Ledger/Mara Quint",
    ),
    DemoStory(
        slug="eastbank-streetlights-switch-to-led",
        section="city",
        hours_ago=98,
        headline=(
            "Eastbank streetlights switch to LED, and residents are asked to report dark corners"
        ),
        standfirst=(
            "The council says the new lamps will halve the cost of lighting the streets east of "
            "the river."
        ),
        body="""
About 1,800 streetlights in Eastbank are being replaced with LED lamps over the next six weeks, in
the last phase of a programme that began in the city centre three years ago.

The council says the new lamps use around half the electricity of the old sodium lights and will
save about £90,000 a year once the whole city is converted. They can also be dimmed remotely in the
small hours on quiet residential streets.

Not everyone was happy with the first phases. Some residents in the city centre complained that the
white light was harsh, while others said side streets felt darker than before.

> “We have learned from the first rounds,” said the council's street lighting manager, Declan Roe.
“The lamps in Eastbank are a warmer colour, and we will come back and adjust any that leave a dark
spot.”

Residents can report a light that is too dim, too bright or not working through the council's
[street lighting fault form](https://wrenhaven.example/report/streetlight), quoting the number on
the lamp post.
""",
        extra=("summary", "older"),
        topic="the new streetlights",
        place="Eastbank",
        tags=("Energy", "City council"),
        authors=("yusuf-demir", "mara-quint:Additional reporting"),
        picture=("skyline", "night"),
        alt=(
            "Eastbank's rooftops at night under a full moon, with lit windows and a line of new "
            "streetlights"
        ),
        caption="Around 1,800 lamps in Eastbank are being changed over the next six weeks.",
        credit="Harbour Ledger/Ines Albescu",
    ),
    DemoStory(
        slug="saltings-primary-crossing-patrol-petition",
        section="city",
        hours_ago=None,
        headline="Parents petition for crossing patrol outside Saltings Primary",
        standfirst=(
            "More than 700 people have signed a petition after two near misses on Marsh Road this "
            "term."
        ),
        body="""
Parents at Saltings Primary School have collected more than 700 signatures calling for a school
crossing patrol on Marsh Road, where they say drivers regularly speed past the school gates at
drop-off time.

The petition was started after two near misses this term, one involving a seven-year-old who was
clipped by a wing mirror as she crossed between parked cars. She was not seriously hurt.

> “We are not asking for anything fancy,” said parent Mehmet Arslan, who started the petition. “A
person in a yellow coat with a lollipop sign would do.”

The council withdrew funding for crossing patrols at six schools four years ago, replacing them
with flashing signs. Headteacher Claire Dunmore said the signs were “better than nothing, but not
by much”.

Marsh Road is used as a shortcut by drivers avoiding the lights on Station Road, residents say. A
traffic count carried out by parents over a week last month recorded more than 600 vehicles passing
the school between 8am and 9am.

The petition will be presented to the full council next month. [Council response to follow: asked
the press office on Monday.]
""",
        extra=("older", "straw-poll"),
        topic="the petition",
        place="Marsh Road",
        tags=("Schools", "Transport", "City council"),
        authors=("yusuf-demir",),
        picture=("terrace", "morning"),
        alt="Brightly painted terraced houses on Marsh Road near Saltings Primary School",
        caption="Marsh Road, where parents say drivers speed past the school gates.",
        credit="Harbour Ledger/Yusuf Demir",
    ),
    DemoStory(
        slug="mill-street-baths-close-for-repairs",
        section="city",
        hours_ago=140,
        headline="Mill Street baths to close for six weeks of tile and boiler repairs",
        standfirst=(
            "Swimmers will be sent to the Westerly Park leisure centre while the city's oldest "
            "pool gets a new boiler."
        ),
        body="""
Mill Street baths, the Victorian swimming pool where generations of Wrenhaven children learned to
swim, will close for six weeks from the start of next month for repairs to its boiler and the tiled
floor of the main pool.

The work was brought forward after the boiler failed twice in the autumn, leaving the water too
cold for lessons. A new, more efficient boiler will be fitted, and around 400 cracked tiles on the
pool floor replaced.

## Lessons and clubs

Swimming lessons will move to the Westerly Park leisure centre for the duration, and the Wrenhaven
Otters swimming club has agreed to share its evening lane time there. Season ticket holders will
have their passes extended by six weeks.

> “Mill Street is more than a pool,” said lifeguard Shona McRae, who has worked there for nineteen
years. “Half the city got its first swimming badge here. We will be back, and warmer.”
""",
        extra=("older", "summary", "follow"),
        topic="the pool's closure",
        place="Mill Street",
        tags=("City council", "Community"),
        authors=("mara-quint",),
        picture=("pool", "bright"),
        alt=(
            "Empty swimming lanes at Mill Street baths, with lane ropes stretched across still "
            "blue water"
        ),
        caption="The main pool at Mill Street baths needs around 400 new floor tiles.",
        credit="Harbour Ledger/Ines Albescu",
    ),
    DemoStory(
        slug="lifeboat-crew-show-off-new-boat",
        section="city",
        hours_ago=190,
        headline="Lifeboat crew show off their new boat at a packed open day",
        standfirst=(
            "Thousands visited the Wrenhaven lifeboat station to see the volunteer crew's "
            "all-weather lifeboat, paid for largely by local fundraising."
        ),
        body="""
Thousands of people queued along the Old Quay on Sunday for a look inside the Wrenhaven lifeboat
station's new all-weather lifeboat, which arrived in the harbour last month after a fundraising
campaign that ran for four years.

The boat replaces one that served the station for 27 years and launched more than 900 times. The
new vessel is faster, rights itself if it capsizes, and has a survivor cabin that can take up to 30
people.

The crew has spent the past month training on the new boat, including several night exercises off
Gull Island. It was called out for the first time last week, to a yacht that had lost its engine in
rising seas near the harbour mouth. The two people on board were brought safely ashore.

> “Every one of our crew has a day job,” said coxswain Pete Arnall, a plumber. “When the pager
goes, we go. A boat like this means more of us come home, and more of the people we go out to.”

Local businesses, schools and the Gull Island community raised more than £300,000 of the cost. In
the afternoon the crew demonstrated a rescue in the outer harbour, to loud applause from the
Fishmarket Steps.

The station is always looking for new volunteers, at sea and ashore. Shore crew help launch and
recover the lifeboat, run the shop and give safety talks in schools, and the station says it
particularly needs people who live or work within a few minutes of the Old Quay and can leave at
any hour.
""",
        extra=(),
        topic="the open day",
        place="the Old Quay",
        tags=("Harbour", "Gull Island", "Community"),
        authors=("mara-quint", "ines-albescu:Photos"),
        picture=("harbour", "bright"),
        alt=(
            "Small boats with white sails crossing the outer harbour on a bright day, with hills "
            "beyond"
        ),
        caption=(
            "Boats gather in the outer harbour to watch the new lifeboat's rescue demonstration."
        ),
        credit="Harbour Ledger/Ines Albescu",
    ),
    DemoStory(
        slug="council-passes-budget-after-late-night-vote",
        section="politics",
        hours_ago=9,
        headline="Council passes budget with 4.5% tax rise after late-night vote",
        standfirst=(
            "The administration won by 27 votes to 22, protecting library hours and the climate "
            "fund but raising city-centre parking charges."
        ),
        body="""
Wrenhaven City Council approved its budget for the coming year shortly before midnight on Thursday,
after a five-hour meeting in which opposition councillors tried and failed to reverse cuts to the
parks department.

The budget raises council tax by 4.5 per cent, adding about £80 a year to a typical band C bill. It
keeps every branch library open at current hours, protects the £1.2 million climate fund and sets
aside £2 million for road and pavement repairs.

## Parking charges rise

To balance the books, charges at city-centre car parks will go up by 20p an hour, and the free
first hour at the Customs House Square car park will end. Traders warned that the change could push
shoppers to out-of-town retail parks.

Other savings include merging two neighbourhood offices, cutting the grass in parks less often and
ending the council's contribution to the Christmas lights in the city centre, which traders will
now be asked to fund. About 40 posts will go, most of them vacancies that will not be filled.

The biggest single pressure is social care. Spending on care for older and disabled adults will
rise by £6.3 million, driven by an ageing population and higher wages in care homes, and it now
accounts for almost half of the council's day-to-day budget.

> “Nobody stands for election hoping to put up tax,” said Councillor Priya Hallam, cabinet member
for finance. “But the alternative was closing things people love, and we would not do it.”

Opposition leader Councillor Gareth Mould called the budget “a tax on coming into town” and said
his group would campaign on parking at next year's elections. The full budget papers are on the
[council website](https://wrenhaven.example/budget).

## An amendment defeated

The opposition's alternative budget would have kept the free hour at Customs House Square and
reversed the parks cuts by drawing £1.4 million from reserves. Finance officers warned that this
would leave reserves below the level the council's auditors consider prudent, and the amendment
fell by 26 votes to 23.

Two members of the governing group abstained on the amendment, a sign of unease about the parks
cuts that the leadership will have noticed.
""",
        extra=("tight", "majority", "gallery", "scrutiny", "turnout", "questions", "foi"),
        topic="the budget",
        place="Castle Hill",
        tags=("City council", "Budget", "Transport"),
        authors=("dev-okafor", "mara-quint:Additional reporting"),
        picture=("civic", "night"),
        alt="Wrenhaven city hall at night, its clock tower above the columns of the entrance",
        caption="Councillors debated the budget until shortly before midnight.",
        credit="Harbour Ledger/Ines Albescu",
    ),
    DemoStory(
        slug="boundary-review-could-merge-harbour-wards",
        section="politics",
        hours_ago=60,
        headline="Boundary review could merge two harbour wards into one",
        standfirst=(
            "Draft proposals would cut the number of councillors from 51 to 48 and redraw the map "
            "around the Old Quay."
        ),
        body="""
The two council wards covering the harbour could be merged into one under draft proposals from the
independent boundary commission, which is reviewing every ward in Wrenhaven for the first time in
sixteen years.

The commission says the population has shifted east of the river since the last review, leaving
Harbour North and Harbour South with fewer voters per councillor than the city average. Its draft
map would combine them into a single Harbour ward with three councillors instead of four.

Overall, the city would have 48 councillors instead of 51.

> “Communities are not lines on a map,” said Councillor Ellen Strachan, who represents Harbour
South. “The quay and the fish market have very different needs from the flats by the station.”

The commission is taking comments on its draft until the end of next month. The maps can be seen on
the [commission's website](https://boundaries.example/wrenhaven) and at the central library.
""",
        extra=("growth", "turnout", "majority", "questions"),
        topic="the boundary review",
        place="the Old Quay",
        tags=("Local democracy", "City council", "Harbour"),
        authors=("dev-okafor",),
        picture=("map", "spring"),
        alt=(
            "A map of Wrenhaven's wards in pastel colours, with a red line marking the proposed "
            "new harbour boundary"
        ),
        caption="The draft map would merge Harbour North and Harbour South.",
        credit="Wrenhaven Boundary Commission",
    ),
    DemoStory(
        slug="mayor-drops-sunday-parking-charges",
        section="politics",
        hours_ago=120,
        headline="Mayor drops plan for Sunday parking charges after traders' protest",
        standfirst=(
            "Lorna Pask said she had listened to small businesses, but the decision leaves a "
            "£300,000 gap in the transport budget."
        ),
        body="""
Wrenhaven's mayor, Lorna Pask, has abandoned plans to introduce parking charges on Sundays in the
city centre, a fortnight after more than a hundred traders signed an open letter warning that the
move would empty the high street on its busiest day for families.

The charges, first floated in the autumn, were expected to raise about £300,000 a year for the
transport budget. The mayor said the gap would be filled from reserves for one year while officers
look at alternatives.

> “I said I would listen, and I have,” Ms Pask told a press conference on Customs House Square.
“Sunday is when families come into town. I do not want to give them a reason to stay away.”

The Wrenhaven Traders' Association welcomed the U-turn. Its chair, Ravi Sandhu, who runs a shoe
shop on Mill Street, said: “This is the right call, and it was made because people spoke up.”

Opposition councillors said the episode showed a lack of planning. “Policies should be worked out
before they are announced, not after,” said Councillor Gareth Mould.
""",
        extra=("tight", "scrutiny", "papers"),
        topic="the parking plan",
        place="Mill Street",
        tags=("City council", "Small business", "Transport"),
        authors=("dev-okafor", "hanna-lindqvist:Additional reporting"),
        picture=("skyline", "golden"),
        alt="The rooftops around Customs House Square in late afternoon sun",
        caption="Sunday shoppers will keep free parking in the city centre, for now.",
        credit="Coastline Agency/R. Okonjo",
    ),
    DemoStory(
        slug="four-candidates-castle-hill-by-election",
        section="politics",
        hours_ago=170,
        headline="Four candidates line up for Castle Hill by-election",
        standfirst=(
            "The seat fell vacant when Councillor Jim Bardsley stood down after 22 years. Voters "
            "go to the polls on the 14th."
        ),
        body="""
Four candidates will contest the Castle Hill by-election on the 14th of next month, caused by the
retirement of Councillor Jim Bardsley, who represented the ward for 22 years and chaired the
planning committee for most of them.

The candidates are Aisha Farouk for the governing group on the council, Tom Leckie for the
opposition, the independent Marjorie Wills, a retired headteacher, and Owen Price of the Greens.

Ms Farouk, a community nurse, says her priority is a health centre for the ward. Mr Leckie, who
runs a building firm, promises to get the dairy site moving. Mrs Wills says she is standing because
she is “tired of party politics deciding things that should be decided by neighbours”, while Mr
Price wants safer walking routes to the ward's two primary schools.

The Ledger will host a hustings at St Barnabas church hall on the evening of the 7th, where all
four candidates have agreed to answer readers' questions.

## What voters say

On the doorstep, the issues are familiar: potholes, the number 7 bus, and the empty former dairy
site on Quarry Street, which has been waiting for a housing scheme for six years.

> “I have lived here forty years and I have never seen the roads this bad,” said Doreen Platt, who
was walking her dog past St Barnabas church hall, which will be the polling station. “Whoever fixes
the potholes gets my vote.”

The result could narrow the administration's majority on the council from four to two. Polling
stations will be open from 7am to 10pm, and voters need photo identification; a list of accepted
documents is on the [council's elections page](https://elections.wrenhaven.example/voter-id).
""",
        extra=("turnout", "tight", "opposition", "questions"),
        topic="the by-election",
        place="Castle Hill",
        tags=("Local democracy", "Housing", "City council"),
        authors=("dev-okafor",),
        picture=("terrace", "autumn"),
        alt=(
            "Terraced houses on Castle Hill on an autumn afternoon, with young trees along the "
            "pavement"
        ),
        caption="About 7,400 voters on Castle Hill have been sent polling cards.",
        credit="Harbour Ledger/Ines Albescu",
    ),
    DemoStory(
        slug="council-meetings-streamed-live",
        section="politics",
        hours_ago=-4,
        headline="Council meetings to be streamed live online from next month",
        standfirst=(
            "Every full council and committee meeting will be broadcast and archived, after years "
            "of requests from residents."
        ),
        body="""
All meetings of Wrenhaven City Council and its main committees will be streamed live online from
next month, the council has confirmed, ending years in which residents could only follow decisions
by sitting in the public gallery or reading the minutes weeks later.

The council chamber is being fitted with cameras and microphones at a cost of £45,000. Recordings
will stay online for at least four years, and subtitles will be added automatically.

> “Democracy should not depend on whether you can get to city hall at 2pm on a Tuesday,” said the
council's chief executive, Miriam Osei.

The Ledger has argued for broadcasting meetings since the budget meeting two years ago, when more
than 200 people were turned away from the gallery.

Streams will be available on the [council's meetings
page](https://wrenhaven.example/meetings/live).
""",
        extra=("questions", "turnout", "papers"),
        topic="the live streams",
        place="the public gallery",
        tags=("Local democracy", "City council"),
        authors=("dev-okafor",),
        picture=("civic", "morning"),
        alt=(
            "The front of Wrenhaven city hall on a clear morning, its clock tower above the columns"
        ),
        caption="Cameras are being fitted in the council chamber at city hall.",
        credit="Harbour Ledger/Ines Albescu",
    ),
    DemoStory(
        slug="questions-over-port-authority-board",
        section="politics",
        hours_ago=260,
        headline="Questions over port authority board appointments",
        standfirst=(
            "Two new members of the harbour's governing board run firms that hold port contracts. "
            "The authority says conflicts are properly managed."
        ),
        body="""
Two of the three new members appointed to the Wrenhaven Port Authority board this month are
directors of companies that hold contracts with the port, raising questions about how the body that
runs the harbour manages conflicts of interest.

One, Alan Crewe, is managing director of a stevedoring firm that handles most of the timber landed
at the port. The other, Patricia Vance, sits on the board of a marine fuel supplier.

The port authority is a public trust, not a council department, and its board is not elected. Its
chair, Bernard Fiske, said both appointments had followed an open process and that members with an
interest leave the room when contracts that concern them are discussed.

> “We want people on the board who understand how a working port operates,” Mr Fiske said. “That
will sometimes mean people who have worked in one.”

The authority's rules require board members to declare their interests in a register, which can be
inspected at its offices on the commercial quay by appointment. When the Ledger asked to see it,
staff said the register was being updated after the appointments and would be available next month.

Councillor Ellen Strachan, whose ward includes the harbour, said the public deserved more. “The
port is run for the whole city. The board should publish its register of interests online, not keep
it in a folder at reception.”
""",
        extra=("cargo", "foi", "opposition", "letters"),
        topic="the board appointments",
        place="the commercial quay",
        tags=("Harbour", "Local democracy"),
        authors=("dev-okafor", "hanna-lindqvist:Reporting"),
        picture=("port", "golden"),
        alt="Cranes and stacked containers on Wrenhaven's commercial quay in the evening sun",
        caption="Timber is the port's biggest cargo by weight.",
        credit="Coastline Agency/T. Brandt",
    ),
    DemoStory(
        slug="youth-council-free-bus-travel",
        section="politics",
        hours_ago=330,
        headline="Youth council asks for free bus travel for under-18s",
        standfirst=(
            "Teenagers told councillors that fares of £3.40 a day keep young people away from "
            "college, clubs and part-time jobs."
        ),
        body="""
Members of Wrenhaven's youth council have asked the city to pay for free bus travel for everyone
under 18, arguing that the cost of fares is shutting young people out of education, sport and work.

In a presentation to the transport committee on Wednesday, the group said a return journey between
Eastbank and the further education college on Station Road now costs £3.40, which adds up to more
than £600 over a school year.

> “Some of my friends walk an hour each way because they cannot afford the bus,” said Leah Mensah,
16, who chairs the youth council. “Others just stop going.”

Officers estimate the scheme would cost around £1.5 million a year. Councillors thanked the group
for what several called one of the best presentations they had heard, but made no commitment. The
committee asked officers to look at a cheaper option limited to students in full-time education.

The youth council's report, with a survey of 900 young people, is published on [its
website](https://youthcouncil.wrenhaven.example/bus-fares).
""",
        extra=("tight", "turnout", "questions"),
        topic="free bus travel for young people",
        place="Eastbank",
        tags=("Transport", "Local democracy", "Schools"),
        authors=("yusuf-demir",),
        picture=("skyline", "bright"),
        alt=(
            "Flats and offices along Station Road on a clear day, with street lamps by the bus "
            "stops"
        ),
        caption="A return fare from Eastbank to the college on Station Road costs £3.40.",
        credit="Harbour Ledger/Yusuf Demir",
    ),
    DemoStory(
        slug="fish-market-auction-goes-digital",
        section="business",
        hours_ago=14,
        headline="Fish market auction goes digital, but the dawn bell stays",
        standfirst=(
            "Buyers can now bid from their phones at Wrenhaven's 140-year-old fish market, which "
            "hopes to draw restaurants from across the region."
        ),
        body="""
The early-morning fish auction at Wrenhaven fish market moved online this week, allowing buyers to
bid on the day's landings from their phones as well as from the traditional ring by the Fishmarket
Steps.

Every box landed is now photographed, weighed and listed on the market's app before the auction
starts at 6am. Buyers on the floor still bid the old way, with a nod or a raised finger, and the
auctioneer enters their bids alongside the online ones.

## Reaching new buyers

The market's manager, Iris Kettle, said the aim was to reach restaurants and fishmongers up to two
hours' drive away who cannot get to Wrenhaven before dawn. In the first three days, 23 new buyers
registered.

The app was built by a small software firm in the city, and the market paid for it with a grant
from a national fisheries fund. Buyers pay a small fee for each lot they win online, which the
market expects to cover the cost of the system within three years.

> “We have rung the same bell at six o'clock since 1884,” she said. “We still ring it. Now people
hear it on their phones as well.”

Skippers said they hoped more competition would lift prices, which have been squeezed by rising
fuel costs. “If a chef in the city pays a pound more for my hake, that is my diesel paid,” said
Colin Tregear, who fishes from a ten-metre boat.
""",
        extra=("economy", "cargo", "energy-costs", "apprentices", "winters"),
        topic="the online auction",
        place="the Fishmarket Steps",
        tags=("Harbour", "Small business", "Jobs"),
        authors=("hanna-lindqvist", "ines-albescu:Photos"),
        picture=("harbour", "dawn"),
        alt="Small fishing boats with raised sails moored off the fish market at dawn",
        caption="Boats land their catch before the 6am auction.",
        credit="Harbour Ledger/Ines Albescu",
    ),
    DemoStory(
        slug="pellows-bakery-opens-fourth-shop",
        section="business",
        hours_ago=44,
        headline="Pellow's bakery opens its fourth shop, in Eastbank",
        standfirst=(
            "The family firm, started in a Tannery Lane kitchen in 1962, is taking on twelve new "
            "staff."
        ),
        body="""
Pellow's, the family bakery best known for its saffron buns and for queues down Tannery Lane on
Saturday mornings, has opened a fourth shop, on Eastbank's Bridge Street.

The new branch, in a former bank, has a small café and a window where customers can watch bread
being shaped. It has created twelve jobs, eight of them for people who live within a mile of the
shop.

> “My grandmother started this business with one oven and a lot of stubbornness,” said managing
director Ann Pellow. “Eastbank has been asking us for years. It felt like time.”

Ms Pellow said the firm had been cautious about expanding while energy prices were high, but had
fitted the new shop with electric ovens powered partly by solar panels on the roof.

The bakery's three other shops, on Tannery Lane, Mill Street and at the Old Quay, employ 41 people
between them.
""",
        extra=("customers", "energy-costs", "rates"),
        topic="the new shop",
        place="Bridge Street",
        tags=("Small business", "Jobs"),
        authors=("hanna-lindqvist",),
        picture=("market", "morning"),
        alt=(
            "Shopfronts on Bridge Street under striped awnings, with loaves and buns set out on "
            "the counters"
        ),
        caption="Pellow's new shop on Bridge Street opened on Monday.",
        credit="Harbour Ledger/Ines Albescu",
    ),
    DemoStory(
        slug="merrow-shipyard-wins-electric-ferry-order",
        section="business",
        hours_ago=88,
        headline="Merrow shipyard wins order for two electric ferries",
        standfirst=(
            "The £19m contract to build boats for the Gull Island crossing secures 180 jobs until "
            "the end of the decade."
        ),
        body="""
Merrow & Daughters, the last working shipyard on the Wrenhaven waterfront, has won a contract to
build two battery-electric ferries for the Gull Island crossing, securing work for its 180
employees for at least four years.

The £19 million order, placed by Gull Island Ferries with support from a government fund for
cleaner shipping, is the yard's biggest in two decades. The first ferry is due to enter service in
three years' time, with the second a year later.

## Charging on the quay

Each ferry will carry up to 250 passengers and 30 cars and recharge in the eight minutes it spends
alongside at either end of the crossing. New charging equipment will be installed at the Old Quay
and at the island slipway.

The hulls will be built in aluminium to save weight, with battery packs from a specialist supplier.
Merrow will fit out the vessels, install the electrical systems and run sea trials in the bay. It
is the first time the yard has built battery-powered boats, and several of its engineers have spent
the past year on courses learning to work with high-voltage equipment.

Gull Island Ferries says the new boats will cut its fuel bill by around two-thirds and end the
diesel fumes that hang over the Old Quay slipway on still mornings. Its two existing ferries, both
more than thirty years old, will be sold.

> “People told my mother that the days of building ships in Wrenhaven were over,” said managing
director Cath Merrow. “This proves them wrong twice.”

The yard plans to take on 25 apprentices over the course of the contract, working with the further
education college on Station Road.
""",
        extra=("economy", "apprentices", "chamber", "energy-costs", "cargo"),
        topic="the ferry contract",
        place="the shipyard",
        tags=("Ferries", "Jobs", "Energy", "Gull Island"),
        authors=("hanna-lindqvist", "sol-ferreira:Additional reporting"),
        picture=("port", "dawn"),
        alt="Tall cranes over the Merrow shipyard at dawn, with steel sections stacked on the quay",
        caption="The yard's slipway will be rebuilt to take the new ferries.",
        credit="Coastline Agency/T. Brandt",
    ),
    DemoStory(
        slug="empty-shops-fall-first-time-in-five-years",
        section="business",
        hours_ago=150,
        headline="Empty shops fall for the first time in five years",
        standfirst=(
            "A survey by the city centre partnership counted 31 vacant units, down from 44 last "
            "year, with independent food shops leading the recovery."
        ),
        body="""
The number of empty shops in central Wrenhaven has fallen for the first time in five years,
according to the annual survey by the city centre partnership, which counts every ground-floor unit
between the station and the Old Quay.

Surveyors found 31 vacant units this autumn, down from 44 a year ago, out of 412 in total. Most of
the new arrivals are independent businesses: cafés, bakeries, a bike repair workshop and two
second-hand clothing shops.

> “The high street is not dying, it is changing,” said the partnership's director, Omar Haddad.
“Big chains have left, and local people have stepped in.”

Landlords have helped by offering shorter leases and rent-free periods, the survey found. The
council's pop-up shop scheme, which lets new businesses take empty units for three months at a
peppercorn rent, has led to nine permanent lettings.

The full results are published on the [partnership's
website](https://citycentre.wrenhaven.example/survey).
""",
        extra=("footfall", "rates", "customers"),
        topic="the high street",
        place="Mill Street",
        tags=("Small business", "Jobs"),
        authors=("hanna-lindqvist",),
        picture=("market", "bright"),
        alt="Busy shopfronts with striped awnings along Mill Street on a sunny afternoon",
        caption="Mill Street now has only two empty shops.",
        credit="Harbour Ledger/Hanna Lindqvist",
    ),
    DemoStory(
        slug="cruise-calls-set-to-double",
        section="business",
        hours_ago=220,
        headline="Cruise calls set to double, but traders are split",
        standfirst=(
            "Forty ships are booked to visit Wrenhaven next season. Cafés welcome them; some "
            "residents worry about crowds on the Old Quay."
        ),
        body="""
Forty cruise ships are due to call at Wrenhaven next season, twice as many as this year, after the
port authority signed agreements with three operators who want to add the city to their routes
along the coast.

Most of the ships are small by cruise standards, carrying between 300 and 1,200 passengers. They
will anchor in the bay and bring passengers ashore by tender to the Old Quay.

> “A good cruise day is like a sunny bank holiday,” said Lena Voss, who runs a café by the
Fishmarket Steps. “I can take as much in one afternoon as in a quiet week.”

Others are less sure. Residents of the flats overlooking the quay say the first ships this year
brought crowds, coaches and litter, and that the benefits went mostly to a handful of businesses.
Research by the regional tourism board suggests cruise passengers spend on average £38 each ashore.

Councillor Ellen Strachan, who represents the harbour ward, said the city needed a plan for where
coaches would wait and where passengers would go. “Forty ships is not the end of the world,” she
said. “Forty ships without a plan might be.”

The port authority says it will cap calls at two ships a day and introduce a £2 levy per passenger
to pay for extra cleaning and toilets.
""",
        extra=("economy", "footfall", "customers", "winters", "anonymous"),
        topic="the cruise calls",
        place="the Old Quay",
        tags=("Harbour", "Small business"),
        authors=("hanna-lindqvist",),
        picture=("harbour", "golden"),
        alt="Boats crossing the bay in golden evening light, with low hills behind the harbour",
        caption="Passengers will come ashore by tender at the Old Quay.",
        credit="Coastline Agency/R. Okonjo",
    ),
    DemoStory(
        slug="old-customs-house-reopens-shared-offices",
        section="business",
        hours_ago=280,
        headline="Old customs house reopens as shared offices and café",
        standfirst=(
            "The Georgian building, empty for eleven years, now houses 60 desks, meeting rooms and"
            " a ground-floor café."
        ),
        body="""
The old customs house on Customs House Square has reopened as shared workspace, ending eleven years
in which the Georgian building stood empty behind hoardings and pigeon netting.

The conversion, by a community interest company set up by three local architects, has created 60
desks, four meeting rooms and a café on the ground floor that is open to the public. Desks cost
from £140 a month, with cheaper rates for people starting a business.

## From tax to tech

The building was completed in 1790 to collect duties on goods landed at the port, and the long room
where merchants once paid their dues is now the main workspace, with its plaster ceiling restored.

> “People kept telling us Wrenhaven needed somewhere for freelancers and small firms that was not a
kitchen table,” said co-founder Nadia Bell. “This building was sitting here waiting.”

About two-thirds of the desks have already been taken, mostly by designers, software developers and
a small film production company.
""",
        extra=("economy", "chamber"),
        topic="the customs house",
        place="Customs House Square",
        tags=("Small business", "Jobs", "Harbour"),
        authors=("hanna-lindqvist",),
        picture=("civic", "golden"),
        alt=(
            "The columned front of the old customs house on Customs House Square in late afternoon"
            " light"
        ),
        caption="The customs house stood empty for more than a decade.",
        credit="Harbour Ledger/Ines Albescu",
    ),
    DemoStory(
        slug="harbour-jobs-fair-draws-hundreds",
        section="business",
        hours_ago=400,
        headline="Harbour jobs fair draws 900 people looking for work",
        standfirst=(
            "Employers from the port, the shipyard and the care sector said they had more "
            "vacancies than applicants."
        ),
        body="""
More than 900 people visited the harbour jobs fair at the Drill Hall on Saturday, where 48
employers, from the port and the shipyard to care homes and the hospital, were recruiting.

Organisers said it was the busiest fair since they began running it eight years ago. Many of the
stands had more vacancies than they could fill: the hospital alone was looking for 70 people,
including porters, cooks and healthcare assistants.

> “I came for the shipyard and ended up talking to the lifeboat station about becoming a mechanic,”
said 19-year-old Callum Ross from the Saltings. “I did not even know that was a job.”

The fair was organised by the city's employment service with the further education college. Staff
helped with CVs and interview practice, and there was a crèche for parents.

A second fair, for apprenticeships, will take place in the spring.
""",
        extra=("apprentices", "economy", "energy-costs"),
        topic="the jobs fair",
        place="the Drill Hall",
        tags=("Jobs", "Harbour"),
        authors=("hanna-lindqvist", "yusuf-demir:Additional reporting"),
        picture=("market", "autumn"),
        alt="Employers' stands under striped awnings at the Drill Hall jobs fair",
        caption="Forty-eight employers took stands at the Drill Hall.",
        credit="Harbour Ledger/Ines Albescu",
    ),
    DemoStory(
        slug="heat-pump-grants-warm-homes-wrenhaven",
        section="environment",
        hours_ago=20,
        headline="Heat pump grants of up to £3,000 open to Wrenhaven homeowners",
        standfirst=(
            "The council's Warm Homes scheme will help about 600 households switch from gas "
            "boilers, with extra help for those on low incomes."
        ),
        body="""
Homeowners in Wrenhaven can apply from Monday for grants of up to £3,000 towards the cost of an
air-source heat pump, on top of the national boiler upgrade grant, under a new council scheme
called Warm Homes Wrenhaven.

The £1.8 million scheme, paid for from the council's climate fund and a regional energy grant, is
expected to help about 600 households over two years. Households on low incomes can get up to
£6,000 and a free survey of their home's insulation.

## What a heat pump costs

A typical installation in a three-bedroom terraced house costs between £10,000 and £13,000 before
grants. With the national grant and the city's top-up, many households would pay less than the
price of a new gas boiler, the council says.

Running costs depend on how well a home is insulated and on the price of electricity. The council's
own trial, in which 20 homes on Castle Hill switched two winters ago, found that most households
paid slightly less for heating than they had with gas, and that those who combined a heat pump with
loft and wall insulation saved the most.

> “The biggest barrier is not the technology, it is the upfront cost and the worry about getting it
wrong,” said council energy officer Tom Reddy. “We want to take away both.”

Not everyone on the trial was won over straight away. One resident told the Ledger that her system
had been noisy until an installer came back to move the outdoor unit, and another said it had taken
a winter to learn the controls. “You have to stop thinking of it as a boiler you turn up and down,”
he said. “It likes to tick along.”

## Who can apply

The scheme is open to owner-occupiers and to private landlords letting homes in the city. Council
tenants are covered by a separate programme, under which 1,200 council homes will be fitted with
heat pumps over five years. Applications will be handled in the order they arrive, and the council
expects the first installations within eight weeks.

Installers must be certified, and the scheme will publish a list of approved local firms. Details
of how to apply, and answers to common questions, are on the [Warm Homes Wrenhaven
website](https://wrenhaven.example/warm-homes).
""",
        extra=("emergency", "funding", "sceptics", "seasons", "dashboard", "letters"),
        topic="the heat pump grants",
        place="Castle Hill",
        tags=("Energy", "Climate", "Housing"),
        authors=("sol-ferreira",),
        picture=("terrace", "spring"),
        alt=(
            "A row of painted terraced houses with chimneys, street trees along the pavement in "
            "front"
        ),
        caption="About 600 homes are expected to switch from gas under the scheme.",
        credit="Harbour Ledger/Ines Albescu",
    ),
    DemoStory(
        slug="millbrook-river-cleanest-in-30-years",
        section="environment",
        hours_ago=66,
        headline="Millbrook river cleaner than at any time in 30 years, survey finds",
        standfirst=(
            "Trout and otters are back in the river's lower reaches, but sewage overflows after "
            "heavy rain remain a problem."
        ),
        body="""
The River Millbrook, which runs through the middle of Wrenhaven to the harbour, is cleaner than at
any time since records began three decades ago, according to a survey published this week by the
Bay Wildlife Trust.

Volunteers who tested the water every month for a year found lower levels of ammonia and phosphates
at nine of ten sampling points, and brown trout were recorded as far downstream as the Mill Street
weir for the first time in living memory.

> “Twenty years ago you would not have put your hand in the Millbrook by the tannery,” said the
trust's Dr Femi Adeyemi. “Now we have otter tracks on the bank behind the bus station.”

The improvement is credited largely to the end of industrial discharges and to upgrades at the
sewage works upstream. But the survey also recorded 41 occasions when storm overflows released
untreated sewage into the river after heavy rain.

The water company said it was spending £12 million on extra storage tanks to reduce overflows over
the next five years.
""",
        extra=("long-term", "rainfall", "dashboard"),
        topic="the state of the river",
        place="the Millbrook",
        tags=("Wildlife", "Climate"),
        authors=("sol-ferreira",),
        picture=("river", "spring"),
        alt="The Millbrook winding between green banks and trees upstream of the city",
        caption="The Millbrook above the Mill Street weir, where trout have returned.",
        credit="Coastline Agency/T. Brandt",
    ),
    DemoStory(
        slug="volunteers-plant-seagrass-kelp-bay",
        section="environment",
        hours_ago=110,
        headline="Volunteers plant 30,000 seagrass seeds in Kelp Bay",
        standfirst=(
            "The underwater meadows once covered much of the bay. Scientists hope to bring back a "
            "fish nursery and carbon store that was lost."
        ),
        body="""
More than 80 volunteers spent the weekend on the beach at Kelp Bay filling hessian bags with sand
and seagrass seeds, which divers then laid on the sea floor to restore the underwater meadows that
once carpeted the bay.

Seagrass beds shelter young fish, calm the waves that reach the shore and lock away carbon in the
seabed. Old charts suggest the meadows in the bay covered an area the size of a hundred football
pitches a century ago. Most were lost to disease, dredging and pollution.

> “This is the slowest kind of gardening there is,” said marine ecologist Dr Hannah Quayle, who
leads the project. “We will not know for two or three years whether it has worked.”

The seeds were collected by hand last summer from one of the few surviving beds off Gull Island.
Boat users are asked not to anchor in the planting area, which is marked by yellow buoys.
""",
        extra=("bay", "volunteers", "pupils"),
        topic="the seagrass project",
        place="Kelp Bay",
        tags=("Wildlife", "Climate", "Gull Island"),
        authors=("sol-ferreira",),
        picture=("underwater", "morning"),
        alt=(
            "Ribbons of seagrass on a sandy sea floor, with small fish and shafts of light from "
            "above"
        ),
        caption="An established seagrass bed off Gull Island, where the seeds were collected.",
        credit="Bay Wildlife Trust",
    ),
    DemoStory(
        slug="saltings-flood-barrier-consultation",
        section="environment",
        hours_ago=200,
        headline="Consultation opens on flood defences to protect the Saltings",
        standfirst=(
            "Three options for defending 1,100 homes from tidal flooding are on the table, from a "
            "higher embankment to a gate across the creek."
        ),
        body="""
Residents of the Saltings are being asked to choose between three designs for new flood defences,
as the council and the regional flood authority try to protect the low-lying neighbourhood from
rising sea levels and stronger storm surges.

About 1,100 homes in the Saltings sit below the level of the highest spring tides, protected by an
earth embankment built after the great flood of sixty years ago. Engineers say it will not be high
enough within 25 years.

## Three options

The first option would raise the embankment by a metre. The second would build a concrete wall
along the creek with glass panels to keep views of the water. The third, and most expensive, would
put a tidal gate across the mouth of Saltings Creek that closes only during storms.

Each option has drawbacks. A higher embankment would be cheapest, at an estimated £14 million, but
would take a strip of land from the bottom of several gardens on Marsh Road. The wall would cost
around £22 million and needs less land, but some residents fear it would make the creek feel like a
canal. The gate, at up to £38 million, would leave the creek looking as it does now on all but a
few days a year, but would need constant maintenance and a crew on call whenever a storm was
forecast.

The regional flood authority says it can fund roughly two-thirds of the cheapest option from
national budgets. Anything more expensive would need money from the council and possibly from
businesses in the area.

> “My house flooded eleven years ago and the tide mark is still on the wall under the new paint,”
said Elaine Crossley, who lives on Marsh Road. “I want whichever one goes up fastest.”

Drop-in sessions will be held at Saltings Primary School on the next three Thursday evenings, and
the plans can be seen on the [consultation website](https://wrenhaven.example/saltings-flood).
""",
        extra=("rainfall", "emergency", "sceptics", "funding", "anonymous"),
        topic="the flood defence plans",
        place="the Saltings",
        tags=("Climate", "Housing", "City council"),
        authors=("sol-ferreira", "mara-quint:Additional reporting"),
        picture=("marsh", "dusk"),
        alt=(
            "Saltings Creek at high tide at dusk, with reeds in the foreground and low houses on "
            "the far bank"
        ),
        caption="Saltings Creek at a spring tide, with the embankment beyond the reeds.",
        credit="Harbour Ledger/Ines Albescu",
    ),
    DemoStory(
        slug="eastbank-street-trees",
        section="environment",
        hours_ago=300,
        headline="400 street trees to be planted in Eastbank this winter",
        standfirst=(
            "Residents chose the streets and the species. The aim is cooler pavements in summer "
            "and fewer flooded drains."
        ),
        body="""
Four hundred new street trees will be planted across Eastbank between now and March, in the biggest
planting scheme in the city for a generation.

The streets were chosen by residents in a vote last summer, and each tree will carry a name plate
recording its species and the household or school that adopted it. Species include small-leaved
lime, hornbeam, rowan and wild cherry, chosen to cope with hotter summers and salty winds.

> “On the hottest day last year the pavement outside my house was too hot for my dog,” said Fatima
Noor, who lives on Dock Row and campaigned for the scheme. “Trees are the cheapest air conditioning
there is.”

The council says the trees will also help drainage by soaking up rainwater. Residents who adopt a
tree are asked to water it in dry spells for its first three summers. Planting days are open to
volunteers; details are on the [Eastbank Trees page](https://wrenhaven.example/eastbank-trees).
""",
        extra=("volunteers", "rainfall", "pupils"),
        topic="the tree planting",
        place="Eastbank",
        tags=("Climate", "Parks", "Community"),
        authors=("sol-ferreira", "yusuf-demir:Translation"),
        picture=("terrace", "autumn"),
        alt="Young trees planted along a street of terraced houses in Eastbank",
        caption="Residents on Dock Row chose rowan and wild cherry.",
        credit="Harbour Ledger/Yusuf Demir",
    ),
    DemoStory(
        slug="offshore-wind-cable-gull-island",
        section="environment",
        hours_ago=None,
        headline="Offshore wind cable could come ashore on Gull Island",
        standfirst=(
            "Developers of a proposed wind farm are surveying the island's north beach. Islanders "
            "want to know what is in it for them."
        ),
        body="""
The developers of a proposed offshore wind farm 30 kilometres out to sea have begun surveying the
north beach of Gull Island as a possible landing point for the cable that would bring the power
ashore.

The 60-turbine scheme, known as Outer Bank, would generate enough electricity for around 400,000
homes. The cable would run under the island and across the harbour mouth to a substation on the
edge of the port.

> “Nobody here is against wind power,” said Bryony Hale of the Gull Island residents' association.
“But if we are going to have diggers on our beach, we want to hear what the island gets back.”

The island's north beach is a nesting site for ringed plovers and little terns, and the Bay
Wildlife Trust says any work would have to avoid the breeding season between April and August. The
developer says the cable could be drilled under the beach rather than dug through it.

The developer, Outer Bank Wind, said it would hold public meetings on the island and in Wrenhaven
before submitting its plans. [Figures to be checked with the developer before publication.]
""",
        extra=("emergency", "bay"),
        topic="the cable plans",
        place="Gull Island",
        tags=("Energy", "Gull Island", "Climate"),
        authors=("sol-ferreira",),
        picture=("turbines", "bright"),
        alt="Wind turbines on the horizon beyond the dunes of Gull Island's north beach",
        caption="Turbines at an existing wind farm further along the coast.",
        credit="Coastline Agency/T. Brandt",
    ),
    DemoStory(
        slug="quayside-jazz-festival-floating-stage",
        section="culture",
        hours_ago=6,
        headline="Quayside Jazz Festival returns with a free stage on the harbour",
        standfirst=(
            "Forty acts will play over three days in August, with a floating stage moored off the "
            "Fishmarket Steps for the first time."
        ),
        body="""
The Quayside Jazz Festival will return for its 23rd year in August with forty acts across seven
venues, including, for the first time, a free stage on a pontoon moored off the Fishmarket Steps.

The line-up, announced on Thursday, mixes touring bands with the city's own musicians. Headliners
include the singer Delphine Amos and the Harbour Brass Collective, whose rowdy Sunday afternoon set
has become a festival tradition.

## A stage on the water

The floating stage is borrowed from a festival further up the coast, towed down by tug and fitted
with lights by students on the college's stage technology course. Audiences will watch from the
quayside, from the steps and, if the harbour master allows it, from small boats.

The festival has grown from a single weekend in the back room of the Anchor into one of the biggest
events in the city's calendar, drawing around 15,000 visitors last year. The organisers estimate
that it brought £1.3 million into the local economy, much of it spent in pubs, restaurants and
guest houses around the harbour.

This year's programme also includes a late-night session at the Seamen's Chapel, a brass band
parade from Customs House Square to the Old Quay on the Saturday morning, and free workshops for
young musicians run by members of the Harbour Brass Collective.

> “Jazz came into this city through the docks, on ships and in sailors' record collections,” said
festival director Marcus Vell. “Putting a stage on the water is our way of saying thank you.”

Tickets for the ticketed venues go on sale next Friday. Full listings are on the [festival
website](https://quaysidejazz.example/programme).
""",
        extra=("local-scene", "prices", "venues", "access", "workshops"),
        topic="the jazz festival",
        place="the Fishmarket Steps",
        tags=("Music", "Arts", "Harbour"),
        authors=("ruth-abernethy", "ines-albescu:Photos"),
        picture=("stage", "night"),
        alt=(
            "Musicians in silhouette under coloured spotlights, with festoon lights strung above "
            "the stage"
        ),
        caption="The Harbour Brass Collective closing last year's festival.",
        credit="Harbour Ledger/Ines Albescu",
    ),
    DemoStory(
        slug="lighthouse-museum-lens-restoration",
        section="culture",
        hours_ago=80,
        headline="Lighthouse keepers' museum wins grant to restore the old lens",
        standfirst=(
            "The Gull Island museum will use £240,000 of heritage lottery money to bring its giant"
            " 19th-century lens back to its best."
        ),
        body="""
The Lighthouse Keepers' Museum on Gull Island has been awarded £240,000 by the heritage lottery
fund to restore the giant glass lens that shone from the island's lighthouse for more than a
century.

The lens, nearly three metres tall and made of hundreds of hand-ground glass prisms, was taken down
when the light was automated and has stood in the museum's main room ever since, dusty and cracked
in places.

> “When the sun comes through the window in the afternoon, it throws rainbows all over the walls,”
said curator Elsie Varga. “Restored, it will show people what the keepers actually looked after
every night.”

The grant will also pay for a new exhibition on the families who lived and worked at the light,
using letters and photographs donated by their descendants. The museum is open from Easter to
October.
""",
        extra=("archive", "culture-fund", "access"),
        topic="the lens restoration",
        place="Gull Island",
        tags=("Gull Island", "Arts", "Harbour"),
        authors=("ruth-abernethy",),
        picture=("lighthouse", "dusk"),
        alt=(
            "The red and white lighthouse on Gull Island at dusk, its beam reaching out across the"
            " water"
        ),
        caption="The lighthouse was automated long ago, but its old lens survives in the museum.",
        credit="Coastline Agency/R. Okonjo",
    ),
    DemoStory(
        slug="dockers-choir-records-first-album",
        section="culture",
        hours_ago=125,
        headline="Old Quay Dockers' Choir records its first album of harbour songs",
        standfirst=(
            "The choir, founded by retired dock workers, recorded twelve songs in the Seamen's "
            "Chapel, four of them written by members."
        ),
        body="""
The Old Quay Dockers' Choir, which began twenty years ago as a handful of retired dock workers
singing in the back room of the Anchor pub, has recorded its first album, in the echoing nave of
the Seamen's Chapel by the Fishmarket Steps.

The album, Tide and Timber, has twelve songs: traditional work songs, two hymns and four new pieces
written by members about life on the docks before containers.

> “Some of these songs were only ever sung on a ship or in a pub,” said conductor Wilf Sandle, 78,
a former crane driver. “If we do not put them down, they go with us.”

The choir now has 46 members, and not all are dockers: it includes a vet, two nurses and a teenager
who joined with his grandfather. The album launch will be held at the chapel next month, with all
proceeds going to the lifeboat station.
""",
        extra=("local-scene", "culture-fund", "next-one"),
        topic="the choir's album",
        place="the Seamen's Chapel",
        tags=("Music", "Harbour", "Community"),
        authors=("ruth-abernethy",),
        picture=("stage", "golden"),
        alt="Singers in silhouette under warm lights at the front of the Seamen's Chapel",
        caption="The choir recorded the album over two evenings in the chapel.",
        credit="Harbour Ledger/Ines Albescu",
    ),
    DemoStory(
        slug="harbour-playhouse-season-tannery-play",
        section="culture",
        hours_ago=235,
        headline="Harbour Playhouse season opens with a play about the last tannery",
        standfirst=(
            "The new season at the 180-seat theatre includes three premieres by local writers and "
            "a Christmas show set on a ferry."
        ),
        body="""
The Harbour Playhouse will open its autumn season next month with Hides, a new play about the
closure of the Tannery Lane works, which employed a thousand people in Wrenhaven at its height and
shut for good forty years ago.

The play, by the Wrenhaven-born writer Ruairi Fenn, follows three generations of one family over
the tannery's last summer. It is one of three premieres by local writers this season.

## Also on stage

Other highlights include a touring production of a Chekhov comedy, a week of short plays by pupils
from the city's secondary schools, and the Christmas show, The Night Ferry, in which a crossing to
Gull Island goes magically off course.

The Playhouse, a former chapel on Tannery Lane converted into a theatre fifty years ago, has had a
difficult few years. It closed for a season to repair its roof and lost its regional arts funding
two years ago. Audiences have since recovered to about 80 per cent of capacity, helped by a
membership scheme that now has more than 2,000 members.

> “We are a small theatre in a city with big stories,” said artistic director Noor Castell. “Our
job is to put them on stage before they are forgotten.”

Tickets range from £8 to £22, with a pay-what-you-can performance of every show. The full season is
on the [Playhouse website](https://harbourplayhouse.example/season).
""",
        extra=("local-scene", "venues", "audiences", "prices", "workshops", "next-one"),
        topic="the new season",
        place="the Harbour Playhouse",
        tags=("Arts", "Schools"),
        authors=("ruth-abernethy",),
        picture=("stage", "dusk"),
        alt=(
            "Actors in silhouette on a dark stage under crossing spotlights at the Harbour "
            "Playhouse"
        ),
        caption="Rehearsals for Hides, which opens the Playhouse season next month.",
        credit="Harbour Playhouse/Jon Tait",
    ),
    DemoStory(
        slug="net-menders-mural-ropewalk",
        section="culture",
        hours_ago=350,
        headline="Giant mural of net-menders unveiled on the Ropewalk",
        standfirst=(
            "The 30-metre painting, on the side of a former rope store, is based on photographs "
            "from the city archive."
        ),
        body="""
A 30-metre mural of women mending fishing nets on the harbour wall has been unveiled on the side of
the old rope store on the Ropewalk, after six weeks of painting by the artist Tilde Marsh and a
team of young volunteers.

The design is based on photographs in the city archive from the 1930s, when dozens of women worked
on the quay repairing nets for the herring fleet, often for a few pennies a net.

> “These women held the fishing industry together with their hands, and hardly anyone remembers
their names,” said Ms Marsh. “I wanted them to be twenty feet tall.”

Descendants of some of the women in the photographs came to the unveiling, and the archive is
collecting their memories for a small exhibition at the central library next spring.
""",
        extra=("culture-fund", "archive", "workshops"),
        topic="the mural",
        place="the Ropewalk",
        tags=("Arts", "Harbour", "Community"),
        authors=("ruth-abernethy", "yusuf-demir:Additional reporting"),
        picture=("abstract", "golden"),
        alt=(
            "Detail of the Ropewalk mural: bold circles and bands of colour suggesting nets, sea "
            "and sky"
        ),
        caption="Tilde Marsh's mural on the Ropewalk took six weeks to paint.",
        credit="Harbour Ledger/Ines Albescu",
    ),
    DemoStory(
        slug="childrens-poems-on-city-buses",
        section="culture",
        hours_ago=420,
        headline="Poems by schoolchildren go on display on city buses",
        standfirst=(
            "Twenty short poems about the harbour city, chosen from 1,300 entries, will ride the "
            "number 3, 7 and 12 routes until summer."
        ),
        body="""
Passengers on Wrenhaven's buses will find poems among the adverts from this week, after twenty
poems written by schoolchildren were printed on panels inside 60 buses.

The poems were chosen from 1,300 entries to a competition run by the central library and Wrenhaven
Buses. The theme was “my city”, and the winners range in age from six to seventeen.

One of the youngest winners, eight-year-old Zainab Osman from Eastbank, wrote about the sound of
the ferry horn at night. The oldest, Finn Hargreaves, 17, wrote about his grandfather's allotment
on Castle Hill.

> “Poetry should be somewhere you bump into it,” said librarian Joan Ebo, who judged the
competition. “A bus on a wet Monday morning is exactly that place.”

All 1,300 poems will be collected in a book, to be given to every school library in the city.
""",
        extra=("workshops", "culture-fund", "letters"),
        topic="the poetry competition",
        place="the central library",
        tags=("Arts", "Schools", "Transport"),
        authors=("ruth-abernethy",),
        picture=("abstract", "spring"),
        alt=(
            "A colourful poster panel of overlapping shapes, the design framing the winning poems "
            "on the buses"
        ),
        caption="The winning poems are printed on panels above the seats.",
        credit="Wrenhaven Buses",
    ),
    DemoStory(
        slug="harbour-juniors-win-under-14-cup-on-penalties",
        section="sport",
        hours_ago=4,
        headline="Harbour Juniors win under-14 cup final on penalties",
        standfirst=(
            "A save by goalkeeper Maisie Cole settled a tense final against Castle Hill Colts in "
            "front of 800 spectators at Westerly Park."
        ),
        body="""
Harbour Juniors won the Wrenhaven under-14 cup for the first time in eleven years on Sunday,
beating Castle Hill Colts 4–3 on penalties after a 1–1 draw in front of around 800 spectators at
Westerly Park.

Castle Hill took the lead just before half-time through a header by Reuben Adu from a corner.
Harbour Juniors equalised ten minutes from the end when Jess Carney curled a free kick over the
wall and in off the crossbar.

## The shoot-out

With the shoot-out level at 3–3, goalkeeper Maisie Cole dived to her left to save the Colts' fifth
penalty, and the Harbour Juniors bench sprinted onto the pitch.

> “I just watched his hips, like our coach told us,” said Cole, 13. “Then I did not really see
anything because everyone was on top of me.”

It was a final that swung one way and then the other. Castle Hill hit the post twice in the first
half, and Harbour Juniors' striker Tariq Bello had a goal ruled out for offside soon after the
break, to loud complaints from the home end. Both goalkeepers made important saves in the last ten
minutes, and the referee, a teacher at Saltings Primary, was applauded off by both sets of
supporters.

Coach Leanne Orme praised both teams. “Castle Hill were brilliant and they will be gutted,” she
said. “But these girls and boys have trained through every wet Tuesday since September, and they
deserved this.”

The trophy was presented by the Wrenhaven Rovers captain, Danny Okoro, who told the players he had
lost the same final twice as a boy.
""",
        extra=("crowd", "grassroots", "teenagers", "first-aid", "results"),
        topic="the cup final",
        place="Westerly Park",
        tags=("Football", "Community", "Schools"),
        authors=("kit-morrow", "ines-albescu:Photos"),
        picture=("pitch", "bright"),
        alt=(
            "A green pitch at Westerly Park in front of a packed stand, with the ball near the "
            "centre circle"
        ),
        caption="The final drew Westerly Park's biggest youth crowd in years.",
        credit="Harbour Ledger/Ines Albescu",
    ),
    DemoStory(
        slug="gig-rowers-brave-choppy-bay-regatta",
        section="sport",
        hours_ago=36,
        headline="Gig rowers brave a choppy bay for the Wrenhaven regatta",
        standfirst=(
            "Thirty-two crews from along the coast raced six-oared boats around Gull Island. The "
            "home club took two titles."
        ),
        body="""
Thirty-two crews rowed in the Wrenhaven gig regatta on Saturday, racing six-oared wooden boats on a
course around Gull Island in a stiff south-westerly that turned the far side of the island into a
washing machine.

The home club, Wrenhaven Gig Rowing Club, won the women's open race and the mixed veterans' race,
and finished second in the men's open behind a crew from Bellmouth.

> “The first half was lovely and the second half was like rowing up a staircase,” said Wrenhaven's
stroke, Kerry Penrose, whose crew won the women's race by three boat lengths.

Gigs were once used to race pilots out to ships arriving at the harbour mouth; the first boat to
reach a ship won the job of guiding it in. The club, which has 140 members, trains from the slipway
by the lifeboat station three evenings a week and runs taster sessions for beginners on Sunday
mornings.
""",
        extra=("grassroots", "directory", "memories"),
        topic="the regatta",
        place="the lifeboat slipway",
        tags=("Harbour", "Gull Island", "Community"),
        authors=("kit-morrow",),
        picture=("regatta", "bright"),
        alt="Two six-oared gigs racing through choppy water, with Gull Island on the horizon",
        caption="Wrenhaven's women's crew on their way to victory.",
        credit="Coastline Agency/T. Brandt",
    ),
    DemoStory(
        slug="rovers-appoint-nils-hagen-manager",
        section="sport",
        hours_ago=100,
        headline="Wrenhaven Rovers appoint Nils Hagen as manager",
        standfirst=(
            "The former Rovers midfielder returns after six years coaching abroad, with the team "
            "fourth from bottom of the league."
        ),
        body="""
Wrenhaven Rovers have appointed their former midfielder Nils Hagen as manager on a contract until
the end of next season, a month after Steve Larkin left the club by mutual consent.

Hagen, 41, made more than 200 appearances for the Rovers before a knee injury ended his career, and
has spent the past six years coaching youth teams abroad. He takes over with the club fourth from
bottom and without a win in seven matches.

> “This is the club where I learned everything,” Hagen said at his first press conference at the
Millbrook ground. “I know what it means to people here. My job is simple: make them proud to come
on a Saturday.”

Chairman Roy Tresize said Hagen had been the board's first choice. “We wanted someone who
understands this city, and someone who believes in young players,” he said.

Hagen inherits a squad short of confidence and of fit defenders, with three first-choice players
injured. He said his first job would be to watch the under-18s and the reserves, and that anyone
who trained well would get a chance. “Nobody here has a fixed place,” he said. “Not even the ones I
used to play with.”

Hagen's first match in charge is at home to Bellmouth Town on Saturday.
""",
        extra=("teenagers", "results"),
        topic="the new manager's arrival",
        place="the Millbrook ground",
        tags=("Football", "Jobs"),
        authors=("kit-morrow",),
        picture=("pitch", "night"),
        alt=(
            "The pitch at the Millbrook ground under a night sky, with the stand full of supporters"
        ),
        caption="Nils Hagen's first match in charge is at home on Saturday.",
        credit="Harbour Ledger/Kit Morrow",
    ),
    DemoStory(
        slug="harbour-swim-sells-out-in-a-day",
        section="sport",
        hours_ago=180,
        headline="Harbour swim sells out in a day as 600 sign up",
        standfirst=(
            "The mile-long swim from the North Mole to the Old Quay raises money for the lifeboat "
            "station."
        ),
        body="""
All 600 places in this summer's Wrenhaven harbour swim were taken within a day of entries opening,
the organisers said, making it the fastest sell-out in the event's fifteen-year history.

The one-mile course starts at the end of the North Mole and finishes at the Old Quay slipway, with
safety cover from kayakers, the harbour launch and the lifeboat crew. The harbour master closes the
inner harbour to boats for the morning.

> “Open water swimming has exploded in the last few years,” said race organiser Gemma Lowe. “We get
swimmers who have trained for a year and swimmers who just want to say they did it. Both are
welcome.”

Entrants must show that they can swim a mile in open water, and the organisers are running practice
swims in the inner harbour on Sunday mornings through the spring, supervised by lifeguards.
Wetsuits are recommended but not compulsory: the water on the day has ranged from 14 to 18 degrees.

This year's event is expected to raise more than £40,000 for the lifeboat station. A waiting list
has opened, and some places are usually released in the final fortnight.
""",
        extra=("directory", "memories"),
        topic="the harbour swim",
        place="the Old Quay",
        tags=("Harbour", "Community"),
        authors=("kit-morrow",),
        picture=("swim", "morning"),
        alt="Swimmers in bright caps setting off from the end of the North Mole across calm water",
        caption="Last year's swim set off in glassy conditions.",
        credit="Harbour Ledger/Ines Albescu",
    ),
    DemoStory(
        slug="ropewalk-basketball-court-reopens",
        section="sport",
        hours_ago=250,
        headline="Ropewalk basketball court reopens after teenagers raise £18,000",
        standfirst=(
            "Players who were fed up with broken hoops and a cracked surface ran a two-year "
            "campaign to fix it."
        ),
        body="""
The basketball court on the Ropewalk reopened on Friday with a new surface, new hoops and
floodlights, two years after a group of teenagers who played there every evening started a campaign
to fix it.

The group, who call themselves the Ropewalk Ballers, raised £18,000 through sponsored shoot-outs,
car washes and an online appeal, and persuaded the council to match it from the parks budget.

> “People used to say the court was where kids went to cause trouble,” said Amir Haddad, 17, one of
the organisers. “Actually it is where we go to stay out of it.”

The court was painted by the mural artist Tilde Marsh in blue and orange. Free coaching sessions
will run on Saturday mornings, with a girls-only session on Wednesday evenings.
""",
        extra=("teenagers", "sports-council", "grassroots", "directory"),
        topic="the court's revival",
        place="the Ropewalk",
        tags=("Community", "City council", "Parks"),
        authors=("kit-morrow", "yusuf-demir:Reporting"),
        picture=("court", "bright"),
        alt=(
            "A freshly painted outdoor basketball court in orange and pink, with new hoops and "
            "floodlights"
        ),
        caption="The resurfaced court on the Ropewalk.",
        credit="Harbour Ledger/Yusuf Demir",
    ),
    DemoStory(
        slug="westerly-park-run-500th-event",
        section="sport",
        hours_ago=460,
        headline="Westerly Park Saturday run celebrates its 500th event",
        standfirst=(
            "More than 700 runners, walkers and dogs turned out for the milestone, including three"
            " people who have done it more than 400 times."
        ),
        body="""
More than 700 people took part in the 500th Westerly Park Saturday 5k at the weekend, the biggest
turnout since the free weekly run started nearly ten years ago.

Runners, joggers, walkers, prams and a good number of dogs completed two laps of the park and a
stretch of the Millbrook towpath, followed by cake in the café by the boating lake.

> “It started with eleven of us and a stopwatch,” said founder Dilys Morgan, who has run 461 of the
500 events. “Now I recognise faces at the supermarket that I only know from the finish funnel.”

The oldest participant on Saturday was 87-year-old Bert Lanyon, who walked the course with his
granddaughter in 58 minutes. The run is organised entirely by volunteers and needs around 25
helpers each week. Anyone can take part, and there is no need to book.
""",
        extra=("grassroots", "directory", "memories"),
        topic="the Saturday run",
        place="Westerly Park",
        tags=("Community", "Parks"),
        authors=("kit-morrow",),
        picture=("hills", "spring"),
        alt=(
            "A path winding through Westerly Park on a spring morning, with rolling hills and "
            "trees beyond"
        ),
        caption="The 500th run sets off past the boating lake.",
        credit="Harbour Ledger/Kit Morrow",
    ),
]
