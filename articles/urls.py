from django.urls import path

from articles.views import articles, countries, figures, home, people, quotes, search, sources, speakers, themes
from articles.views.reports import report_detail, report_download

urlpatterns = [
    path("", home.home, name="home"),
    path("articles/", articles.article_list, name="article_list"),
    path("articles/<slug:slug>/", articles.article_detail, name="article_detail"),
    path("people/", people.person_list, name="person_list"),
    path("people/<slug:slug>/", people.person_detail, name="person_detail"),
    path("themes/", themes.theme_list, name="theme_list"),
    path("themes/<slug:slug>/", themes.theme_detail, name="theme_detail"),
    path("sources/", sources.source_list, name="source_list"),
    path("sources/<slug:slug>/", sources.source_detail, name="source_detail"),
    path("countries/", countries.country_list, name="country_list"),
    path("countries/<str:code>/", countries.country_detail, name="country_detail"),
    path("quotes/", quotes.quote_list, name="quote_list"),
    path("quotes/<int:pk>/", quotes.quote_detail, name="quote_detail"),
    path("figures/", figures.figure_list, name="figure_list"),
    path("search/", search.search, name="search"),
    # Speakers who are not named people (articles/views/speakers.py)
    path("speakers/", speakers.speaker_index, name="speaker_index"),
    path("organisations/<slug:slug>/", speakers.organisation_detail, name="organisation_detail"),
    path("anonymous/<slug:slug>/", speakers.described_source, name="described_source"),
    # Large exports, made by the job worker (articles/report_jobs.py): found by their random token only
    path("reports/<uuid:token>/", report_detail, name="report_detail"),
    path("reports/<uuid:token>/download/", report_download, name="report_download"),
]
