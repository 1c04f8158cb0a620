"""The content model of design.md §2, one module per kind of thing."""

from .articles import ArticleCorrection, ArticlePage, ArticleQuerySet
from .images import NewsImage, NewsRendition
from .media import Takedown, VideoClip
from .people import PeopleIndexPage, PersonPage
from .regions import RegionIndexPage, RegionPage
from .sections import SectionPage, SpecialReportPage
from .sources import Source

__all__ = [
    "ArticleCorrection",
    "ArticlePage",
    "ArticleQuerySet",
    "NewsImage",
    "NewsRendition",
    "PeopleIndexPage",
    "PersonPage",
    "RegionIndexPage",
    "RegionPage",
    "SectionPage",
    "SpecialReportPage",
    "Source",
    "Takedown",
    "VideoClip",
]
