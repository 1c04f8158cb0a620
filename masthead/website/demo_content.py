"""Original demo content for the Masthead Daily demo site.

Everything here was written for this project: the people, companies, clubs, books and
quotations are invented, and the stories are deliberately generic. The data is plain
Python so that a management command can load it without touching the network.

``hours_ago`` is relative to the moment the content is loaded, so the archive always
spans roughly the last month.
"""

# name, slug, kind ("agency" | "staff" | "partner"), credit
SOURCES = [
    {
        "name": "Xinhua",
        "slug": "xinhua",
        "kind": "agency",
        "credit": "Xinhua",
    },
    {
        "name": "AP",
        "slug": "ap",
        "kind": "agency",
        "credit": "AP",
    },
    {
        "name": "Reuters",
        "slug": "reuters",
        "kind": "agency",
        "credit": "Reuters",
    },
    {
        "name": "AFP",
        "slug": "afp",
        "kind": "agency",
        "credit": "AFP",
    },
    {
        "name": "Anadolu",
        "slug": "anadolu",
        "kind": "agency",
        "credit": "Anadolu Agency",
    },
    {
        "name": "Masthead Daily",
        "slug": "staff",
        "kind": "staff",
        "credit": "Masthead Daily",
    },
]

# Desk editors, columnists, reporters and a photographer (all invented).
PEOPLE = [
    {
        "name": "Helen Zhou",
        "slug": "helen-zhou",
        "role": "editor",
        "job_title": "World desk editor",
        "bio": (
            "Helen Zhou edits the world and nation pages. She previously worked as a "
            "correspondent covering trade and diplomacy across Southeast Asia."
        ),
    },
    {
        "name": "Marcus Webb",
        "slug": "marcus-webb",
        "role": "editor",
        "job_title": "Metro desk editor",
        "bio": (
            "Marcus Webb runs the metro desk and oversees the paper's neighbourhood "
            "and special report coverage. He has lived in the city for twelve years."
        ),
    },
    {
        "name": "Li Jiayi",
        "slug": "li-jiayi",
        "role": "editor",
        "job_title": "Business and opinion editor",
        "bio": (
            "Li Jiayi edits the business pages and the opinion section. She began her "
            "career as a markets reporter."
        ),
    },
    {
        "name": "Tom Okafor",
        "slug": "tom-okafor",
        "role": "editor",
        "job_title": "Sport and video editor",
        "bio": (
            "Tom Okafor edits sport and video. He is a former semi-professional "
            "goalkeeper who still plays five-a-side every Thursday."
        ),
    },
    {
        "name": "Chen Ruoxi",
        "slug": "chen-ruoxi",
        "role": "columnist",
        "job_title": "Urban affairs columnist",
        "bio": (
            "Chen Ruoxi writes a weekly column on streets, parks and everyday life in "
            "the city. She trained as a landscape architect."
        ),
    },
    {
        "name": "Daniel Hartley",
        "slug": "daniel-hartley",
        "role": "columnist",
        "job_title": "Columnist",
        "bio": (
            "Daniel Hartley writes about life in the city from the point of view of a "
            "newcomer. He moved here from Manchester five years ago."
        ),
    },
    {
        "name": "Wang Meilin",
        "slug": "wang-meilin",
        "role": "columnist",
        "job_title": "Books columnist",
        "bio": (
            "Wang Meilin reviews fiction and non-fiction for the paper. She has taught "
            "literature at secondary schools in the city for two decades."
        ),
    },
    {
        "name": "Sun Haoran",
        "slug": "sun-haoran",
        "role": "reporter",
        "job_title": "Metro reporter",
        "bio": (
            "Sun Haoran covers transport, housing and local government. He grew up in "
            "Hongkou and still cycles to work."
        ),
    },
    {
        "name": "Priya Nair",
        "slug": "priya-nair",
        "role": "reporter",
        "job_title": "Business reporter",
        "bio": (
            "Priya Nair reports on companies, markets and small business. She joined "
            "the paper after several years at a financial newswire."
        ),
    },
    {
        "name": "Guo Tingting",
        "slug": "guo-tingting",
        "role": "reporter",
        "job_title": "Culture and science reporter",
        "bio": (
            "Guo Tingting writes about arts, heritage, science and the environment. "
            "She holds a degree in biology."
        ),
    },
    {
        "name": "Felix Brandt",
        "slug": "felix-brandt",
        "role": "reporter",
        "job_title": "Sports reporter",
        "bio": (
            "Felix Brandt covers football, basketball and community sport across the "
            "Yangtze River Delta."
        ),
    },
    {
        "name": "Ma Jun",
        "slug": "ma-jun",
        "role": "photographer",
        "job_title": "Staff photographer",
        "bio": (
            "Ma Jun photographs and films news, sport and daily life for the paper. "
            "His river series has been shown in two community exhibitions."
        ),
    },
]

SPECIAL_REPORTS = [
    {
        "slug": "river-city",
        "title": "The River City",
        "intro": (
            "A series on the people, places and work that shape life along the Huangpu "
            "River and Suzhou Creek, from ferry crews and flood engineers to anglers, "
            "artists and neighbours who have rediscovered the water on their doorstep."
        ),
    },
    {
        "slug": "small-shops-big-city",
        "title": "Small Shops, Big City",
        "intro": (
            "Independent bakers, menders and market traders keep neighbourhoods "
            "running. This series looks at how small businesses are adapting to rising "
            "costs and changing habits."
        ),
    },
]

# Newest first. Paragraphs are plain text; the lead is never repeated.
ARTICLES = [
    {
        "section": "news/metro",
        "slug": "wet-week-ahead-rainy-season",
        "title": "Wet week ahead as the rainy season settles over the city",
        "kicker": "Weather",
        "lead": (
            "Forecasters expect persistent rain, high humidity and occasional "
            "thunderstorms through the weekend, with the heaviest downpours likely on "
            "Thursday night."
        ),
        "paragraphs": [
            (
                "The city's meteorological service said a slow-moving band of cloud "
                "would bring rain on most days this week, with daytime temperatures in "
                "the high twenties and little relief at night. Humidity is expected to "
                "stay above 80 percent, making it feel warmer than the thermometer "
                "suggests."
            ),
            (
                "A yellow rainstorm warning may be issued on Thursday if the forecast "
                "band of heavy showers develops as expected. Forecasters advised "
                "commuters to allow extra time, and drivers to avoid underpasses that "
                "are prone to flooding during intense bursts of rain."
            ),
            (
                '"This is a typical pattern for the season," said duty forecaster Lu '
                'Jingwen. "The rain will come and go, so there will be dry spells, '
                "but it is sensible to carry an umbrella every day and keep an eye on "
                'the warnings."'
            ),
            (
                "Drainage crews have cleared gullies in several low-lying "
                "neighbourhoods over the past fortnight, and pumping stations have "
                "been placed on standby. Residents can report blocked drains or "
                "standing water through the city's public service hotline, which "
                "operates around the clock."
            ),
            (
                "The outlook for next week is for somewhat drier conditions, though "
                "forecasters said the season could continue for several more weeks. "
                "Gardeners and farmers in the outer districts have been told to check "
                "drainage around crops and greenhouses. Allotment holders were also "
                "advised to stake young plants."
            ),
        ],
        "source": "staff",
        "author": "guo-tingting",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "marcus-webb",
        "regions": [],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 2,
        "image": {
            "motif": "wave",
            "palette": "slate",
            "alt": (
                "Illustration of heavy rain falling over grey rooftops with umbrellas "
                "in the street below"
            ),
            "caption": "Forecasters expect rain on most days this week.",
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "in-focus",
        "slug": "yangpu-riverside-path-last-gap-closes",
        "title": (
            "Last gap in the Yangpu riverside path closes, opening a continuous "
            "waterfront walk"
        ),
        "kicker": "Waterfront",
        "lead": (
            "A 900-metre stretch beside a former shipyard opened to walkers and "
            "cyclists on Saturday morning, completing a continuous path along the "
            "district's riverbank."
        ),
        "paragraphs": [
            (
                "By seven o'clock the first joggers were already testing the new "
                "boardwalk, which runs between a row of restored cranes and a planted "
                "slope that was a fenced-off storage yard until last spring. Families "
                "followed later in the morning, many pausing at a viewing deck built "
                "on the footings of an old loading pier."
            ),
            (
                "District engineers said the section had been the hardest to finish "
                "because the bank at that point is narrow and the flood wall could not "
                "be moved. The solution was a cantilevered walkway that projects over "
                "the water at high tide, supported on piles driven deep enough to "
                "leave the wall itself untouched."
            ),
            (
                '"People have been asking us for years when they would be able to '
                'walk the whole way without a detour onto the main road," said Zhao '
                "Minghui, a project manager with the district's construction office. "
                '"This morning they can. That is the simplest way to measure whether '
                'the work was worth it."'
            ),
            (
                "The path is lit until eleven at night and includes two drinking "
                "fountains, a bicycle repair stand and a small public toilet block "
                "clad in recycled timber. Planting along the slope uses native reeds "
                "and grasses chosen to cope with salt spray and the occasional storm "
                "surge."
            ),
            (
                "Residents of the older housing blocks set back from the river said "
                "the opening had changed how they thought about the neighbourhood. "
                '"We used to have our backs to the water," said retired teacher Fang '
                'Lirong, who walked the new section with her granddaughter. "Now the '
                'river is the reason to come outside."'
            ),
            (
                "The district plans to add more benches and several shade structures "
                "over the summer. It says it will decide where to place them after "
                "collecting feedback from visitors through a short survey posted at "
                "each entrance and on the district's official social media account."
            ),
        ],
        "source": "staff",
        "author": "sun-haoran",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "marcus-webb",
        "regions": ["yangpu", "hongkou"],
        "opinion_kind": "",
        "special_report": "river-city",
        "hours_ago": 3,
        "image": {
            "motif": "river",
            "palette": "dawn",
            "alt": (
                "Illustration of a riverside boardwalk at sunrise with cranes "
                "silhouetted against a pale orange sky"
            ),
            "caption": (
                "The new boardwalk runs between restored dockside cranes and a planted "
                "slope."
            ),
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "news/world",
        "slug": "health-ministers-pandemic-preparedness-talks",
        "title": "Health ministers open talks on financing for pandemic preparedness",
        "kicker": "Global health",
        "lead": (
            "Delegates from dozens of countries began a week of meetings on how to pay "
            "for early warning systems, vaccine manufacturing and stockpiles of "
            "medical supplies."
        ),
        "paragraphs": [
            (
                "The talks, hosted at an international conference centre beside the "
                "lake, brought together health and finance officials as well as "
                "representatives of development banks and charitable foundations. "
                "Organisers said the aim was to agree on principles for a long-term "
                "funding mechanism rather than on specific sums."
            ),
            (
                "Several lower-income countries have argued that they need help "
                "building laboratories and training health workers so that outbreaks "
                "can be detected and contained close to where they begin. Wealthier "
                "nations have stressed the importance of transparency and regular "
                "reporting on how funds are spent."
            ),
            (
                '"Every outbreak that is stopped early saves lives and money," said '
                "Dr Amara Sesay, a public health adviser attending on behalf of a "
                'regional health network. "The question is not whether we can afford '
                'preparedness but whether we can afford to go without it."'
            ),
            (
                "Delegates are also discussing how to share manufacturing capacity for "
                "vaccines and treatments more widely, so that supplies can be produced "
                "in several regions rather than concentrated in a handful of "
                "countries. Supporters say regional production would shorten delivery "
                "times in an emergency and create skilled jobs."
            ),
            (
                "A draft statement is expected at the end of the week, though "
                "diplomats cautioned that detailed arrangements, including how "
                "contributions would be calculated, would require further rounds of "
                "negotiation later in the year. Observers said agreement on principles "
                "alone would still mark progress."
            ),
        ],
        "source": "afp",
        "author": None,
        "original_byline": "By Claire Duval",
        "dateline": "GENEVA",
        "desk_editor": "helen-zhou",
        "regions": [],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 4,
        "image": {
            "motif": "globe",
            "palette": "slate",
            "alt": (
                "Illustration of a globe surrounded by small medical cross symbols on "
                "a slate background"
            ),
            "caption": "Delegates are discussing a long-term funding mechanism.",
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "news/nation",
        "slug": "rail-extra-trains-summer-peak",
        "title": "Rail operators add extra trains ahead of the summer travel peak",
        "kicker": "Travel",
        "lead": (
            "The national railway operator plans to run additional passenger services "
            "during the summer holidays, with overnight trains and extra capacity on "
            "popular family routes."
        ),
        "paragraphs": [
            (
                "The extra trains will run on high-speed and conventional lines "
                "linking major cities with coastal resorts, mountain scenic areas and "
                "university towns. Operators said ticket bookings for the first weeks "
                "of the holiday were already running ahead of last year on several "
                "routes."
            ),
            (
                "A number of overnight sleeper services will return to timetables for "
                "the season, allowing travellers to cover long distances without "
                "paying for a hotel. Railway officials said sleeper berths had proved "
                "popular with families travelling with young children. Several routes "
                "will also add extra carriages at weekends."
            ),
            (
                "Stations are also preparing for larger crowds, with more staff at "
                "ticket gates and information desks, additional seating in waiting "
                "halls and longer opening hours for food outlets. Volunteers will be "
                "on hand at major hubs to help elderly passengers and those travelling "
                "alone for the first time."
            ),
            (
                '"Our priority is that passengers can travel safely and '
                'comfortably," said Ma Qingsong, a railway operations official. "We '
                "encourage people to book early, check their departure station "
                "carefully and arrive in good time, especially on the busiest "
                'weekends." He added that refunds and changes could be made online.'
            ),
            (
                "Passengers can buy tickets through the official booking platform, "
                "which this year adds a feature that alerts users when seats become "
                "available on trains that were previously sold out. Officials said the "
                "feature had been tested on several busy routes during the spring "
                "holidays and would now be available nationwide."
            ),
        ],
        "source": "xinhua",
        "author": None,
        "original_byline": "By Zhang Wenhao",
        "dateline": "BEIJING",
        "desk_editor": "helen-zhou",
        "regions": [],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 6,
        "image": {
            "motif": "train",
            "palette": "slate",
            "alt": (
                "Illustration of a high-speed train crossing a viaduct over green hills"
            ),
            "caption": (
                "Extra services will run on routes popular with families and students."
            ),
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "video",
        "slug": "watch-night-shift-cross-river-ferry",
        "title": "Watch: A night shift aboard a cross-river ferry",
        "kicker": "Video",
        "lead": (
            "Our video team spent a night with the crew of a Huangpu River ferry, from "
            "the last commuter run to the pre-dawn crossings that carry market traders "
            "to work."
        ),
        "paragraphs": [
            (
                "The ferry makes the short crossing between Huangpu and Pudong dozens "
                "of times a shift, and its crew of five know many of their regular "
                "passengers by sight. In the video, captain Yuan Dezhi explains how he "
                "reads the tide and the wash from passing barges to bring the boat "
                "alongside the pier without a bump."
            ),
            (
                "Deckhand Li Xiaoqin describes the rhythm of the night: a rush of "
                "office workers until about ten, a quieter stretch when the boat "
                "carries mostly cyclists and couples looking at the lights, and then, "
                "before dawn, the first wave of workers heading to markets and "
                "building sites."
            ),
            (
                '"At night the river belongs to the barges and to us," Yuan says in '
                'the film. "You learn to listen for their engines long before you see '
                'them, and you learn which captains like to cut across the channel." '
                "The crew share a thermos of tea between crossings."
            ),
            (
                "The eight-minute report was filmed by staff photographer Ma Jun over "
                "several nights and forms part of our series on working lives along "
                "the river. It can be watched on our website and on our official video "
                "channels. The next film in the series visits a tugboat crew."
            ),
        ],
        "source": "staff",
        "author": "sun-haoran",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "tom-okafor",
        "regions": ["huangpu", "pudong"],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 8,
        "image": {
            "motif": "river",
            "palette": "harbour",
            "alt": (
                "Illustration of a small ferry crossing a dark river with city lights "
                "reflected on the water"
            ),
            "caption": "The ferry crew know many of their regular passengers by sight.",
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "news/business",
        "slug": "port-container-traffic-steady",
        "title": (
            "Port operators report steady container traffic as shipping schedules "
            "settle"
        ),
        "kicker": "Shipping",
        "lead": (
            "Terminal operators in the Yangtze River Delta say container volumes held "
            "steady last month, helped by more reliable vessel schedules and firm "
            "demand for machinery."
        ),
        "paragraphs": [
            (
                "Operators at several deep-water terminals said vessel arrivals had "
                "become more predictable in recent months after a period of frequent "
                "delays, allowing them to plan crane and labour shifts further ahead. "
                "Average waiting times at anchor fell compared with the previous "
                "quarter, according to figures shared with customers."
            ),
            (
                "Outbound cargo was led by machinery parts, household electronics and "
                "solar equipment, while inbound volumes were supported by agricultural "
                "goods and industrial raw materials. Analysts cautioned that a single "
                "month of stable numbers did not yet amount to a trend, and that the "
                "picture could change quickly."
            ),
            (
                '"Shippers are still cautious about the second half of the year," '
                "said Ruth Calloway, a freight analyst at a logistics consultancy. "
                '"Bookings look healthy, but many customers are keeping inventories '
                'lean and ordering closer to the date they actually need the goods."'
            ),
            (
                "Terminals in Ningbo and Pudong have both invested in automated yard "
                "equipment and remote-controlled cranes over the past few years, which "
                "operators say has helped them absorb sudden surges when several large "
                "vessels arrive at once. Both ports have also extended rail links to "
                "inland cities, moving more boxes off the roads."
            ),
            (
                "Freight rates on major east-west routes eased slightly over the "
                "month, according to industry indices, after rising earlier in the "
                "year. Operators said they expected a seasonal lift in volumes ahead "
                "of the autumn retail season in Europe and North America."
            ),
        ],
        "source": "reuters",
        "author": None,
        "original_byline": "By Anna Lindqvist",
        "dateline": "SHANGHAI",
        "desk_editor": "li-jiayi",
        "regions": ["pudong", "ningbo"],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 9,
        "image": {
            "motif": "chart",
            "palette": "harbour",
            "alt": (
                "Illustration of stacked shipping containers beside a rising line "
                "chart in blue tones"
            ),
            "caption": (
                "Container volumes held steady as vessel schedules became more "
                "predictable."
            ),
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "news/sport",
        "slug": "city-cup-final-pudong-riverside-win",
        "title": "Pudong Riverside edge Suzhou Canal 2-1 to lift the City Cup",
        "kicker": "Football",
        "lead": (
            "A late header from substitute Gao Yifan gave Pudong Riverside a dramatic "
            "victory in front of a sell-out crowd at the final of the amateur City "
            "Cup."
        ),
        "paragraphs": [
            (
                "Suzhou Canal had taken the lead midway through the first half when "
                "their captain, Ding Hao, curled a free kick over the wall and into "
                "the top corner. The visitors defended deep for much of the second "
                "half, frustrating a Riverside side that dominated possession but "
                "struggled to create clear chances."
            ),
            (
                "The equaliser came with twenty minutes remaining, as winger Lei "
                "Chenxi cut inside from the left and drove a low shot past the "
                "goalkeeper. Riverside's coach then sent on Gao, a 19-year-old "
                "university student, who rose above two defenders in the 88th minute "
                "to head home a corner."
            ),
            (
                '"I have scored in the park with my friends, but never in front of '
                'this many people," said Gao, still wearing his winner\'s medal. "I '
                "didn't hear anything when the ball went in. Then suddenly everyone "
                'was on top of me."'
            ),
            (
                "Suzhou Canal's coach, Xie Bo, said his players had nothing to be "
                'ashamed of. "We came here as the smaller club and gave them a real '
                'game," he said. "One moment decided it. That is football, and we '
                'will learn from it."'
            ),
            (
                "The City Cup is open to amateur and semi-professional clubs from "
                "across the Yangtze River Delta. This year's edition featured 64 "
                "teams, with the final held at a district stadium filled to its "
                "capacity of around 8,000. Both finalists qualify automatically for "
                "next year's competition."
            ),
        ],
        "source": "staff",
        "author": "felix-brandt",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "tom-okafor",
        "regions": ["pudong", "suzhou"],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 12,
        "image": {
            "motif": "stadium",
            "palette": "ember",
            "alt": (
                "Illustration of a floodlit football stadium with a player rising to "
                "head the ball"
            ),
            "caption": "Pudong Riverside won the final with an 88th-minute header.",
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "news/metro",
        "slug": "minhang-bus-network-redesign",
        "title": "Minhang redraws its bus network to cut transfers on a dozen routes",
        "kicker": "Transport",
        "lead": (
            "A redesigned bus network in Minhang will run more direct services between "
            "residential areas and metro stations from next month, the district's "
            "transport bureau said."
        ),
        "paragraphs": [
            (
                "The changes affect twelve routes, several of which have been merged "
                "or straightened after planners studied a year of anonymised smartcard "
                "data. The aim is to reduce the number of passengers who need to "
                "change buses to reach a metro station, a hospital or a major school."
            ),
            (
                "Some lightly used stops will be removed, while others will be moved "
                "closer to building entrances and pedestrian crossings. Frequencies on "
                "the busiest corridors will rise to one bus every six minutes at peak "
                "times, and evening services will run later on three routes."
            ),
            (
                '"We looked at where people actually travel, not where the routes '
                'happened to go twenty years ago," said Tang Wei, a planner with the '
                "district's transport bureau. \"In many cases the new route is simpler "
                'and faster, even if a familiar stop has moved a short distance."'
            ),
            (
                "Not every passenger is pleased. A group of residents in an older "
                "compound near the edge of the district said the removal of their "
                "nearest stop would add several minutes' walk for elderly neighbours. "
                "The bureau said it would add a community shuttle on weekday mornings."
            ),
            (
                "Printed maps of the new network are available at metro stations and "
                "neighbourhood offices, and journey planners in popular navigation "
                "apps are being updated ahead of the switchover. Staff in bright vests "
                "will be posted at the busiest stops during the first fortnight to "
                "help passengers find their way."
            ),
        ],
        "source": "staff",
        "author": "sun-haoran",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "marcus-webb",
        "regions": ["minhang"],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 14,
        "image": {
            "motif": "train",
            "palette": "harbour",
            "alt": (
                "Illustration of a city bus on a simplified route map drawn in blue "
                "lines"
            ),
            "caption": (
                "Twelve Minhang routes will be merged or straightened from next month."
            ),
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "opinion",
        "slug": "our-streets-need-more-places-to-sit",
        "title": "Our streets need more places to sit down",
        "kicker": "Chen Ruoxi",
        "lead": (
            "A city that wants people to walk must also give them somewhere to rest. "
            "Benches are cheap, and their absence says more about our priorities than "
            "we admit."
        ),
        "paragraphs": [
            (
                "Watch any busy street for ten minutes and you will see people "
                "perching: on the edge of planters, on the steps of shops, on the low "
                "wall of a car park. Older people lean on railings. Parents balance "
                "toddlers on their knees at bus stops. They are not being unruly. They "
                "are simply tired, and there is nowhere else to sit."
            ),
            (
                "Benches have fallen out of favour in some planning circles because "
                "they are said to attract loitering or to need constant cleaning. Both "
                "concerns are real, but both are manageable. A well-placed bench, in "
                "view of shops and windows, tends to be used by exactly the people a "
                "neighbourhood wants to welcome: grandparents, shoppers, workers on a "
                "break."
            ),
            (
                "The benefits are larger than they seem. For an older resident, "
                "knowing there is a seat every few hundred metres can decide whether a "
                "walk to the market is possible at all. For shops, people who sit tend "
                "to linger and spend. For the street itself, a few occupied benches "
                "make it feel watched over and safe."
            ),
            (
                "Our city has made real progress on riverside paths, parks and "
                "greenways. The next step is less glamorous: a systematic survey of "
                "where people actually need to rest, followed by seats, shade and, "
                "where possible, a tap of drinking water."
            ),
            (
                "None of this requires grand designs. It requires a decision that "
                "sitting down in public is a normal thing to do, and that a good "
                "street is one where you can stop as well as move. Let us start "
                "counting benches the way we count parking spaces."
            ),
        ],
        "source": "staff",
        "author": "chen-ruoxi",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "li-jiayi",
        "regions": [],
        "opinion_kind": "chinese-views",
        "special_report": None,
        "hours_ago": 16,
        "image": {
            "motif": "leaf",
            "palette": "dawn",
            "alt": (
                "Illustration of an empty wooden bench beneath a plane tree on a quiet "
                "pavement"
            ),
            "caption": "A bench every few hundred metres can make a walk possible.",
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "in-focus",
        "slug": "night-markets-reshape-the-evening",
        "title": "After dark: how the city's night markets are reshaping the evening",
        "kicker": "Night economy",
        "lead": (
            "From pop-up food stalls beside office towers to late-opening bookshops, "
            "evening trade is growing, and so are questions about noise, litter and "
            "last trains."
        ),
        "paragraphs": [
            (
                "On a Friday evening in a Jing'an side street, the queue for grilled "
                "skewers stretches past a florist that now stays open until ten. "
                "Across the road, a vintage clothing stall has set up beneath a string "
                "of bulbs, and a trio of students is selling hand-drawn postcards from "
                "a folding table."
            ),
            (
                "Scenes like this have become more common since several districts "
                "began designating evening trading zones, where licensed vendors can "
                "operate on set nights with shared waste collection and portable "
                "toilets provided by the organisers. Traders say the arrangement "
                "lowers the cost of trying out a business idea before committing to a "
                "shop lease."
            ),
            (
                '"A month of weekends here costs me less than one week of rent on a '
                'real shopfront," said Du Xiaomei, who sells ceramic cups she makes '
                'in a shared studio in Xuhui. "If people like the work, I learn that '
                "quickly. If they don't, I haven't lost my savings.\""
            ),
            (
                "Not everyone is convinced. Residents living above some of the busier "
                "streets have complained about noise after midnight, and one zone in "
                "Huangpu shortened its hours this spring after a petition gathered "
                "several hundred signatures. Organisers now employ stewards to remind "
                "crowds to keep their voices down as stalls pack away."
            ),
            (
                "Transport is the other pressure point. Many visitors rely on the "
                "metro, and the last trains on some lines leave central stations well "
                "before the stalls close. The city's transport authority said it was "
                "studying passenger counts on weekend nights and would consider later "
                "services where demand was consistent."
            ),
            (
                'For economists, the appeal is clear. "Evening trade spreads spending '
                'across more hours and more neighbourhoods," said Professor Liang Wei '
                "of a local university's business school. \"The challenge is to let it "
                "grow without making the street unliveable for the people who sleep "
                'there."'
            ),
        ],
        "source": "staff",
        "author": "priya-nair",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "li-jiayi",
        "regions": ["jingan", "xuhui", "huangpu"],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 20,
        "image": {
            "motif": "market",
            "palette": "ember",
            "alt": (
                "Illustration of a narrow street at night lined with lantern-lit food "
                "stalls and small crowds"
            ),
            "caption": (
                "Licensed evening trading zones now operate on set nights in several "
                "districts."
            ),
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "news/world",
        "slug": "nairobi-forum-drought-tolerant-farming",
        "title": (
            "Nairobi forum puts drought-tolerant farming at the centre of climate talks"
        ),
        "kicker": "Climate",
        "lead": (
            "Farmers, scientists and officials from across East Africa gathered to "
            "share methods for growing food in a region facing longer and more "
            "frequent dry spells."
        ),
        "paragraphs": [
            (
                "The three-day forum featured demonstrations of drought-tolerant seed "
                "varieties, small-scale irrigation systems and techniques for "
                "capturing rainwater in shallow pits around crops. Organisers said "
                "they had deliberately invited farmers to speak alongside researchers. "
                "Many of the farmers had travelled for two days by bus to attend."
            ),
            (
                "Several speakers highlighted the role of weather information sent by "
                "text message, which helps farmers decide when to plant and when to "
                "hold back. Others described community seed banks that store local "
                "varieties known to cope well with heat and poor soil."
            ),
            (
                '"We do not need to wait for big projects to start adapting," said '
                "Joseph Kamau, a farmer from a semi-arid county who grows sorghum and "
                'beans. "Small changes, shared between neighbours, can make the '
                'difference between a harvest and no harvest."'
            ),
            (
                "Researchers at the forum stressed that adaptation needed to go hand "
                "in hand with access to credit and markets, so that farmers could "
                "afford new seeds and sell any surplus at a fair price. Several banks "
                "attending the forum described small loans tied to harvest dates."
            ),
            (
                "Participants agreed to set up an online network to exchange results "
                "from field trials, with the first reports due before the next "
                "planting season. Organisers said they hoped to hold the next forum in "
                "a rural area so that more farmers could attend."
            ),
        ],
        "source": "ap",
        "author": None,
        "original_byline": "By Grace Wambui",
        "dateline": "NAIROBI",
        "desk_editor": "helen-zhou",
        "regions": [],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 26,
        "image": {
            "motif": "leaf",
            "palette": "sand",
            "alt": (
                "Illustration of sorghum stalks growing in dry, sand-coloured fields "
                "under a hazy sun"
            ),
            "caption": (
                "Drought-tolerant seed varieties were demonstrated at the forum."
            ),
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "special/special-reports",
        "slug": "river-city-the-ferry-regulars",
        "title": "The ferry regulars: the commuters who still cross the river by boat",
        "kicker": "The River City",
        "lead": (
            "Tunnels and bridges carry most of the traffic across the Huangpu, but "
            "thousands of people still choose the ferry every day. We asked them why."
        ),
        "paragraphs": [
            (
                "At a quarter to eight on a weekday morning, the pier on the Pudong "
                "side is busy with cyclists, scooter riders and walkers clutching "
                "breakfast. The crossing takes a few minutes and costs a couple of "
                "yuan, and for many passengers it is the quickest way to reach offices "
                "and schools on the other bank."
            ),
            (
                "Some have been making the trip for decades. Han Guiying, a retired "
                "factory worker who now crosses to look after her grandson, remembers "
                'when the boats were packed. "People stood shoulder to shoulder with '
                'their bicycles," she said. "Now there is room to breathe and look '
                'at the water."'
            ),
            (
                "Others are newer converts. Software tester Ding Ran switched from the "
                'metro last year after moving into a flat near the river. "It is the '
                'only part of my commute where I look up from my phone," he said. '
                '"You see the weather coming, the barges, the birds. It resets my '
                'head before work."'
            ),
            (
                "Ferry operators have upgraded several piers in recent years with "
                "covered waiting areas and bicycle ramps, and some routes now run "
                "later into the evening. Passenger numbers have held up better than "
                "many expected, helped by tourists and by residents who use the boats "
                "for weekend outings."
            ),
            (
                'For the regulars, the appeal is hard to put into numbers. "It is a '
                'small trip," Han said, as the boat nudged against the pier. "But '
                'every morning I cross a river. Not many people can say that." Then '
                "she wheeled her bicycle off the boat and into the morning."
            ),
        ],
        "source": "staff",
        "author": "sun-haoran",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "marcus-webb",
        "regions": ["huangpu", "pudong"],
        "opinion_kind": "",
        "special_report": "river-city",
        "hours_ago": 28,
        "image": {
            "motif": "river",
            "palette": "harbour",
            "alt": (
                "Illustration of commuters with bicycles on the open deck of a ferry "
                "crossing a wide river"
            ),
            "caption": "For many passengers the ferry is the quickest way across.",
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "news/business",
        "slug": "lanqiao-half-year-profit-overseas-orders",
        "title": (
            "Appliance maker Lanqiao lifts half-year profit on overseas orders; shares "
            "edge up"
        ),
        "kicker": "Earnings",
        "lead": (
            "Suzhou-based Lanqiao Home Electric reported a rise in first-half profit "
            "as export sales of compact air purifiers and dishwashers offset softer "
            "demand at home."
        ),
        "paragraphs": [
            (
                "The company said net profit for the six months rose by about 12 "
                "percent from a year earlier, while revenue grew more slowly as it cut "
                "prices on several older models sold through domestic online "
                "platforms. Overseas sales accounted for just over a third of total "
                "revenue, up from roughly a quarter two years ago."
            ),
            (
                "Chief financial officer Xu Peilin told analysts on a conference call "
                "that smaller kitchen appliances designed for apartments had sold "
                'particularly well in Southeast Asia and parts of Europe. "Our '
                "customers abroad increasingly live in homes like ours, with limited "
                'space," she said. "That plays to our strengths."'
            ),
            (
                "The company kept its full-year guidance unchanged, citing uncertainty "
                "over raw material costs and shipping rates. It said it would open a "
                "second assembly line at its Suzhou plant before the end of the year "
                "and hire around 300 additional workers."
            ),
            (
                "Shares in Lanqiao rose modestly in morning trading before settling "
                "slightly higher by the close. Several brokerages reiterated their "
                "ratings, with one analyst noting that margins had improved for a "
                "third consecutive quarter as the company shifted its product mix "
                "toward higher-end models."
            ),
            (
                "Investors will be watching the company's research spending, which it "
                "has increased steadily as it develops quieter motors and more "
                "efficient heat pumps. Lanqiao said research and development costs now "
                "account for around five percent of revenue, and that it plans to open "
                "a design centre in Hangzhou."
            ),
        ],
        "source": "staff",
        "author": "priya-nair",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "li-jiayi",
        "regions": ["suzhou"],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 30,
        "image": {
            "motif": "chart",
            "palette": "slate",
            "alt": (
                "Illustration of a bar chart rising beside outlines of a dishwasher "
                "and an air purifier"
            ),
            "caption": (
                "Overseas sales now make up just over a third of Lanqiao's revenue."
            ),
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "news/metro",
        "slug": "songjiang-library-midnight-trial",
        "title": (
            "Songjiang library branch stays open until midnight in three-month trial"
        ),
        "kicker": "Culture",
        "lead": (
            "A branch library near Songjiang's university town will keep its reading "
            "rooms open until midnight on weekdays, responding to requests from "
            "students and shift workers."
        ),
        "paragraphs": [
            (
                "The trial began this week, with the ground-floor reading room, study "
                "carrels and self-service borrowing machines available after the "
                "regular closing time of nine o'clock. Two members of staff and a "
                "security guard work the late shift, and visitors enter with a library "
                "card or identity card."
            ),
            (
                "Librarians said the first few nights had drawn a steady crowd, "
                "ranging from students preparing for examinations to nurses and "
                "restaurant workers who finish late and want somewhere quiet to read "
                "before going home. On the busiest night, staff counted more than 140 "
                "visitors after nine o'clock."
            ),
            (
                '"I work until ten, and by the time I got here the doors used to be '
                'locked," said Ren Yuxuan, a kitchen worker who has been reading his '
                'way through a shelf of history books. "Now I can sit for an hour '
                'with a book. It feels like the library was built for me too."'
            ),
            (
                "The library will track attendance and energy use during the trial "
                "before deciding whether to make the hours permanent. Staff said they "
                "were also considering a small late-night programme of talks and "
                "reading groups if demand holds up over the summer."
            ),
            (
                "Other districts have experimented with round-the-clock self-service "
                "reading rooms in recent years, often housed in small pavilions with "
                "automated doors. The Songjiang trial differs in keeping the full "
                "library, and its staff, available late into the evening. Librarians "
                "said the human contact mattered to many late visitors."
            ),
        ],
        "source": "staff",
        "author": "guo-tingting",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "marcus-webb",
        "regions": ["songjiang"],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 40,
        "image": {
            "motif": "book",
            "palette": "dawn",
            "alt": (
                "Illustration of a lit library window at night with rows of shelves "
                "and a reader at a desk"
            ),
            "caption": "The reading room now stays open until midnight on weekdays.",
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "opinion",
        "slug": "what-a-newcomer-learns-at-the-morning-market",
        "title": "What a newcomer learns at the morning market",
        "kicker": "Daniel Hartley",
        "lead": (
            "I arrived in this city with a guidebook and a list of famous sights. It "
            "was the neighbourhood wet market that taught me how the place really "
            "works."
        ),
        "paragraphs": [
            (
                "My first visit was a small disaster. I pointed at things, overpaid "
                "for ginger and left with far more spring onions than any household "
                "could use. The stallholder, a patient woman in rubber boots, threw in "
                "a handful of coriander and laughed at my attempt to say thank you. I "
                "went back the next day, mainly out of embarrassment."
            ),
            (
                "Over the following months the market became my classroom. I learnt "
                "the names of vegetables I had never seen, the rhythm of the seasons "
                "told through bamboo shoots and water chestnuts, and the etiquette of "
                "the queue, which is more flexible than it looks but firmer than it "
                "seems."
            ),
            (
                "I also learnt something about trust. Regular customers rarely check "
                "the scales. They know the vendors, and the vendors know them. When I "
                "finally earned a nod of recognition from the tofu seller, it felt "
                "like a kind of citizenship that no document could provide."
            ),
            (
                "Newcomers to any city are told to see the landmarks, and they should. "
                "But if you want to understand how people live, go where they shop for "
                "dinner. Arrive early, buy a little, come back tomorrow. The city will "
                "reward your curiosity with conversation, and sometimes with free "
                "coriander."
            ),
        ],
        "source": "staff",
        "author": "daniel-hartley",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "li-jiayi",
        "regions": [],
        "opinion_kind": "foreign-views",
        "special_report": None,
        "hours_ago": 45,
        "image": {
            "motif": "market",
            "palette": "sand",
            "alt": (
                "Illustration of a vegetable stall piled with greens, ginger and "
                "bamboo shoots"
            ),
            "caption": "The neighbourhood market as a classroom for newcomers.",
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "in-focus",
        "slug": "city-prepares-for-summer-heat",
        "title": (
            "Cooling rooms, shaded stops and earlier shifts: the city readies for "
            "summer heat"
        ),
        "kicker": "Summer",
        "lead": (
            "Districts are opening air-conditioned rest rooms and adjusting outdoor "
            "working hours as forecasters warn of another hot summer."
        ),
        "paragraphs": [
            (
                "In Pudong, community centres have begun posting signs advertising "
                "cool rooms open to anyone during the hottest part of the day, with "
                "chilled drinking water, chairs and a nurse on call. Staff say last "
                "year's pilot drew mostly older residents and delivery riders looking "
                "for a quiet half hour out of the sun."
            ),
            (
                "Minhang has taken a different approach, installing fabric canopies "
                "over forty of its busiest bus stops and planting fast-growing shade "
                "trees along several walking routes to schools. Officials said the "
                "canopies are designed to be taken down in autumn so they do not block "
                "winter sunlight."
            ),
            (
                "Employers are also being encouraged to move outdoor work away from "
                "midday. Construction sites across several districts have shifted "
                "their schedules to start at dawn and pause in the early afternoon, "
                "while sanitation crews are being issued cooling vests and new "
                "guidance on rest breaks."
            ),
            (
                "\"Heat builds up slowly in the body and people often don't notice "
                'until they are already unwell," said Dr Hu Yanping, an emergency '
                'physician at a district hospital. "The most useful advice is also '
                "the most boring: drink before you are thirsty, check on elderly "
                'neighbours, and never leave anyone in a parked car."'
            ),
            (
                "The city's meteorological service publishes heat warnings at three "
                "colour-coded levels and sends alerts by text message. Residents can "
                "find a map of cool rooms on district websites and at neighbourhood "
                "committee offices, where volunteers are also collecting the names of "
                "older people living alone who would like a daily phone call."
            ),
        ],
        "source": "staff",
        "author": "guo-tingting",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "marcus-webb",
        "regions": ["pudong", "minhang"],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 50,
        "image": {
            "motif": "wave",
            "palette": "sand",
            "alt": (
                "Illustration of heat shimmering over a bus stop shaded by a fabric "
                "canopy"
            ),
            "caption": (
                "Minhang has fitted fabric canopies to forty of its busiest bus stops."
            ),
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "special/special-reports",
        "slug": "river-city-suzhou-creek-a-place-to-linger",
        "title": "How Suzhou Creek became a place to linger",
        "kicker": "The River City",
        "lead": (
            "Continuous paths now follow much of the creek's length. Residents "
            "describe how the change has reshaped their evenings and their sense of "
            "the neighbourhood."
        ),
        "paragraphs": [
            (
                "On a weekday evening, the path beside Suzhou Creek in Putuo hums with "
                "activity. Joggers weave past couples walking dogs, a group of women "
                "practise fan dancing on a small plaza, and older men sit on the "
                "railing simply watching the water. Not long ago, many of these "
                "stretches were closed off behind factory and warehouse walls."
            ),
            (
                "The opening of the banks has been gradual, stretch by stretch, as old "
                "buildings were repurposed and walls came down. Planners added "
                "lighting, planting and small plazas, and connected the paths on "
                "either side with footbridges so that walkers can make loops of "
                "different lengths."
            ),
            (
                '"I used to take the bus to the park on weekends," said Tao Meiling, '
                "who lives in a compound set back from the creek in Jing'an. \"Now I "
                "walk by the water every evening after dinner. I feel better for it, "
                'and I know half the people on the path by name."'
            ),
            (
                "Rowing clubs and birdwatchers say the creek has become livelier too. "
                "Herons and kingfishers can be spotted along quieter stretches early "
                "in the morning, and weekend training crews now share the water with "
                "paddleboarders. Local schools have begun using the banks for nature "
                "lessons."
            ),
            (
                "Challenges remain. Some sections are narrow, leading to friction "
                "between cyclists and pedestrians, and residents in buildings directly "
                "on the water have asked for limits on late-night noise. District "
                "officials say they are considering separate cycle routes on the "
                "busiest stretches."
            ),
        ],
        "source": "staff",
        "author": "guo-tingting",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "marcus-webb",
        "regions": ["putuo", "jingan"],
        "opinion_kind": "",
        "special_report": "river-city",
        "hours_ago": 54,
        "image": {
            "motif": "river",
            "palette": "forest",
            "alt": (
                "Illustration of a tree-lined creekside path with walkers and a small "
                "footbridge"
            ),
            "caption": "Footbridges link the paths on either bank of the creek.",
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "news/nation",
        "slug": "chengdu-tech-fair-service-robots",
        "title": "Service robots draw crowds at a technology fair in Chengdu",
        "kicker": "Technology",
        "lead": (
            "Robots that deliver meals, guide hotel guests and help care for older "
            "people were among the most popular exhibits at a four-day technology fair "
            "in Chengdu."
        ),
        "paragraphs": [
            (
                "More than 300 exhibitors took part in the fair, which focused on "
                "applications of robotics and artificial intelligence in everyday "
                "services. Visitors queued to watch a robot arm prepare noodles and to "
                "try out a wheelchair that can follow spoken directions."
            ),
            (
                "Several companies showcased robots designed for elderly care homes, "
                "able to remind residents to take medication, detect whether they have "
                "fallen and connect them to family members by video call. Developers "
                "said the machines were intended to support care workers rather than "
                "replace them."
            ),
            (
                '"The technology is ready for many simple tasks, but it has to fit '
                'into the way people actually live," said Luo Qian, an engineer with '
                'one of the exhibiting firms. "We spend as much time watching how '
                'nurses work as we do writing code."'
            ),
            (
                "Organisers said agreements worth several billion yuan had been signed "
                "during the fair, covering equipment purchases, research partnerships "
                "and pilot projects in hospitals and hotels across the western "
                "provinces. Organisers said next year's fair would add a section "
                "devoted to agricultural robots and drones for use on small hillside "
                "farms."
            ),
        ],
        "source": "xinhua",
        "author": None,
        "original_byline": "By He Lanting",
        "dateline": "CHENGDU",
        "desk_editor": "helen-zhou",
        "regions": ["chengdu"],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 60,
        "image": None,
    },
    {
        "section": "news/sport",
        "slug": "jingan-lions-overtime-win-xuhui-comets",
        "title": (
            "Jingan Lions force a deciding game with overtime win over Xuhui Comets"
        ),
        "kicker": "Basketball",
        "lead": (
            "Guard Shi Junjie scored 31 points, including the go-ahead three-pointer "
            "in overtime, as the Jingan Lions levelled the city league semi-final "
            "series at 2-2."
        ),
        "paragraphs": [
            (
                "The Lions trailed by nine points early in the fourth quarter before a "
                "run of stops on defence and quick baskets in transition brought them "
                "back into the game. Forward Bai Zhiqiang tied the score with a "
                "put-back layup in the final seconds of regulation to force overtime."
            ),
            (
                "In the extra period, Shi hit a three-pointer from the corner with "
                "just under a minute to play, and the Lions held on for a 98-94 win. "
                "The Comets, who had been hoping to close out the series, missed two "
                "shots on their final possession."
            ),
            (
                '"We talked at half-time about staying patient and trusting each '
                'other," Shi said. "When you are down in a game like this, you can '
                'either panic or keep playing your way. We kept playing our way." He '
                "finished the game with six assists and only one turnover."
            ),
            (
                "Comets coach Yin Feng praised his opponents but said his side had "
                "given away too many offensive rebounds late on. The deciding game "
                "will be played on Saturday evening at the Comets' home court, where "
                "tickets are expected to sell out quickly."
            ),
        ],
        "source": "staff",
        "author": "felix-brandt",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "tom-okafor",
        "regions": ["jingan", "xuhui"],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 70,
        "image": None,
    },
    {
        "section": "news/business",
        "slug": "markets-week-shares-mixed",
        "title": (
            "Markets week: shares finish mixed as investors weigh factory data and "
            "earnings"
        ),
        "kicker": "Markets",
        "lead": (
            "Regional stock markets ended a choppy week little changed, with gains in "
            "technology and consumer shares balanced by weakness among property "
            "developers and miners."
        ),
        "paragraphs": [
            (
                "Trading volumes were lighter than average for much of the week as "
                "investors waited for a run of factory surveys and a batch of "
                "quarterly results from large manufacturers. Benchmarks across the "
                "region swung between small gains and losses before closing within a "
                "narrow range on Friday afternoon."
            ),
            (
                "Chipmakers and consumer electronics companies led the gainers after "
                "several reported better-than-expected orders, while shares in "
                "property developers slipped on concerns about the pace of housing "
                "sales. Commodity producers were weighed down by softer metal prices "
                "over the week. Bank shares were steady after a quiet week of "
                "announcements."
            ),
            (
                '"The market is in a wait-and-see mood," said Olivia Brennan, a '
                'portfolio manager at an Asia-focused investment firm. "There is no '
                "shortage of good companies, but investors want clearer evidence that "
                'demand is picking up before they pay higher prices."'
            ),
            (
                "In currency markets, the yuan traded in a tight band against the "
                "dollar, and government bond yields were broadly stable. Oil prices "
                "edged lower amid expectations of ample supply, while gold held close "
                "to recent levels as some investors continued to look for safety."
            ),
            (
                "Next week's calendar includes retail sales figures from several "
                "economies and further earnings from banks and insurers, which "
                "analysts said could set the tone for the rest of the month. Fund "
                "managers also expect close attention to how companies describe their "
                "outlook for the second half."
            ),
        ],
        "source": "reuters",
        "author": None,
        "original_byline": "By Kenji Moriya",
        "dateline": "HONG KONG",
        "desk_editor": "li-jiayi",
        "regions": [],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 75,
        "image": None,
    },
    {
        "section": "special/special-reports",
        "slug": "river-city-engineers-who-watch-the-tides",
        "title": "Behind the floodwall: the engineers who watch the tides",
        "kicker": "The River City",
        "lead": (
            "A small team in a control room monitors water levels around the clock, "
            "ready to close floodgates when storms and high tides arrive together."
        ),
        "paragraphs": [
            (
                "The room is quiet most of the time. Screens show tide gauges at "
                "points along the river and its tributaries, rainfall readings from "
                "across the city and live images from cameras trained on floodgates. "
                "Engineers work in shifts of three, logging readings every hour and "
                "comparing them with forecasts."
            ),
            (
                "The busiest moments come during typhoon season, when strong winds can "
                "push seawater up the estuary at the same time as heavy rain swells "
                "the rivers. On those nights the team coordinates with pumping "
                "stations and district emergency offices, deciding when to close gates "
                "and where to send repair crews."
            ),
            (
                '"The tide is very predictable. The weather is not. Our job is to '
                'think about both at once," said senior engineer Dong Xiaoli, who has '
                'worked in flood control for more than twenty years. "When everything '
                'works, nobody notices we are here. That is how it should be."'
            ),
            (
                "Engineers also spend much of the year on routine work: inspecting "
                "floodwalls for cracks, testing gates and clearing debris from "
                "channels. After each storm, teams walk sections of the wall to look "
                "for damage and log anything that needs repair."
            ),
            (
                "The team runs open days twice a year, when school groups can visit "
                "the control room. Dong said the questions children ask are often the "
                'best. "They want to know what happens if the water wins," she said. '
                '"We tell them we plan so that it doesn\'t."'
            ),
        ],
        "source": "staff",
        "author": "sun-haoran",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "marcus-webb",
        "regions": ["huangpu"],
        "opinion_kind": "",
        "special_report": "river-city",
        "hours_ago": 78,
        "image": {
            "motif": "wave",
            "palette": "slate",
            "alt": (
                "Illustration of a floodgate in a concrete wall with rising grey water "
                "and a tide gauge"
            ),
            "caption": (
                "Engineers log water levels every hour and compare them with forecasts."
            ),
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "news/metro",
        "slug": "hongkou-market-reopens-new-roof",
        "title": (
            "Hongkou wet market reopens under a new roof after six months of repairs"
        ),
        "kicker": "Neighbourhoods",
        "lead": (
            "Stallholders returned to a renovated neighbourhood market in Hongkou this "
            "week, with better ventilation, brighter lighting and a new drainage "
            "system."
        ),
        "paragraphs": [
            (
                "The single-storey market, built in the 1990s, had suffered from leaks "
                "and poor air circulation for years. During the renovation its traders "
                "sold from temporary stalls in a nearby car park, where several said "
                "business had dropped by half. Some gave up and retired, while most "
                "waited for the reopening."
            ),
            (
                "The new roof uses translucent panels that let in daylight, and "
                "ceiling fans keep air moving over the fish and vegetable counters. A "
                "separate room has been built for poultry, and the floor has been "
                "relaid with a slight slope so that water drains away quickly after "
                "washing."
            ),
            (
                '"The old building was dark and the floor was always wet," said Pan '
                "Guoqiang, who has sold tofu at the market for more than twenty years. "
                '"Now customers can see what they are buying. Some of my regulars '
                'came back on the first morning just to look around."'
            ),
            (
                "Each stall now displays prices on a small digital screen, and a "
                "shared weighing station near the entrance allows shoppers to check "
                "their purchases. The market also has a small seating area where older "
                "residents can rest with their bags."
            ),
            (
                "The district says the market will keep its early opening hours, from "
                "half past five in the morning, and that rents for returning traders "
                "have been held at their previous level for the first year. Three new "
                "traders, including a young couple selling dumplings, have also taken "
                "stalls."
            ),
        ],
        "source": "staff",
        "author": "sun-haoran",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "marcus-webb",
        "regions": ["hongkou"],
        "opinion_kind": "",
        "special_report": "small-shops-big-city",
        "hours_ago": 88,
        "image": {
            "motif": "market",
            "palette": "ember",
            "alt": (
                "Illustration of a bright market hall with vegetable stalls under a "
                "translucent roof"
            ),
            "caption": "Traders returned to the renovated market hall this week.",
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "news/world",
        "slug": "veteran-ferry-returns-after-restoration",
        "title": "Veteran passenger ferry returns to service after restoration",
        "kicker": "Heritage",
        "lead": (
            "A passenger ferry that spent more than a decade out of service has "
            "resumed crossings in Istanbul following a painstaking restoration."
        ),
        "paragraphs": [
            (
                "Shipwrights replaced much of the vessel's wooden decking, rebuilt its "
                "saloon with polished timber and brass fittings and installed a modern "
                "engine that meets current emissions standards. The original hull, "
                "bridge and funnel were retained and repainted in their historic "
                "colours."
            ),
            (
                "The ferry will run on weekend sightseeing routes and special heritage "
                "trips, while continuing to carry commuters on selected weekday "
                "crossings. Operators said tickets would be priced the same as regular "
                "ferry fares so that residents could use it every day."
            ),
            (
                '"Many people in this city grew up on boats like this one," said '
                "Selin Aydin, a maritime historian who advised on the restoration. "
                '"Bringing it back is not only about preserving an object. It is '
                "about keeping a way of travelling, and a piece of shared memory, "
                'alive."'
            ),
            (
                "On its first crossing, passengers crowded the open decks to take "
                "photographs, and several older travellers said they remembered making "
                "the same journey as children. The operator plans to add a small "
                "exhibition on board about the history of the city's ferries."
            ),
        ],
        "source": "anadolu",
        "author": None,
        "original_byline": "By Emre Kaplan",
        "dateline": "ISTANBUL",
        "desk_editor": "helen-zhou",
        "regions": [],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 95,
        "image": {
            "motif": "wave",
            "palette": "harbour",
            "alt": (
                "Illustration of a white ferry with a tall funnel crossing choppy blue "
                "water"
            ),
            "caption": "The ferry will carry commuters as well as sightseers.",
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "video",
        "slug": "watch-paper-cutting-masters-jiading",
        "title": "Watch: Paper-cutting masters pass their craft to a new generation",
        "kicker": "Video",
        "lead": (
            "In a community workshop in Jiading, two veteran paper-cutters teach "
            "teenagers to turn a single sheet of red paper into flowers, animals and "
            "street scenes."
        ),
        "paragraphs": [
            (
                "The short film follows a Saturday class from start to finish, "
                "beginning with students folding and marking their paper and ending "
                "with a display of finished work on the studio window. The teachers, "
                "both in their seventies, have been cutting paper since they were "
                "children."
            ),
            (
                "One of them, Zheng Huifang, demonstrates how she cuts a complex "
                "lattice pattern without drawing it first, turning the paper rather "
                "than the scissors. Her students, mostly aged between twelve and "
                "sixteen, work from simpler designs and learn to use small knives as "
                "well as scissors."
            ),
            (
                '"The paper is cheap, so there is no fear in making mistakes," Zheng '
                'tells the camera. "The only thing you cannot buy is patience. That '
                'you have to practise, a little every day, like any other skill." '
                "Several students say they now practise at home every evening."
            ),
            (
                "The workshop is run by a district cultural centre and is free to "
                "join, though places are limited. The centre plans an exhibition of "
                "students' work at a neighbourhood library later in the year. "
                "Recordings of earlier classes are also posted online for anyone who "
                "wants to follow along at home."
            ),
        ],
        "source": "staff",
        "author": "guo-tingting",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "tom-okafor",
        "regions": ["jiading"],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 100,
        "image": {
            "motif": "lantern",
            "palette": "ember",
            "alt": (
                "Illustration of intricate red paper-cut flowers and lanterns against "
                "a warm background"
            ),
            "caption": (
                "Students learn to cut lattice patterns from a single sheet of paper."
            ),
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "special/special-reports",
        "slug": "river-city-warehouse-to-gallery",
        "title": (
            "From warehouse to gallery: the second life of the riverside's industrial "
            "buildings"
        ),
        "kicker": "The River City",
        "lead": (
            "Along the Yangpu waterfront, former mills, warehouses and pumping "
            "stations have become galleries, studios and cafes. Not everyone agrees on "
            "what should be kept."
        ),
        "paragraphs": [
            (
                "Walk along the riverside in Yangpu and the district's industrial past "
                "is never far from view. Brick chimneys rise above new landscaping, "
                "and the steel frames of old sheds have been left standing as open-air "
                "pavilions. Inside several converted buildings, exhibitions and "
                "performances fill spaces once used for machinery and storage."
            ),
            (
                "Architects involved in the conversions say the aim has been to keep "
                "the character of the structures while making them safe and "
                "comfortable. That has meant inserting new floors and glass walls "
                "inside old shells, reinforcing roofs and adding insulation without "
                "hiding the original brick and timber."
            ),
            (
                '"These buildings tell the story of how the city earned its living," '
                "said architect Qin Ya, who worked on the conversion of a former "
                'warehouse into an exhibition hall. "If we had knocked them all down, '
                'the waterfront would look like anywhere else in the world."'
            ),
            (
                "Some former workers say the new uses feel distant from the people who "
                "once worked there. A retired mill worker who visited one gallery said "
                "he was glad the building had survived but wished there was more about "
                "the workers who spent their lives inside. Several venues now host "
                "oral history projects in response."
            ),
            (
                "Curators say the buildings shape the art shown inside them. Large "
                "installations fill the high halls, while smaller rooms are used for "
                "photography and film, and many artists respond directly to the "
                "industrial setting in their work. Most venues are free to enter on "
                "weekdays."
            ),
        ],
        "source": "staff",
        "author": "guo-tingting",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "marcus-webb",
        "regions": ["yangpu"],
        "opinion_kind": "",
        "special_report": "river-city",
        "hours_ago": 102,
        "image": {
            "motif": "skyline",
            "palette": "ember",
            "alt": (
                "Illustration of brick warehouses and a tall chimney converted into a "
                "gallery beside the river"
            ),
            "caption": (
                "Old industrial buildings now host exhibitions and performances."
            ),
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "news/metro",
        "slug": "chongming-shorebird-count",
        "title": "Volunteers count migrating shorebirds on Chongming's tidal flats",
        "kicker": "Nature",
        "lead": (
            "More than a hundred volunteers joined an annual survey of shorebirds on "
            "the island's eastern wetlands, counting tens of thousands of birds "
            "resting on their journey north."
        ),
        "paragraphs": [
            (
                "Working in small teams with telescopes and tally counters, the "
                "volunteers spread out along the sea wall before dawn to catch the "
                "birds as the rising tide pushed them closer to shore. Each team was "
                "led by an experienced birder who helped identify species and kept "
                "counts consistent."
            ),
            (
                "The wetlands are an important stopover on a flyway that stretches "
                "from Australia and New Zealand to the Arctic. Many shorebirds stop "
                "here for several weeks to feed on worms and shellfish in the mud "
                "before continuing their migration. Some species travel more than ten "
                "thousand kilometres each way."
            ),
            (
                '"Numbers like these only mean something if they are collected the '
                'same way every year," said Dr Yao Xin, an ecologist who coordinates '
                'the survey. "Volunteers give us the eyes we need to cover such a big '
                'area on a single morning."'
            ),
            (
                "Preliminary results will be shared with researchers along the flyway "
                "later in the year. Organisers said this year's count appeared broadly "
                "similar to last year's, though a full analysis comparing species and "
                "locations would take several months. Volunteers also recorded leg "
                "flags on several birds tagged abroad."
            ),
            (
                "Visitors to the wetland park can see the birds from hides and "
                "boardwalks, and rangers ask people to keep their distance from flocks "
                "on the mud. Flushing resting birds forces them to spend energy they "
                "need for the next leg of their journey."
            ),
        ],
        "source": "staff",
        "author": "guo-tingting",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "marcus-webb",
        "regions": ["chongming"],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 120,
        "image": {
            "motif": "leaf",
            "palette": "forest",
            "alt": (
                "Illustration of shorebirds wading across green-tinted tidal mudflats "
                "under a wide sky"
            ),
            "caption": (
                "The island's wetlands are a stopover for birds migrating north."
            ),
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "special/special-reports",
        "slug": "river-city-dawn-anglers",
        "title": "Dawn anglers and the unwritten rules of the riverbank",
        "kicker": "The River City",
        "lead": (
            "On quieter stretches of the Huangpu in Minhang, a loose community of "
            "anglers gathers before sunrise. They share tips, tea and an etiquette "
            "newcomers quickly learn."
        ),
        "paragraphs": [
            (
                "The first anglers arrive while it is still dark, carrying folding "
                "stools, long rods and flasks of tea. By the time the sky begins to "
                "lighten, a dozen of them are spaced along the bank, each with a lamp "
                "and a bucket, watching their floats in the slow brown water."
            ),
            (
                "Most are retired, though a few younger anglers come before work. They "
                "catch carp, catfish and the occasional perch, and many release what "
                "they land. A sign at the access point sets out where fishing is "
                "allowed and the seasonal restrictions that apply."
            ),
            (
                "The rules that matter most are unwritten. Do not set up too close to "
                "someone else. Keep voices low. Take your litter, and any you find, "
                'home with you. "If someone has been coming to the same spot for ten '
                'years, you let him have it," said Guan Yongfu, 67. "There is enough '
                'river for everyone."'
            ),
            (
                "The anglers also act as informal river watchers. They notice when "
                "water levels are unusual, when a new pipe appears, or when fish "
                "behave strangely, and several said they had called the city's service "
                "hotline to report problems. Officials said such reports were "
                "genuinely useful."
            ),
            (
                "As the sun rises and joggers begin to pass, the anglers pack away one "
                'by one. Many will be back tomorrow. "It is not really about the '
                'fish," Guan said. "It is about having a reason to be here when the '
                'river wakes up."'
            ),
        ],
        "source": "staff",
        "author": "sun-haoran",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "marcus-webb",
        "regions": ["minhang"],
        "opinion_kind": "",
        "special_report": "river-city",
        "hours_ago": 126,
        "image": {
            "motif": "river",
            "palette": "dawn",
            "alt": (
                "Illustration of anglers on folding stools along a riverbank as the "
                "sky turns pink at dawn"
            ),
            "caption": "Anglers gather on the bank before sunrise.",
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "opinion",
        "slug": "book-review-the-lane-between-us",
        "title": (
            "Book review: 'The Lane Between Us' follows two families through fifty "
            "years of one lane"
        ),
        "kicker": "Books",
        "lead": (
            "Ye Qingshan's debut novel is a patient, affectionate portrait of "
            "neighbours who share a courtyard, a kitchen and, eventually, a "
            "grandchild."
        ),
        "paragraphs": [
            (
                "The Lane Between Us opens in the late 1970s, when the Sun and Ma "
                "families are assigned rooms on opposite sides of a shared kitchen in "
                "an old lane house. The two mothers begin as wary rivals over stove "
                "space and end as something closer to sisters, while their children "
                "grow up in and out of each other's homes."
            ),
            (
                "Ye, who worked as a schoolteacher before turning to fiction, has a "
                "fine ear for the small frictions of shared living: the argument over "
                "whose turn it is to sweep the stairs, the radio played too loud, the "
                "pot of soup left as an apology. These moments accumulate into a "
                "portrait of a community that is tender without being sentimental."
            ),
            (
                "The novel is less sure-footed when it leaves the lane. A middle "
                "section following one son to a job in the south feels rushed, and "
                "several characters introduced there never quite come to life. Readers "
                "may find themselves impatient to return to the kitchen and its "
                "familiar quarrels."
            ),
            (
                "The final chapters, set as the families face the prospect of moving "
                "to new flats, are the book's strongest. Ye resists easy conclusions "
                "about what is lost and what is gained, letting her characters "
                "disagree and leaving the reader to weigh their choices."
            ),
            (
                "This is a quiet book, but a generous one. For anyone who has lived "
                "close to their neighbours, or wondered what that was like, it offers "
                "a warm and thoughtful companion for a long evening. It is also a "
                "promising start to a writing career that deserves attention."
            ),
        ],
        "source": "staff",
        "author": "wang-meilin",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "li-jiayi",
        "regions": [],
        "opinion_kind": "book-review",
        "special_report": None,
        "hours_ago": 130,
        "image": {
            "motif": "book",
            "palette": "ember",
            "alt": (
                "Illustration of an open book whose pages fold up into a row of lane "
                "houses"
            ),
            "caption": (
                "The novel follows two families who share a kitchen for half a century."
            ),
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "news/business",
        "slug": "bakeries-band-together-bulk-buying",
        "title": "Neighbourhood bakeries band together to buy flour and butter in bulk",
        "kicker": "Small business",
        "lead": (
            "A buying group set up by a dozen independent bakers in Putuo and "
            "Changning says pooled orders have cut ingredient costs by nearly a fifth."
        ),
        "paragraphs": [
            (
                "The idea began over tea, according to Shen Jiahui, who has run a "
                "small bakery near a Putuo metro station for nine years. She and two "
                "other owners realised they were each paying retail prices for the "
                "same flour from the same wholesaler, and that none of them ordered "
                "enough to qualify for a discount."
            ),
            (
                "The group now places a single order every fortnight, with deliveries "
                "split at a rented storeroom in Changning. Members take turns handling "
                "the paperwork, and a shared spreadsheet tracks who owes what. Twelve "
                "bakeries have joined so far, with several more on a waiting list."
            ),
            (
                '"On our own we are too small for anyone to negotiate with," Shen '
                'said. "Together we buy about as much as a mid-sized chain. The '
                "suppliers are happy to sit down and talk to us now, and they call us "
                'before prices change."'
            ),
            (
                "The savings matter in a trade where margins are thin and rents are "
                "rising. Several members said they had used the money to keep prices "
                "steady on everyday items such as sandwich loaves and steamed buns, "
                "rather than pass higher costs on to regular customers."
            ),
            (
                "The district's small business service has taken an interest, and is "
                "considering offering template contracts and basic legal advice to "
                "other groups of independent traders who want to try the same "
                "approach, from florists to neighbourhood grocers. Officials said the "
                "idea was simple enough to copy quickly."
            ),
        ],
        "source": "staff",
        "author": "priya-nair",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "li-jiayi",
        "regions": ["putuo", "changning"],
        "opinion_kind": "",
        "special_report": "small-shops-big-city",
        "hours_ago": 140,
        "image": {
            "motif": "market",
            "palette": "sand",
            "alt": (
                "Illustration of loaves and sacks of flour on wooden shelves in warm "
                "sandy tones"
            ),
            "caption": (
                "Twelve independent bakeries now share a fortnightly ingredient order."
            ),
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "news/world",
        "slug": "andes-telescope-sky-survey-released",
        "title": "Astronomers release a wide sky survey from high in the Andes",
        "kicker": "Science",
        "lead": (
            "An international team has published a catalogue of millions of galaxies "
            "observed from a mountain-top telescope, offering new material for studies "
            "of how the universe evolved."
        ),
        "paragraphs": [
            (
                "The catalogue combines several years of observations taken on clear "
                "nights at high altitude, where thin, dry air gives astronomers an "
                "unusually sharp view. It includes measurements of the brightness, "
                "shape and colour of each object, along with estimates of their "
                "distance."
            ),
            (
                "Researchers said the data would help test ideas about dark matter and "
                "dark energy, the invisible components thought to make up most of the "
                "universe. By mapping how galaxies cluster across vast distances, "
                "scientists can check whether their models match what the sky actually "
                "shows."
            ),
            (
                '"A survey like this is a shared resource," said Dr Tomas Reyes, one '
                'of the astronomers involved in the release. "We have answered some '
                "questions with it, but many of the most interesting results will come "
                "from people we have never met, looking at the data in ways we have "
                'not thought of."'
            ),
            (
                "The catalogue is freely available to researchers and the public. The "
                "team also released an online viewer that lets anyone zoom in on "
                "patches of sky, compare colours and explore the images without "
                "specialist software. Teachers have already begun using it in "
                "astronomy lessons for secondary school pupils."
            ),
            (
                "Chile's northern deserts host several major observatories, and "
                "astronomers have long warned that light pollution from growing towns "
                "could threaten the dark skies on which their work depends. Several "
                "towns in the region have switched to shielded street lights that "
                "direct light downwards."
            ),
        ],
        "source": "afp",
        "author": None,
        "original_byline": "By Lucia Ferraro",
        "dateline": "SANTIAGO",
        "desk_editor": "helen-zhou",
        "regions": [],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 150,
        "image": {
            "motif": "globe",
            "palette": "dawn",
            "alt": (
                "Illustration of a telescope dome on a mountain ridge beneath a sky "
                "scattered with galaxies"
            ),
            "caption": (
                "The catalogue is free for researchers and the public to explore."
            ),
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "special/community",
        "slug": "putuo-repair-trades-hold-on",
        "title": (
            "Tailors, cobblers and key-cutters: the repair trades holding on in Putuo"
        ),
        "kicker": "Community",
        "lead": (
            "In a city of next-day deliveries, a handful of street-corner menders "
            "still patch, stitch and sharpen for customers who would rather fix than "
            "replace."
        ),
        "paragraphs": [
            (
                "Under a railway bridge in Putuo, Liu Jianguo sits at a sewing machine "
                "that is older than most of his customers. He shortens trousers, "
                "replaces zips and takes in jackets for a few dozen yuan, working from "
                "a stall no wider than a doorway. On a good day, he says, he completes "
                "thirty jobs."
            ),
            (
                "A few steps away, a cobbler resoles shoes and stitches school bags, "
                "while a key-cutter also sharpens knives and repairs umbrellas. "
                "Together they form an informal repair street that regular customers "
                "visit on their way to and from the nearby metro station."
            ),
            (
                '"Young people come now more than before," Liu said. "They buy '
                "clothes online and they don't fit, or they have a good coat and the "
                "lining tears. They realise it is cheaper and easier to bring it to "
                "me.\" He has started keeping a notebook of regulars' measurements."
            ),
            (
                "The traders say rising rents and redevelopment are their biggest "
                "worries. Several similar stalls elsewhere in the district have "
                "disappeared in recent years as buildings were renovated. The district "
                "has recently added repair services to a list of convenience trades "
                "that new developments are encouraged to make room for."
            ),
            (
                "For now, the menders under the bridge keep working. Customers leave "
                "their items with a handwritten ticket and return a day later, and the "
                "conversation, several said, is part of the service. Liu said he plans "
                "to keep going as long as his eyes allow him to thread a needle."
            ),
        ],
        "source": "staff",
        "author": "guo-tingting",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "marcus-webb",
        "regions": ["putuo"],
        "opinion_kind": "",
        "special_report": "small-shops-big-city",
        "hours_ago": 160,
        "image": {
            "motif": "lantern",
            "palette": "slate",
            "alt": (
                "Illustration of a tailor's stall with a sewing machine under a "
                "railway arch lit by a single lamp"
            ),
            "caption": "Repair stalls under a Putuo railway bridge serve commuters.",
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "news/nation",
        "slug": "hangzhou-floating-water-sensors",
        "title": "Floating sensors expand water quality monitoring on Hangzhou's lakes",
        "kicker": "Environment",
        "lead": (
            "A network of solar-powered floating sensors is giving researchers a "
            "minute-by-minute picture of water quality across several lakes and rivers "
            "in Hangzhou."
        ),
        "paragraphs": [
            (
                "The sensors measure temperature, dissolved oxygen, acidity and "
                "cloudiness, and send readings to a central platform every few "
                "minutes. Researchers said the data allowed them to spot changes, such "
                "as a sudden drop in oxygen, far sooner than monthly sampling by boat."
            ),
            (
                "The network has grown to several dozen buoys this year, placed at "
                "inlets, outlets and areas popular with swimmers and rowers. Each unit "
                "is anchored to the lake bed and cleaned regularly to stop algae from "
                "building up on the instruments."
            ),
            (
                '"When you only take a sample once a month, you see a snapshot," '
                "said Professor Feng Mingjie, a hydrologist involved in the project. "
                '"With continuous data you see the whole film. You can tell a one-off '
                'event after a storm from a slow trend that needs attention."'
            ),
            (
                "Local environmental authorities use the readings to decide when to "
                "adjust water flows and where to target clean-up work. A simplified "
                "version of the data is published online so that residents can check "
                "conditions before heading out on the water."
            ),
        ],
        "source": "xinhua",
        "author": None,
        "original_byline": "By Qian Yuhan",
        "dateline": "HANGZHOU",
        "desk_editor": "helen-zhou",
        "regions": ["hangzhou"],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 170,
        "image": {
            "motif": "leaf",
            "palette": "forest",
            "alt": (
                "Illustration of a small yellow sensor buoy floating on a green lake "
                "with willows"
            ),
            "caption": "Solar-powered buoys send readings every few minutes.",
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "news/sport",
        "slug": "dragon-boat-crews-train-dianshan-lake",
        "title": (
            "Dragon boat crews step up training on Dianshan Lake ahead of festival "
            "races"
        ),
        "kicker": "Water sports",
        "lead": (
            "Crews from companies, universities and neighbourhood clubs are spending "
            "early mornings on the lake as they prepare for the annual festival "
            "regatta."
        ),
        "paragraphs": [
            (
                "Twenty paddlers, a drummer and a steerer make up each standard crew, "
                "and coaches say the hardest thing to teach newcomers is timing. A "
                "boat moves fastest when every paddle enters the water at exactly the "
                "same moment, and a single late stroke can throw off the rhythm of an "
                "entire side."
            ),
            (
                "Many teams train in the hour after sunrise, when the water is calm "
                "and temperatures are still mild. Sessions usually begin with drills "
                "at half pace, followed by short sprints and a full-length practice "
                "race against another boat. Coaches record video from the bank to "
                "review technique later."
            ),
            (
                '"Most of our paddlers had never been in a boat before March," said '
                "Cao Min, who coaches a crew made up of staff from a software company. "
                "\"Now they argue about stroke rates over lunch. That's how you know "
                'it has got into their heads."'
            ),
            (
                "The regatta will feature races for mixed crews, women's crews and a "
                "new category for teams with at least half their members aged over 50. "
                "Organisers expect around 60 boats to take part across two days of "
                "heats and finals."
            ),
            (
                "Spectators will be able to watch from the lakeside promenade, where "
                "food stalls and a stage for traditional music will be set up for the "
                "weekend. Shuttle buses will run from the nearest metro station, and "
                "organisers advise visitors to bring hats and water."
            ),
        ],
        "source": "staff",
        "author": "felix-brandt",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "tom-okafor",
        "regions": ["qingpu"],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 180,
        "image": {
            "motif": "wave",
            "palette": "dawn",
            "alt": (
                "Illustration of a long dragon boat with a drummer at the bow on a "
                "misty lake at sunrise"
            ),
            "caption": "Crews train in the calm hour after sunrise.",
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "opinion",
        "slug": "pocket-gardens-deserve-bigger-budget",
        "title": "Small parks, big returns: pocket gardens deserve a bigger budget",
        "kicker": "Chen Ruoxi",
        "lead": (
            "The city's tiniest green spaces do some of its hardest work. They should "
            "not be treated as an afterthought when budgets are drawn up."
        ),
        "paragraphs": [
            (
                "There is a patch of green at the end of my lane no bigger than a "
                "classroom. It has four trees, a path, two benches and a small square "
                "of rubber flooring where children play. At seven in the morning it "
                "belongs to the tai chi group. By mid-afternoon it is the territory of "
                "toddlers and their grandparents. In the evening, teenagers gather "
                "there to talk."
            ),
            (
                "Pocket parks like this are easy to overlook because they do not "
                "appear on tourist maps or in photographs of the skyline. Yet they are "
                "within a few minutes' walk of far more people than the large parks, "
                "and for many residents they are the only green space they visit "
                "regularly."
            ),
            (
                "They also help the city cope with heat and heavy rain. Trees cool the "
                "surrounding streets, and planted soil absorbs water that would "
                "otherwise rush into drains. Several small spaces spread across a "
                "neighbourhood can do as much good as a single large one on its edge."
            ),
            (
                "Maintaining them is not free, and some have been left to decline once "
                "the ribbon-cutting is over. A dedicated budget line for pocket parks, "
                "with money for gardeners, repairs and planting, would protect spaces "
                "that residents clearly value. Residents could also be given a say in "
                "what is planted."
            ),
            (
                "When districts plan their spending, they should remember that the "
                "most important park in the city is often the one nearest to someone's "
                "front door, and that it is usually the cheapest to keep in good "
                "shape. Ask the tai chi group."
            ),
        ],
        "source": "staff",
        "author": "chen-ruoxi",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "li-jiayi",
        "regions": [],
        "opinion_kind": "chinese-views",
        "special_report": None,
        "hours_ago": 190,
        "image": None,
    },
    {
        "section": "news/metro",
        "slug": "baoshan-protected-cycle-lanes",
        "title": "Protected cycle lanes installed on two busy Baoshan roads",
        "kicker": "Transport",
        "lead": (
            "Kerbs and planters now separate cyclists from traffic on two roads "
            "leading to a Baoshan metro station, part of a trial the district hopes to "
            "extend."
        ),
        "paragraphs": [
            (
                "The lanes run for a combined three kilometres and connect several "
                "large residential compounds with a station and a secondary school. "
                "Low concrete kerbs and planters filled with shrubs mark the boundary "
                "between the bike lane and the road, and junctions have been repainted "
                "with green markings."
            ),
            (
                "Before the work, cyclists and electric scooter riders shared a "
                "painted lane that was frequently blocked by parked delivery vehicles. "
                "Traffic police said they would step up enforcement against vehicles "
                "stopping in the new lanes, particularly during the school run."
            ),
            (
                '"My son cycles to school now instead of me driving him," said Jiang '
                'Lei, who lives in one of the compounds along the route. "It was the '
                "parked vans that worried me before. Now there is a kerb between him "
                'and the cars."'
            ),
            (
                "The district will count cyclists and monitor traffic speeds over six "
                "months. Officials said they would also ask riders for feedback on the "
                "width of the lanes, which some electric scooter users have said feels "
                "tight at peak times. A decision on extending the scheme is expected "
                "early next year."
            ),
        ],
        "source": "staff",
        "author": "sun-haoran",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "marcus-webb",
        "regions": ["baoshan"],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 200,
        "image": None,
    },
    {
        "section": "news/world",
        "slug": "coastal-districts-test-flood-barriers",
        "title": "Coastal districts test movable flood barriers ahead of the monsoon",
        "kicker": "Climate",
        "lead": (
            "Engineers in low-lying districts of Jakarta are testing inflatable and "
            "hinged barriers designed to hold back high tides and storm surges during "
            "the coming rainy season."
        ),
        "paragraphs": [
            (
                "The barriers, installed at the mouths of several canals, lie flat or "
                "deflated in normal conditions and can be raised within minutes when "
                "tide gauges show water levels rising. Engineers said they allowed "
                "boats to pass freely most of the year while giving extra protection "
                "on the worst days."
            ),
            (
                "Officials said the trial would run through the rainy season and be "
                "judged on how reliably the barriers deploy and how well they work "
                "alongside pumps that lift rainwater out of the canals. Maintenance "
                "crews have been trained to operate the systems by hand if the power "
                "fails."
            ),
            (
                '"The sea is not going to go away, so we have to manage it," said '
                'Rizky Pratama, an engineer involved in the trial. "Barriers like '
                'these buy us time while longer-term projects are completed." He said '
                "results from the trial would be shared with other coastal cities."
            ),
            (
                "Residents of neighbourhoods near the coast, where flooding during "
                "high tides is a recurring problem, said they welcomed any measure "
                "that kept water out of their homes, but called for clearer warnings "
                "when flooding was likely and for more information about evacuation "
                "routes."
            ),
        ],
        "source": "reuters",
        "author": None,
        "original_byline": "By Dewi Hartono",
        "dateline": "JAKARTA",
        "desk_editor": "helen-zhou",
        "regions": [],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 230,
        "image": {
            "motif": "wave",
            "palette": "slate",
            "alt": (
                "Illustration of a canal mouth with a raised barrier holding back grey "
                "waves"
            ),
            "caption": (
                "The barriers lie flat most of the year and rise when tides climb."
            ),
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "video",
        "slug": "watch-putuo-youth-football-clinic",
        "title": "Watch: Inside a Saturday morning youth football clinic in Putuo",
        "kicker": "Video",
        "lead": (
            "Our sports video follows a volunteer-run clinic where more than a hundred "
            "children learn the basics of football on a pitch laid over a former car "
            "park."
        ),
        "paragraphs": [
            (
                "The clinic began four years ago with a handful of children and a "
                "single bag of balls. It now runs every Saturday on an artificial "
                "pitch laid over a former car park, with age groups rotating through "
                "drills, small-sided games and a short session on stretching and "
                "warming down."
            ),
            (
                "Coaches are mostly parents and university students who have completed "
                "a basic coaching course. In the video, head coach Ouyang Tao explains "
                "why the youngest players spend most of their time playing "
                "three-a-side games rather than learning set moves. Older children "
                "move on to positional play and simple tactics."
            ),
            (
                '"At this age, every child should touch the ball as often as '
                'possible," he says. "If they enjoy it, they will come back next '
                "week. If they come back, they will get better without even "
                'noticing." The clinic charges nothing and lends boots to those who '
                "need them."
            ),
            (
                "The film also features the clinic's growing number of girls, who now "
                "make up about a third of participants, and the parents who stand on "
                "the touchline each week with flasks of tea and spare shin pads. "
                "Several former players now return as assistant coaches."
            ),
        ],
        "source": "staff",
        "author": "felix-brandt",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "tom-okafor",
        "regions": ["putuo"],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 250,
        "image": {
            "motif": "stadium",
            "palette": "forest",
            "alt": (
                "Illustration of children chasing footballs on a small green pitch "
                "surrounded by apartment blocks"
            ),
            "caption": "About a third of the clinic's players are now girls.",
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "news/business",
        "slug": "delivery-firms-share-electric-van-depot",
        "title": (
            "Delivery firms trial electric vans and a shared depot on Jiading routes"
        ),
        "kicker": "Logistics",
        "lead": (
            "Three parcel companies are sharing a charging depot in Jiading as part of "
            "a year-long trial aimed at cutting costs and noise on suburban delivery "
            "routes."
        ),
        "paragraphs": [
            (
                "The depot, on the site of a former truck park, has space for sixty "
                "vans and a bank of fast chargers paid for jointly by the "
                "participating firms. Drivers from different companies load their "
                "vehicles side by side each morning, and the operators share data on "
                "route lengths and battery performance."
            ),
            (
                "Early results suggest the electric vans cost less to run per "
                "kilometre than the diesel models they replace, largely because of "
                "lower fuel and maintenance costs. The firms said they were still "
                "assessing how the batteries cope with heavy loads and with the heat "
                "of a full summer."
            ),
            (
                '"Sharing the depot means none of us has to build one alone," said '
                'Kong Xiangyu, operations manager at one of the companies. "We still '
                "compete for customers. But there is no reason we should compete over "
                'who owns the car park."'
            ),
            (
                "Residents along some of the routes said they had noticed quieter "
                "early-morning deliveries. The district government, which helped "
                "identify the site, said it would review the trial at the end of the "
                "year and consider whether similar depots could work in other outer "
                "districts."
            ),
        ],
        "source": "staff",
        "author": "priya-nair",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "li-jiayi",
        "regions": ["jiading"],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 260,
        "image": None,
    },
    {
        "section": "special/community",
        "slug": "changning-community-fridge",
        "title": "A community fridge in Changning keeps surplus food moving",
        "kicker": "Community",
        "lead": (
            "Residents, bakeries and a nearby supermarket are stocking a shared "
            "refrigerator outside a neighbourhood centre, where anyone can take what "
            "they need."
        ),
        "paragraphs": [
            (
                "The fridge, painted bright green and decorated by children from a "
                "local primary school, stands under a small canopy by the centre's "
                "entrance. Donors can leave fresh fruit, vegetables, bread and sealed "
                "packaged food, while cooked dishes and raw meat are not accepted for "
                "safety reasons."
            ),
            (
                "Volunteers check the contents twice a day, removing anything past its "
                "best and wiping down the shelves. A logbook records what comes in and "
                "goes out, and organisers estimate that several hundred kilograms of "
                "food have been passed on since the fridge opened in the spring."
            ),
            (
                '"Nobody asks who you are or why you are taking something," said '
                'volunteer coordinator Shi Wenjing. "Some people take a loaf on their '
                "way home from work. Some leave vegetables from their balcony garden. "
                'It is just neighbours sharing." She said more than forty residents '
                "had signed up to help."
            ),
            (
                "A bakery around the corner drops off unsold bread each evening, and a "
                "supermarket donates fruit that is close to its sell-by date. The "
                "neighbourhood committee pays for the electricity, and a local "
                "hardware shop donated the thermometer that volunteers check each "
                "morning."
            ),
            (
                "Organisers say they hope to open a second fridge in another part of "
                "the district and have published a short guide for other communities "
                "interested in trying the idea. The guide covers hygiene rules, "
                "volunteer rotas and how to approach local shops for donations."
            ),
        ],
        "source": "staff",
        "author": "sun-haoran",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "marcus-webb",
        "regions": ["changning"],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 290,
        "image": None,
    },
    {
        "section": "news/world",
        "slug": "decorative-arts-museum-reopens",
        "title": "Small decorative arts museum reopens after a three-year renovation",
        "kicker": "Culture",
        "lead": (
            "A little-known museum of furniture, ceramics and textiles has reopened "
            "with new galleries, step-free access and a workshop where visitors can "
            "watch restorers at work."
        ),
        "paragraphs": [
            (
                "The museum, housed in a townhouse built for a merchant family, closed "
                "three years ago so that its ageing heating and electrical systems "
                "could be replaced. The renovation also opened up attic rooms that had "
                "been used for storage and turned them into galleries for temporary "
                "exhibitions."
            ),
            (
                "Curators used the closure to re-examine the collection, bringing out "
                "pieces that had not been displayed for decades, including embroidered "
                "wall hangings and a set of painted porcelain plates. New labels "
                "explain how objects were made and who used them."
            ),
            (
                '"We wanted visitors to leave knowing not just what is beautiful here '
                "but how it came to be,\" said the museum's director, Helene Rousseau. "
                "\"The restorers' workshop, behind a glass wall, is already the most "
                'popular room in the house."'
            ),
            (
                "Admission is free for visitors under 26, and the museum will open "
                "late one evening a week. Staff said they hoped to attract "
                "neighbourhood residents as well as tourists, and would run weekend "
                "family workshops on weaving and simple woodwork."
            ),
        ],
        "source": "afp",
        "author": None,
        "original_byline": "By Julien Marchand",
        "dateline": "PARIS",
        "desk_editor": "helen-zhou",
        "regions": [],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 310,
        "image": None,
    },
    {
        "section": "news/metro",
        "slug": "qingpu-stone-footbridge-reopens",
        "title": "Restored stone footbridge reopens in a Qingpu water town",
        "kicker": "Heritage",
        "lead": (
            "A single-arch stone bridge in one of Qingpu's canal towns has reopened "
            "after conservators spent eight months repairing its foundations and "
            "replacing cracked steps."
        ),
        "paragraphs": [
            (
                "The bridge, which local records suggest dates back several centuries, "
                "had been closed since engineers found that its foundations had "
                "shifted. Conservators worked from a floating platform, numbering each "
                "stone before removing it and reusing as many of the originals as "
                "possible."
            ),
            (
                "Where stones had to be replaced, the team sourced granite of a "
                "similar colour and finish from a quarry in a neighbouring province, "
                "and masons cut the new steps by hand. Mortar was mixed to a "
                "traditional recipe that includes lime and sticky rice."
            ),
            (
                "\"A bridge like this is not a museum object, it is part of the town's "
                'daily life," said conservation architect Wu Shuang. "People carry '
                "shopping over it, children run across it. Our job was to keep it safe "
                'without making it look new."'
            ),
            (
                "Shopkeepers on both banks said the closure had diverted visitors and "
                "reduced trade. On the morning of the reopening, a small crowd "
                "gathered to watch an elderly resident who had crossed the bridge "
                "every day as a child become the first to walk over it."
            ),
            (
                "The town's management office said it would limit the number of people "
                "on the bridge at busy times during holidays, and that engineers would "
                "inspect the structure twice a year. A small display on the repairs, "
                "with photographs of the numbered stones, has been set up in a "
                "teahouse beside the bridge."
            ),
        ],
        "source": "staff",
        "author": "guo-tingting",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "marcus-webb",
        "regions": ["qingpu"],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 330,
        "image": {
            "motif": "bridge",
            "palette": "sand",
            "alt": (
                "Illustration of a single-arch stone bridge reflected in a still canal"
            ),
            "caption": (
                "The bridge's foundations were repaired from a floating platform."
            ),
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "opinion",
        "slug": "why-i-still-take-the-slow-train",
        "title": "Why I still take the slow train",
        "kicker": "Daniel Hartley",
        "lead": (
            "High-speed rail is a marvel, and I use it often. But some journeys are "
            "better measured in conversations than in minutes."
        ),
        "paragraphs": [
            (
                "Last month I travelled to a city in the southwest on an overnight "
                "sleeper, a journey that takes several times longer than the fastest "
                "train on the same route. Friends thought I was mad. I had a lower "
                "berth, a cup of instant noodles and a window onto a landscape that "
                "changed from paddy fields to hills while I slept."
            ),
            (
                "The compartment filled and emptied as we went. A grandmother on her "
                "way to visit her son shared sunflower seeds. Two students argued "
                "about football. A farmer explained, with the help of my phone's "
                "translation app, why this year's rain had been good for his tea "
                "bushes. None of this would have happened in a quiet carriage at full "
                "speed."
            ),
            (
                "I am not nostalgic for inconvenience. Fast trains have transformed "
                "how people live and work, and I would not wish them away. But the "
                "slower services that remain on many routes are more than a relic. "
                "They are cheaper, they stop at small towns that fast lines pass by, "
                "and they offer time that is increasingly rare."
            ),
            (
                "For anyone who has arrived in this country recently, I would "
                "recommend at least one long, slow journey. Bring snacks to share, "
                "leave the laptop in the bag and accept that you will arrive tired. "
                "You will also arrive knowing something about the country that no "
                "timetable can tell you."
            ),
        ],
        "source": "staff",
        "author": "daniel-hartley",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "li-jiayi",
        "regions": [],
        "opinion_kind": "foreign-views",
        "special_report": None,
        "hours_ago": 360,
        "image": None,
    },
    {
        "section": "news/nation",
        "slug": "mountain-villages-faster-internet",
        "title": "Mountain villages get faster internet under rural connectivity drive",
        "kicker": "Technology",
        "lead": (
            "Telecom operators are extending fibre and mobile coverage to remote "
            "villages in the southwest, where residents say better connections are "
            "changing how they farm and sell."
        ),
        "paragraphs": [
            (
                "Engineers have laid fibre cables along mountain roads and installed "
                "new mobile masts on ridges to reach villages that previously had "
                "patchy or no signal. In some areas, equipment was carried the last "
                "stretch by hand because the roads were too narrow for trucks."
            ),
            (
                "Farmers in several villages now sell tea, mushrooms and dried fruit "
                "directly to customers through livestreams, cutting out middlemen. "
                "Teachers said pupils could join online lessons and video calls with "
                "schools in the cities without the connection dropping. Clinics can "
                "now share scans with specialists in the city."
            ),
            (
                '"Before, we had to walk up the hill behind the village to make a '
                'phone call," said Yang Shuhua, who runs a small tea cooperative. '
                '"Now I can show customers our fields live, and they can see exactly '
                'where their tea comes from."'
            ),
            (
                "Operators acknowledged that keeping the networks running in rugged "
                "terrain was expensive, with landslides and storms regularly damaging "
                "equipment. They said local maintenance teams had been trained to "
                "carry out basic repairs quickly. Operators said coverage would be "
                "extended to several hundred more villages over the next two years."
            ),
        ],
        "source": "reuters",
        "author": None,
        "original_byline": "By Mei Lawson",
        "dateline": "KUNMING",
        "desk_editor": "helen-zhou",
        "regions": [],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 400,
        "image": None,
    },
    {
        "section": "news/sport",
        "slug": "runners-organisers-adapt-to-hot-races",
        "title": (
            "Distance runners and race organisers rethink plans as hot summers grow "
            "longer"
        ),
        "kicker": "Athletics",
        "lead": (
            "Marathon organisers are moving start times earlier, adding cooling "
            "stations and reviewing medical plans as they adapt to warmer conditions "
            "on race day."
        ),
        "paragraphs": [
            (
                "Several big-city races have brought their start times forward by an "
                "hour or more in recent seasons so that most runners finish before the "
                "hottest part of the day. Others have added misting stations, ice at "
                "aid points and extra medical teams along the final kilometres of the "
                "course."
            ),
            (
                "Coaches say athletes are also changing how they prepare, spending "
                "time training in warm conditions and practising drinking on the move. "
                "Some elite runners now wear sensors that track body temperature "
                "during training sessions. Others are reviewing clothing choices and "
                "wearing lighter, looser kit."
            ),
            (
                '"Heat changes the whole race," said Eleanor Marsh, a sports '
                'physiologist who advises several event organisers. "A runner who is '
                "well prepared can still have a good day, but everyone needs to accept "
                'that fast times may not be realistic when it is hot."'
            ),
            (
                "Amateur runners are being encouraged to adjust their targets on warm "
                "days, and several races now send personalised advice by text message "
                "the evening before, based on the forecast and each runner's expected "
                "finishing time. Organisers said the messages had reduced the number "
                "of runners needing treatment."
            ),
        ],
        "source": "reuters",
        "author": None,
        "original_byline": "By Tom Aldridge",
        "dateline": "LONDON",
        "desk_editor": "tom-okafor",
        "regions": [],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 410,
        "image": None,
    },
    {
        "section": "special/community",
        "slug": "baoshan-seniors-canteen-first-year",
        "title": (
            "Neighbourhood canteen for older residents marks its first year in Baoshan"
        ),
        "kicker": "Community",
        "lead": (
            "A community canteen serving low-cost lunches to older residents has "
            "served more than 60,000 meals in its first year, and now delivers to "
            "people who cannot leave home."
        ),
        "paragraphs": [
            (
                "The canteen occupies the ground floor of a former neighbourhood "
                "office and serves a set lunch of rice, two vegetable dishes, a meat "
                "dish and soup. Residents over 60 pay a subsidised price, and others "
                "are welcome at a slightly higher rate, which helps cover costs."
            ),
            (
                "Menus are planned with advice from a dietitian at the local community "
                "health centre, with less salt and oil than many residents are used "
                "to. The kitchen also prepares softer dishes for those who have "
                "trouble chewing, and marks dishes suitable for people managing "
                "diabetes."
            ),
            (
                '"My wife used to cook, and after she passed away I ate instant '
                'noodles most days," said Xia Zhenhua, 78, who now eats at the '
                'canteen five days a week. "Here I get a proper meal and someone to '
                'talk to. It has changed my days."'
            ),
            (
                "Volunteers deliver around forty meals a day to residents who are "
                "housebound, checking on their wellbeing at the same time. Staff said "
                "the deliveries had helped them identify several people who needed "
                "additional care. In two cases, volunteers called for help after "
                "finding residents unwell."
            ),
            (
                "The district plans to open three more canteens in the coming year, "
                "using space in community centres and converted shops, and is "
                "recruiting volunteer drivers to expand the delivery service. "
                "Residents who want to volunteer can sign up at any neighbourhood "
                "committee office."
            ),
        ],
        "source": "staff",
        "author": "sun-haoran",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "marcus-webb",
        "regions": ["baoshan"],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 450,
        "image": None,
    },
    {
        "section": "news/metro",
        "slug": "xuhui-clinics-evening-appointments",
        "title": "Community clinics in Xuhui add evening and Saturday appointments",
        "kicker": "Health",
        "lead": (
            "Five community health centres in Xuhui will offer appointments until "
            "eight in the evening on weekdays and on Saturday mornings, to ease "
            "pressure on hospitals."
        ),
        "paragraphs": [
            (
                "The centres will provide general consultations, check-ups for chronic "
                "conditions and vaccinations during the extended hours. Patients can "
                "book through the district health app or by phone, and a small number "
                "of slots will be kept free each evening for walk-in patients."
            ),
            (
                "District health officials said many working adults were going "
                "straight to hospital outpatient departments for minor complaints "
                "because community clinics were closed by the time they finished work. "
                "The longer hours are intended to give them a closer and quicker "
                "alternative."
            ),
            (
                '"Most of what people need can be handled here, near home, by a '
                'doctor who knows their history," said Dr Qiu Lan, who leads one of '
                'the centres. "If we are open when they are free, they are more '
                'likely to come to us first."'
            ),
            (
                "Staff for the extra sessions will be drawn from a rotating roster, "
                "and the centres have hired additional nurses. The district will "
                "publish a review of patient numbers and waiting times after six "
                "months and decide then whether to extend the scheme."
            ),
        ],
        "source": "staff",
        "author": "sun-haoran",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "marcus-webb",
        "regions": ["xuhui"],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 560,
        "image": None,
    },
    {
        "section": "news/world",
        "slug": "trade-forum-customs-paperwork-pledge",
        "title": (
            "Regional trade forum ends with a pledge to simplify customs paperwork"
        ),
        "kicker": "Trade",
        "lead": (
            "Officials from more than a dozen Asia-Pacific economies agreed to work "
            "toward common digital formats for customs documents, a step business "
            "groups say could cut delays."
        ),
        "paragraphs": [
            (
                "The agreement, reached at the close of a two-day forum, commits "
                "participants to study how electronic certificates of origin, invoices "
                "and inspection records could be shared between customs agencies "
                "without the need for paper copies. A working group will report back "
                "next year."
            ),
            (
                "Small exporters stand to benefit most, according to business "
                "associations, because they often lack the staff to handle different "
                "paperwork requirements in each market they sell to. Delays at borders "
                "can be especially costly for perishable goods such as fruit and "
                "seafood."
            ),
            (
                '"For a large company, an extra form is an annoyance. For a family '
                "business, it can be the reason they don't export at all,\" said Nora "
                "Lim, who represents a regional federation of small and medium-sized "
                'enterprises. "Anything that makes the process simpler opens the door '
                'to more trade."'
            ),
            (
                "Delegates also discussed cooperation on data protection and "
                "cybersecurity, which several said would need to be resolved before "
                "sensitive trade information could flow freely between national "
                "systems. A separate group will look at how disputes over incorrect or "
                "missing data should be settled between agencies."
            ),
            (
                "The statement is not legally binding, and participants acknowledged "
                "that putting it into practice would depend on investment in customs "
                "technology and in training for officials at smaller border posts. "
                "Business groups said they would monitor progress and publish an "
                "annual scorecard."
            ),
        ],
        "source": "ap",
        "author": None,
        "original_byline": "By Sarah Kimball",
        "dateline": "SINGAPORE",
        "desk_editor": "helen-zhou",
        "regions": [],
        "opinion_kind": "",
        "special_report": None,
        "hours_ago": 640,
        "image": {
            "motif": "globe",
            "palette": "harbour",
            "alt": (
                "Illustration of a globe with dotted shipping lanes linking ports "
                "across the Pacific"
            ),
            "caption": (
                "Participants will study shared digital formats for customs documents."
            ),
            "credit": "Illustration: Masthead Daily",
        },
    },
    {
        "section": "opinion",
        "slug": "book-review-street-canopy-tree-guide",
        "title": (
            "Book review: a field guide that teaches you to look up at the city's trees"
        ),
        "kicker": "Books",
        "lead": (
            "'Street Canopy', an illustrated guide to the trees of the delta's cities, "
            "turns an ordinary walk into a botanical treasure hunt."
        ),
        "paragraphs": [
            (
                "Most of us walk beneath the same trees every day without knowing "
                "their names. Street Canopy, written by botanist Hao Jingyi and "
                "illustrated by Lu Xiaotong, sets out to change that with a compact, "
                "beautifully drawn guide to around 80 species commonly found in parks, "
                "lanes and avenues."
            ),
            (
                "Each entry includes a full-page illustration of the tree in summer "
                "and winter, close-up drawings of leaves, flowers and seeds, and a "
                "short essay on its history and uses. The writing is clear and often "
                "witty, with asides on which trees smell best after rain and which "
                "drop the most troublesome fruit on parked bicycles."
            ),
            (
                "The book is organised by season rather than by botanical family, "
                "which makes it unusually practical. In spring you can turn to the "
                "flowering trees, in autumn to those whose leaves change colour, and a "
                "simple key at the back helps identify trees from their bark alone in "
                "the depths of winter."
            ),
            (
                "Some readers may wish for more on the ecology of urban trees, such as "
                "how they cope with heat, pollution and compacted soil. But that is a "
                "minor complaint about a book that does its main job so well. A second "
                "volume on shrubs would be welcome."
            ),
            (
                "Street Canopy is small enough to carry in a coat pocket and handsome "
                "enough to leave on a coffee table. It would make an ideal gift for a "
                "curious child, or for any adult who has ever wondered what that tree "
                "outside the window is called."
            ),
        ],
        "source": "staff",
        "author": "wang-meilin",
        "original_byline": "",
        "dateline": "SHANGHAI",
        "desk_editor": "li-jiayi",
        "regions": [],
        "opinion_kind": "book-review",
        "special_report": None,
        "hours_ago": 700,
        "image": {
            "motif": "book",
            "palette": "forest",
            "alt": (
                "Illustration of a small field guide lying open beneath the leaves of "
                "a plane tree"
            ),
            "caption": "The guide covers around 80 species found in parks and streets.",
            "credit": "Illustration: Masthead Daily",
        },
    },
]
