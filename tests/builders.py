"""Small helpers that build data with the ORM, for page tests at any size."""

from __future__ import annotations

from datetime import date, timedelta

from articles.models import (
    Article,
    ArticleTheme,
    Country,
    CountryMention,
    Figure,
    Passage,
    Person,
    PersonMention,
    Quote,
    QuoteTheme,
    Source,
    Theme,
)


def make_article(source: Source, n: int, *, text: str | None = None, published: date | None = None) -> Article:
    paragraphs = [
        text or f"Paragraph one of article {n}: officials met to discuss the war and its escalation.",
        f"“We will not back down,” said a minister in article {n}, as talks on sanctions went on.",
        f"Analysts said the alliance was under strain, and {n * 100 + 7} troops were moved.",
    ]
    body = "\n\n".join(paragraphs)
    article = Article.objects.create(
        source=source, title=f"Article {n} on the war", raw_text=f"{n}\n{body}", body=body,
        published=published or date(2024, 1, 1) + timedelta(days=7 * n),
    )
    offset = 0
    for index, paragraph in enumerate(paragraphs):
        Passage.objects.create(article=article, index=index, start=offset, end=offset + len(paragraph), text=paragraph)
        offset += len(paragraph) + 2
    return article


def make_dataset(scale: int = 1) -> dict:
    """``scale`` × (3 sources, 5 people, 6 articles with 2 quotes each, mentions, themes, figures)."""
    themes = list(Theme.objects.all()[:4])
    countries = list(Country.objects.filter(code__in=["RU", "UA", "KP", "CN", "US"]))
    sources = [Source.objects.create(name=f"Outlet {scale}-{i}") for i in range(3 * scale)]
    people = [Person.objects.create(name=f"Analyst Number{i} Person{scale}", kind=Person.Kind.EXPERT) for i in range(5 * scale)]
    articles = []
    for n in range(6 * scale):
        article = make_article(sources[n % len(sources)], n)
        articles.append(article)
        passage = article.passages.get(index=1)
        for k, person in enumerate(people[n % len(people) : n % len(people) + 2]):
            quote = Quote.objects.create(
                article=article, passage=passage, speaker=person, speaker_kind=Quote.SpeakerKind.PERSON,
                speaker_text=person.name, text="We will not back down", start=passage.start + 1,
                end=passage.start + 22, cue="said", kind=Quote.Kind.DIRECT, confidence=0.9 - k / 10,
            )
            QuoteTheme.objects.create(quote=quote, theme=themes[n % len(themes)], score=0.5)
            PersonMention.objects.create(
                article=article, person=person, role="senior fellow", affiliation="Example Institute",
                is_quoted=True, count=2, offsets=[[0, 5]],
            )
        for theme in themes[: 1 + n % 3]:
            ArticleTheme.objects.create(article=article, theme=theme, score=1.0, matches=["war"])
        for country in countries[: 2 + n % 3]:
            CountryMention.objects.create(article=article, country=country, count=3, offsets=[[0, 4]])
        Figure.objects.create(
            article=article, text=f"{n * 100 + 7} troops", start=0, end=10, about="troops moved",
            group_key="troops", value_low=n * 100 + 7, value_high=n * 100 + 7,
        )
    return {"sources": sources, "people": people, "articles": articles, "themes": themes, "countries": countries}
