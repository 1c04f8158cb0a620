"""The desks are the page tree's: a newsroom with other sections has other
desks, and their groups follow."""

import pytest
from django.contrib.auth.models import Group

from masthead.newsroom import roles
from masthead.newsroom.factories import SectionFactory

pytestmark = pytest.mark.django_db


def test_a_new_section_is_a_desk_with_its_groups(site_tree):
    culture = SectionFactory(parent=site_tree, title="Culture", slug="culture")
    news = roles.desk("news").section()
    SectionFactory(parent=news, title="Science", slug="science")
    special = roles.desk("special").section()
    SectionFactory(parent=special, title="Archive", slug="archive-reports")

    slugs = [d.slug for d in roles.desks()]
    assert slugs[-1] == "culture"
    assert slugs[slugs.index("sport") + 1] == "science"
    # Only News's sub-sections are desks of their own.
    assert "archive-reports" not in slugs
    assert roles.desk("science").section().pk != culture.pk
    assert roles.desk("culture").section().pk == culture.pk

    roles.setup_roles()
    assert (
        Group.objects.filter(
            name__in=["Culture reporters", "Culture editors", "Science editors"]
        ).count()
        == 3
    )


def test_no_home_page_no_desks(site_tree):
    from wagtail.models import Site

    Site.objects.all().delete()
    assert roles.desks() == []
