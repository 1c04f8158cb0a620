"""The seed's World story from Xinhua, added on top of `masthead demo`.

Run inside `masthead shell -c` by the browser tests' conftest (the file's text
followed by a call to `seed_article()`), so it needs no Django setup of its own.
"""

from datetime import UTC, datetime


def seed_article():
    from masthead.newsroom.factories import (
        ArticleFactory,
        PersonFactory,
        SourceFactory,
        paragraphs_to_body,
    )
    from masthead.newsroom.models import (
        ArticlePage,
        PeopleIndexPage,
        PersonPage,
        RegionPage,
        SectionPage,
    )

    xinhua = SourceFactory(name="Xinhua", slug="xinhua", credit="Xinhua")
    editor = PersonPage.objects.filter(title="Zhao Yinuo").first()
    if editor is None:
        editor = PersonFactory(
            parent=PeopleIndexPage.objects.get(),
            title="Zhao Yinuo",
            slug="zhao-yinuo",
            role="editor",
            job_title="World desk editor",
        )
        editor.save_revision().publish()
    if ArticlePage.objects.filter(slug="pow-swap").exists():
        return
    ArticleFactory(
        parent=SectionPage.objects.get(slug="world"),
        title="Russia, Ukraine agree on large-scale POW swap, further talks in Istanbul",
        slug="pow-swap",
        lead=(
            "Russian and Ukrainian delegations agreed on Friday to exchange 1,000 "
            "prisoners of war each, after their first direct talks in more than "
            "three years."
        ),
        body=paragraphs_to_body(
            [
                "The delegations met for less than two hours at the Dolmabahce "
                "palace in Istanbul, with Turkish officials as hosts.",
                "Both sides said they would set out their conditions for a "
                "ceasefire in writing before meeting again in Istanbul.",
                "Turkish Foreign Minister Hakan Fidan said the exchange showed "
                "that direct talks could bring results.",
            ]
        ),
        source=xinhua,
        desk_editor=editor,
        published_at=datetime(2025, 5, 16, 15, 35, tzinfo=UTC),
        regions=[RegionPage.objects.get(slug="pudong")],
    )
