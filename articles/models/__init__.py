from articles.models.annotations import Annotation
from articles.models.articles import Article, Passage
from articles.models.figures import Figure
from articles.models.jobs import Job
from articles.models.people import Organisation, OrganisationMention, Person, PersonMention
from articles.models.permalinks import PersonRedirect, RetiredQuote
from articles.models.places import Country, CountryMention, Source
from articles.models.quotes import Quote, QuoteReview, QuoteTheme
from articles.models.reports import Report
from articles.models.themes import ArticleTheme, Theme

__all__ = [
    "Annotation",
    "Article",
    "ArticleTheme",
    "Country",
    "CountryMention",
    "Figure",
    "Job",
    "Organisation",
    "OrganisationMention",
    "Passage",
    "Person",
    "PersonMention",
    "PersonRedirect",
    "Quote",
    "QuoteReview",
    "QuoteTheme",
    "Report",
    "RetiredQuote",
    "Source",
    "Theme",
]
