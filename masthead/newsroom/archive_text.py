"""Original text for the generated archive: word lists and the writer that
combines them into headlines, leads and paragraphs (bench data, never shown
as real news)."""

import random
import uuid
from datetime import datetime

from django.utils.html import escape

from masthead.newsroom.models import PersonPage, Source

ARTICLES_PER_DAY = 200  # a daily paper adds 100-300 (design.md §2)
MAX_DAYS = 3650


def _w(words: str) -> list[str]:
    return words.split("|")


# --- Words ----------------------------------------------------------------
# Each section: (who, does what, amid what, where, share of the archive).
PLACES_WORLD = "Istanbul Geneva Brussels Nairobi Jakarta Brasilia Cairo Washington Kyiv Ankara New-Delhi Tokyo Seoul Berlin Paris Lagos Lima Hanoi".split()
PLACES_NATION = "Beijing Guangzhou Shenzhen Wuhan Xi'an Chengdu Hangzhou Nanjing Kunming Harbin Tianjin Qingdao".split()
DISTRICT_PLACES = "Pudong Huangpu Xuhui Jing'an Minhang Baoshan Jiading Songjiang Qingpu Yangpu Hongkou Putuo Changning Chongming".split()

SECTIONS = {
    "world": (
        "Delegations|Foreign ministers|European leaders|Rescue teams|Negotiators|Election observers|Coalition partners|Central bankers|Peacekeepers|Aid agencies",
        "agree on a prisoner exchange|resume ceasefire talks|pledge new aid for flood victims|call a snap election|sign a trade corridor deal|extend sanctions for six months|open a humanitarian corridor|reach a deal on grain exports|urge calm after border clashes|back a climate finance plan|raise interest rates again|evacuate coastal towns",
        "talks in Istanbul|a week of protests|rising food prices|a summit in Geneva|heavy monsoon rains|a disputed vote|a record heatwave|a currency slide",
        PLACES_WORLD,
        22,
    ),
    "nation": (
        "Lawmakers|Rail operators|Provincial authorities|Scientists|Farmers|Schools|Space engineers|Health officials|Forest rangers|Courts",
        "approve a data protection law|open a high-speed line to the coast|launch a weather satellite|bring in an early wheat harvest|expand free health checks|plant a new shelter belt|publish new flood defence rules|test a hydrogen-powered train|restore a Ming-dynasty bridge|cut fees for rural students",
        "the summer flood season|a national work conference|a five-year plan review|record grain output|an ageing population|a push for cleaner air",
        PLACES_NATION,
        15,
    ),
    "business": (
        "Carmakers|Chipmakers|Exporters|Regulators|Port operators|Banks|Airlines|Electric-vehicle makers|Tech start-ups|Insurers|Shipbuilders",
        "raise prices|report record quarterly profits|cut jobs|expand into Southeast Asia|post strong gains|tighten lending rules|order new aircraft|open a battery plant|list shares in Hong Kong|sign a long-term gas deal|slash delivery times",
        "weak consumer demand|a tariff dispute|a rally in tech shares|falling steel prices|a shortage of chips|strong export figures|a cooling property market",
        PLACES_NATION + ["Shanghai", "Hong Kong", "Singapore"],
        14,
    ),
    "metro": (
        "District officials|Metro operators|City planners|Volunteers|Hospitals|Residents|Firefighters|Traffic police|Museum curators|Park keepers",
        "open a new riverside park|extend Metro Line 18|launch a night bus service|start work on the old shipyard|add cycle lanes on Century Avenue|restore shikumen lane houses|trial driverless taxis|open a 24-hour clinic|replant the plane trees|clear flooded underpasses",
        "the plum rain season|a typhoon warning|the Lantern Festival crowds|a busy Golden Week|complaints about noise|the marathon weekend",
        DISTRICT_PLACES,
        14,
    ),
    "sport": (
        "Shanghai Port|Shenhua|The national team|Olympic champions|Table tennis stars|Marathon runners|The women's volleyball team|Young swimmers|Badminton pairs|Basketball Sharks",
        "win the cup final|reach the semi-finals|sign a new head coach|break the course record|qualify for the world championships|come back from two goals down|retain the league title|unveil a new stadium|beat the defending champions|clinch a place in the final",
        "a tense penalty shoot-out|a packed stadium|an injury crisis|the season opener|heavy rain in the second half|a record crowd",
        ["Shanghai", "Beijing", "Guangzhou", "Tokyo", "Doha", "Paris", "Madrid"],
        10,
    ),
    "opinion": (
        "Cities|Regulators|Universities|Families|Small firms|Trade partners|Museums|Readers",
        "need a longer view of urban renewal|should share the cost of clean air|must plan for an older population|deserve clearer rules on data|can learn from the river clean-up|should keep the libraries open late",
        "a changing climate|a slower world economy|new technology|crowded classrooms|rising rents|an uncertain trade outlook",
        ["Shanghai", "Beijing"],
        8,
    ),
    "in-focus": (
        "Investigators|Reporters|Scientists|Archaeologists|Engineers|Economists",
        "trace the city's lost canals|follow a container across the ocean|map the river's recovery|uncover a Song-dynasty shipwreck|rebuild a silk workshop|measure the cost of the heatwave",
        "decades of change|a hidden history|a year on the road|the race for clean energy|a quiet revolution in farming",
        PLACES_NATION + DISTRICT_PLACES,
        5,
    ),
    "video": (
        "Dancers|Chefs|Drone pilots|Street musicians|Ferry crews|Night-market traders",
        "take over the Bund at dawn|cook the perfect xiaolongbao|film the tide on the Qiantang|play for commuters|cross the Huangpu at rush hour|light up the lantern market",
        "a festival weekend|the first snow|the mid-autumn moon|a summer storm",
        DISTRICT_PLACES,
        4,
    ),
    "community": (
        "Neighbours|Retired teachers|Students|Library volunteers|Choirs|Food banks",
        "run a free repair cafe|teach English to elderly residents|collect books for rural schools|sing in the old lanes|share surplus vegetables|clean up the creek",
        "the spring festival|a rainy weekend|the school holidays|a heat alert",
        DISTRICT_PLACES,
        4,
    ),
    "special-reports": (
        "Planners|Delegates|Exhibitors|Researchers|Diplomats",
        "prepare for the import expo|set out the climate road map|count the cost of the floods|take stock of the Belt and Road|open the world AI conference",
        "a landmark year|the anniversary of the reforms|a week of talks|global attention",
        ["Shanghai", "Beijing", "Hangzhou"],
        2,
    ),
}
LINKS = _w("amid|after|ahead of|despite")
COUNTS = _w(
    "homes lose power|flights are cancelled|new jobs are created|trees are planted|volunteers sign up|visitors pack the riverside|students sit the entrance exam|cars are recalled"
)
EFFECTS = _w(
    "raised questions about costs|drawn wide public support|divided opinion among experts|been welcomed by residents|put pressure on local budgets|pushed the issue up the agenda"
)
TRENDS = _w(
    "demand picking up in the second half|prices easing slowly|visitor numbers climbing above last year's|investment shifting towards cleaner industries|a steady rise in applications"
)
OBSERVATIONS = _w(
    "queues had formed before dawn|the changes were already visible on the streets|they had waited years for the decision|the mood was calm but watchful|the first results had surprised them"
)
QUOTES = _w(
    "We have listened carefully and this is the right step|The details still need work, but the direction is clear|Nobody expected it to happen so quickly|This is about the next generation, not the next quarter|We will keep checking the figures every week|People want something they can see and use"
)
SURNAMES = "Wang Li Zhang Liu Chen Yang Zhao Huang Zhou Wu Xu Sun Hu Zhu Gao Lin He Guo Ma Luo".split()
GIVEN = "Wei Fang Min Jing Lei Yan Hao Yu Ting Jie Xin Lin Yinuo Chen Bo Mei".split()
FOREIGN = _w(
    "Anna Hoffmann|David Okafor|Maria Silva|James Carter|Elif Yilmaz|Sophie Martin|Rahul Mehta|Olga Petrova|Kenji Sato|Amira Haddad"
)
ROLES = _w("a spokesperson|director|a senior researcher|deputy head|chair")
ORGS = _w(
    "the city government|Fudan University|the chamber of commerce|the statistics bureau|the port authority|a consumer group|the ministry|an industry association"
)
KICKERS = _w("Analysis|Explainer|Exclusive|Update|In pictures|Interview")
TAGS = _w(
    "economy|climate|transport|health|education|technology|culture|diplomacy|energy|housing|food|football|weather|elections|trade"
)
SOURCES = [
    ("Masthead Daily", "staff", Source.Kind.STAFF, "Masthead Daily"),
    ("Xinhua", "xinhua", Source.Kind.AGENCY, "Xinhua"),
    ("Associated Press", "ap", Source.Kind.AGENCY, "AP"),
    ("Anadolu Agency", "anadolu", Source.Kind.AGENCY, "Anadolu"),
    ("Agence France-Presse", "afp", Source.Kind.AGENCY, "AFP"),
    ("Reuters", "reuters", Source.Kind.AGENCY, "Reuters"),
]
PEOPLE = [
    ("Zhao Yinuo", PersonPage.Role.EDITOR),
    ("Li Wen", PersonPage.Role.EDITOR),
    ("Chen Hao", PersonPage.Role.EDITOR),
    ("Wang Mei", PersonPage.Role.REPORTER),
    ("Sun Jie", PersonPage.Role.REPORTER),
    ("Zhou Lin", PersonPage.Role.REPORTER),
    ("Hu Ting", PersonPage.Role.REPORTER),
    ("Grace Turner", PersonPage.Role.COLUMNIST),
]
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


class Writer:
    """Headlines, leads and paragraphs from the lists above; deterministic per seed."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.sections = {
            slug: (
                a.split("|"),
                b.split("|"),
                c.split("|"),
                [p.replace("-", " ") for p in d],
            )
            for slug, (a, b, c, d, _w) in SECTIONS.items()
        }

    def person(self) -> str:
        r = self.rng
        if r.random() < 0.3:
            return r.choice(FOREIGN)
        return f"{r.choice(SURNAMES)} {r.choice(GIVEN)}"

    def article(self, slug: str, when: datetime) -> dict:
        r = self.rng
        actors, actions, contexts, places = self.sections[slug]
        actor, action = r.choice(actors), r.choice(actions)
        context, place = r.choice(contexts), r.choice(places)
        shape = r.randrange(6)
        if shape == 0:
            headline = f"{actor} {action} {r.choice(LINKS)} {context}"
        elif shape == 1:
            headline = f"{actor} to {action}"
        elif shape == 2:
            headline = f"{place}: {actor.lower()} {action}"
        elif shape == 3:
            headline = f"{r.randint(2, 98) * 50:,} {r.choice(COUNTS)} in {place}"
        elif shape == 4:
            headline = f"What {context} means for {r.choice(actors).lower()}"
        else:
            headline = f"{actor} {action} as {place} watches"
        if slug == "video":
            headline = "Video: " + headline
        weekday = WEEKDAYS[when.weekday()]
        lead = (
            f"{actor} in {place} {action} on {weekday}, a step that has "
            f"{r.choice(EFFECTS)} {r.choice(LINKS)} {context}."
        )
        body = []
        for _ in range(r.randint(4, 8)):
            sentences = [self.sentence(actors, actions, contexts, places, weekday)]
            sentences += [
                self.sentence(actors, actions, contexts, places, weekday)
                for _ in range(r.randint(1, 3))
            ]
            body.append(
                {
                    "type": "paragraph",
                    "value": f"<p>{escape(' '.join(sentences))}</p>",
                    "id": str(uuid.UUID(int=r.getrandbits(128), version=4)),
                }
            )
        if r.random() < 0.3:
            body.insert(
                r.randint(1, len(body) - 1),
                {
                    "type": "quote",
                    "value": {
                        "quote": r.choice(QUOTES) + ".",
                        "attribution": self.person(),
                    },
                    "id": str(uuid.UUID(int=r.getrandbits(128), version=4)),
                },
            )
        return {"headline": headline, "lead": lead, "body": body, "place": place}

    def sentence(self, actors, actions, contexts, places, weekday) -> str:
        r = self.rng
        n = r.randrange(9)
        if n == 0:
            return f"{r.choice(actors)} said they would {r.choice(actions)} before the end of the year."
        if n == 1:
            return (
                f"The move follows {r.choice(contexts)}, which has {r.choice(EFFECTS)}."
            )
        if n == 2:
            return f'"{r.choice(QUOTES)}," said {self.person()}, {r.choice(ROLES)} at {r.choice(ORGS)}.'
        if n == 3:
            return f"About {r.randint(3, 900) * 10:,} people in {r.choice(places)} were affected, officials said on {weekday}."
        if n == 4:
            return f"{r.randint(12, 88)} per cent of those asked in a survey by {r.choice(ORGS)} supported the plan."
        if n == 5:
            return f"Analysts at {r.choice(ORGS)} expect {r.choice(TRENDS)}."
        if n == 6:
            return f"People in {r.choice(places)} told reporters that {r.choice(OBSERVATIONS)}."
        if n == 7:
            return f"{r.choice(actors)} have long argued that it is time to {r.choice(actions)}."
        return (
            f"Further details are expected after {r.choice(contexts)} later this month."
        )
