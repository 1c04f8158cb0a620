"""The generated archive's text: word lists from `data/archive.toml` and the
writer that combines them into headlines, leads and paragraphs (bench data,
never shown as real news)."""

import random
import tomllib
import uuid
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from html import escape  # as Django's, without its lazy-string wrapper
from pathlib import Path

from masthead.demo.sitetree import load_site_tree

WORDS_FILE = Path(__file__).resolve().parents[1] / "data" / "archive.toml"
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


@dataclass(frozen=True)
class SectionWords:
    slug: str
    share: int  # weight of the section among generated articles
    actors: list[str]
    actions: list[str]
    contexts: list[str]
    places: list[str]
    staff: bool  # always the paper's own copy
    regional: bool  # always filed under the region it names
    headline_prefix: str
    opinion: bool  # gets one of the opinion kinds


@dataclass(frozen=True)
class Words:
    sections: dict[str, SectionWords]
    shared: dict[str, list[str]]  # links, quotes, tags, surnames, ...


@cache
def load_words(path: Path = WORDS_FILE) -> Words:
    with path.open("rb") as f:
        data = tomllib.load(f)
    place_lists = {
        **data["places"],
        # One list of districts: those of the site tree, so a place named in an
        # article is a region the article can be filed under.
        "districts": [d.title for d in load_site_tree().districts],
    }
    sections = {}
    for s in data["sections"]:
        places = [p for name in s.get("place_lists", []) for p in place_lists[name]]
        sections[s["slug"]] = SectionWords(
            slug=s["slug"],
            share=s["share"],
            actors=s["actors"],
            actions=s["actions"],
            contexts=s["contexts"],
            places=places + s.get("places", []),
            staff=s.get("staff", False),
            regional=s.get("regional", False),
            headline_prefix=s.get("headline_prefix", ""),
            opinion=s.get("opinion", False),
        )
    return Words(sections=sections, shared=data["words"])


def _block_id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


class Writer:
    """Headlines, leads and paragraphs from the word lists; deterministic per seed."""

    def __init__(self, rng: random.Random, words: Words | None = None):
        self.rng = rng
        self.words = words or load_words()
        self.w = self.words.shared

    def person(self) -> str:
        r, w = self.rng, self.w
        if r.random() < 0.3:
            return r.choice(w["foreign_names"])
        return f"{r.choice(w['surnames'])} {r.choice(w['given_names'])}"

    def article(self, slug: str, when: datetime) -> dict:
        r, w = self.rng, self.w
        s = self.words.sections[slug]
        actor, action = r.choice(s.actors), r.choice(s.actions)
        context, place = r.choice(s.contexts), r.choice(s.places)
        shape = r.randrange(6)
        if shape == 0:
            headline = f"{actor} {action} {r.choice(w['links'])} {context}"
        elif shape == 1:
            headline = f"{actor} to {action}"
        elif shape == 2:
            headline = f"{place}: {actor.lower()} {action}"
        elif shape == 3:
            headline = f"{r.randint(2, 98) * 50:,} {r.choice(w['counts'])} in {place}"
        elif shape == 4:
            headline = f"What {context} means for {r.choice(s.actors).lower()}"
        else:
            headline = f"{actor} {action} as {place} watches"
        headline = s.headline_prefix + headline
        weekday = WEEKDAYS[when.weekday()]
        lead = (
            f"{actor} in {place} {action} on {weekday}, a step that has "
            f"{r.choice(w['effects'])} {r.choice(w['links'])} {context}."
        )
        body, texts = [], []  # texts: each block's searchable content, as plain text
        for _ in range(r.randint(4, 8)):
            sentences = [self.sentence(s, weekday)]
            sentences += [self.sentence(s, weekday) for _ in range(r.randint(1, 3))]
            text = " ".join(sentences)
            body.append(
                {
                    "type": "paragraph",
                    "value": f"<p>{escape(text)}</p>",
                    "id": _block_id(r),
                }
            )
            texts.append([text])
        if r.random() < 0.3:
            at = r.randint(1, len(body) - 1)
            quote = {"quote": r.choice(w["quotes"]) + ".", "attribution": self.person()}
            body.insert(at, {"type": "quote", "value": quote, "id": _block_id(r)})
            texts.insert(at, [quote["quote"], quote["attribution"]])
        return {
            "headline": headline,
            "lead": lead,
            "body": body,
            "body_texts": [t for block in texts for t in block],
            "place": place,
        }

    def sentence(self, s: SectionWords, weekday: str) -> str:
        r, w = self.rng, self.w
        n = r.randrange(9)
        if n == 0:
            return f"{r.choice(s.actors)} said they would {r.choice(s.actions)} before the end of the year."
        if n == 1:
            return f"The move follows {r.choice(s.contexts)}, which has {r.choice(w['effects'])}."
        if n == 2:
            return f'"{r.choice(w["quotes"])}," said {self.person()}, {r.choice(w["roles"])} at {r.choice(w["orgs"])}.'
        if n == 3:
            return f"About {r.randint(3, 900) * 10:,} people in {r.choice(s.places)} were affected, officials said on {weekday}."
        if n == 4:
            return f"{r.randint(12, 88)} per cent of those asked in a survey by {r.choice(w['orgs'])} supported the plan."
        if n == 5:
            return f"Analysts at {r.choice(w['orgs'])} expect {r.choice(w['trends'])}."
        if n == 6:
            return f"People in {r.choice(s.places)} told reporters that {r.choice(w['observations'])}."
        if n == 7:
            return f"{r.choice(s.actors)} have long argued that it is time to {r.choice(s.actions)}."
        return f"Further details are expected after {r.choice(s.contexts)} later this month."
