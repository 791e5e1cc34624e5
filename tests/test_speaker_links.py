"""An anonymous source or an organisation that speaks is linked to its page wherever a quote is
shown: the shared quote item (every list), the quote's own page and the article page's margin."""

from __future__ import annotations

import pytest

from articles.models import Organisation, Person, Quote, Source
from tests.builders import make_article

pytestmark = pytest.mark.django_db


def _quote(article, n: int, **speaker) -> Quote:
    passage = article.passages.get(index=1)
    return Quote.objects.create(article=article, passage=passage, text=f"words number {n}",
                                start=passage.start + n, end=passage.start + n + 10, **speaker)


@pytest.fixture
def speakers(db):
    article = make_article(Source.objects.create(name="Daily Example"), 1)
    directorate = Organisation.objects.create(name="Main Intelligence Directorate", key="main intelligence directorate")
    return {
        "anonymous": _quote(article, 1, speaker_kind="anonymous", speaker_text="A senior NATO official"),
        "organisation": _quote(article, 2, speaker_kind="organisation", speaker_text="the directorate",
                               speaker_organisation=directorate),
        "person": _quote(article, 3, speaker_kind="person", speaker_text="he",
                         speaker=Person.objects.create(name="Jane Roe", slug="jane-roe")),
        "nobody": _quote(article, 4, speaker_kind="none", speaker_text="he"),
    }


def test_a_quote_links_its_anonymous_or_organisational_speaker_to_their_page(speakers):
    assert speakers["anonymous"].speaker_url == "/anonymous/senior-nato-official/"
    assert speakers["organisation"].speaker_url == speakers["organisation"].speaker_organisation.get_absolute_url()
    assert speakers["person"].speaker_url == "/people/jane-roe/"
    assert speakers["nobody"].speaker_url == ""  # an unresolved "he" has no page to go to


@pytest.mark.parametrize("page", ["list", "quote", "article"])
def test_every_page_showing_a_quote_links_its_speaker(client, speakers, page):
    anonymous, organisation = speakers["anonymous"], speakers["organisation"]
    urls = {
        "list": ["/quotes/"],
        "quote": [anonymous.get_absolute_url(), organisation.get_absolute_url()],
        "article": [anonymous.article.get_absolute_url()],
    }[page]
    html = "".join(client.get(url).content.decode() for url in urls)

    assert '<a href="/anonymous/senior-nato-official/">A senior NATO official</a>' in html
    assert f'<a href="{organisation.speaker_organisation.get_absolute_url()}">the directorate</a>' in html
    assert '<a href="/people/jane-roe/">Jane Roe</a>' in html or page == "quote"


def test_the_linked_pages_exist(client, speakers):
    for quote in (speakers["anonymous"], speakers["organisation"]):
        assert client.get(quote.speaker_url).status_code == 200
