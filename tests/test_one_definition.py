"""Each page's data and each number are defined once: the page, its exports and the admin agree.

A person's or an article's quote count leaves out quotes an editor rejected wherever it is shown;
an export holds what its page shows; the exports never import the views.
"""

from __future__ import annotations

import ast
import csv
import io
import re
from pathlib import Path

import pytest
from django.http import HttpResponse

from articles.models import Person, Quote, Source
from tests.builders import make_article

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


def _quote(article, person, n: int, **fields) -> Quote:
    passage = article.passages.get(index=1)
    return Quote.objects.create(
        article=article, passage=passage, speaker=person, speaker_kind=Quote.SpeakerKind.PERSON,
        speaker_text=person.name, text=f"Words number {n}", start=passage.start + n, end=passage.start + n + 5,
        cue="said", kind=Quote.Kind.DIRECT, confidence=0.9, **fields,
    )


@pytest.fixture
def rejected_once(db) -> tuple[Person, object]:
    """A person quoted three times in one article, one of the quotes rejected by an editor."""
    article = make_article(Source.objects.create(name="Counting Herald"), 1)
    person = Person.objects.create(name="Ada Counter", kind=Person.Kind.EXPERT)
    _quote(article, person, 1)
    _quote(article, person, 2, status=Quote.Status.VERIFIED)
    _quote(article, person, 3, status=Quote.Status.REJECTED)
    return person, article


def _csv(body: bytes) -> list[dict]:
    return [row for row in csv.DictReader(io.StringIO(body.decode("utf-8-sig"))) if not row[next(iter(row))].startswith("#")]


def test_the_person_page_the_csv_export_and_the_admin_give_one_quote_count(client, editor, rejected_once):
    person, _ = rejected_once
    page = client.get(person.get_absolute_url()).content.decode()
    assert re.search(r'Quotes <span class="count" data-total="(\d+)"', page)[1] == "2"
    people = _csv(b"".join(client.get("/people/?format=csv").streaming_content))
    assert [row["quotes"] for row in people if row["slug"] == person.slug] == ["2"]
    quotes = _csv(b"".join(client.get(f"{person.get_absolute_url()}?format=csv").streaming_content))
    assert len(quotes) == 2
    admin = client.get("/admin/articles/person/", {"q": "Ada Counter"})
    assert admin.status_code == 200
    assert re.search(r'<td class="field-visible_quotes">(\d+)</td>', admin.content.decode())[1] == "2"
    # The merge page, and the admin's sort by quotes, count the same quotes.
    other = Person.objects.create(name="Ada Counter Junior")
    _quote(Quote.objects.filter(speaker=person).first().article, other, 4)
    merge = client.post("/admin/articles/person/", {"action": "merge_people", "_selected_action": [person.pk, other.pk]})
    assert "<strong>Ada Counter</strong> — Expert, 2 quotes" in merge.content.decode()


def test_the_article_list_its_csv_and_the_admin_give_one_quote_count(client, editor, rejected_once):
    _, article = rejected_once
    articles = _csv(b"".join(client.get("/articles/?format=csv").streaming_content))
    assert [row["quotes"] for row in articles if row["slug"] == article.slug] == ["2"]
    assert "· 2 quotes" in client.get("/articles/").content.decode()
    admin = client.get("/admin/articles/article/")
    assert re.search(r'<td class="field-quote_count">(\d+)</td>', admin.content.decode())[1] == "2"


def test_an_outlets_export_lists_whom_it_quotes_as_its_page_does(client):
    """Two people of one name are two speakers on the outlet's page, and in its export too."""
    source = Source.objects.create(name="Namesake Gazette")
    article = make_article(source, 1)
    first = Person.objects.create(name="Jo Namesake")
    second = Person.objects.create(name="Jo Namesake")
    _quote(article, first, 1)
    _quote(article, first, 2)
    _quote(article, second, 3)
    page = client.get(source.get_absolute_url()).content.decode()
    assert first.get_absolute_url() in page and second.get_absolute_url() in page
    text = client.get(f"{source.get_absolute_url()}?format=md").content.decode()
    whom = text.split("## Whom it quotes", 1)[1].split("##", 1)[0]
    assert "| Jo Namesake | 2 |" in whom and "| Jo Namesake | 1 |" in whom


def test_exportable_takes_the_report_builder_itself(rf, rejected_once):
    from articles.exports import exportable, reports

    person, _ = rejected_once
    asked = []

    def build(request, slug):
        asked.append(slug)
        return reports.person_detail(request, slug)

    view = exportable(build)(lambda request, slug: HttpResponse("the page"))
    assert view(rf.get("/"), slug=person.slug).content == b"the page"
    response = view(rf.get("/", {"format": "csv"}), slug=person.slug)
    assert asked == [person.slug] and len(_csv(b"".join(response.streaming_content))) == 2


def _imports(package: str) -> dict[str, set[str]]:
    """Every module each file of ``package`` imports, function-local imports included."""
    found = {}
    for path in (ROOT / package.replace(".", "/")).glob("*.py"):
        names = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
        found[path.name] = names
    return found


def test_exports_and_page_data_never_import_the_views():
    for package, forbidden in (("articles.exports", ("articles.views",)),
                               ("articles.pages", ("articles.views", "articles.exports"))):
        for name, modules in _imports(package).items():
            wrong = sorted(m for m in modules if m.startswith(forbidden))
            assert not wrong, f"{package}/{name} imports {wrong}"
