"""Across articles, one person is one Person whatever the spelling; namesakes stay apart."""

from __future__ import annotations

import pytest

from articles.importing import Incoming, import_incoming
from articles.models import Person

pytestmark = pytest.mark.django_db


def names_like(fragment: str) -> list[str]:
    return sorted(Person.objects.filter(name__icontains=fragment).values_list("name", flat=True))


def test_the_corpus_spellings_of_one_person_are_one_person(corpus):
    assert names_like("Putin") == ["Vladimir Putin"]
    assert names_like("Kim Jong") == ["Kim Jong Un"]
    assert names_like("Xi") == ["Xi Jinping"]
    kim = Person.objects.get(name="Kim Jong Un")
    assert kim.mentions.count() == 2  # named in both articles
    assert "Kim Jong-un" in kim.aliases


def test_people_who_share_a_surname_are_not_merged(db):
    import_incoming(Incoming(raw="“The sanctions are working,” said Michael Butler, a professor at Clark University.\n", name="a.txt"))
    import_incoming(Incoming(raw="“The sanctions are failing,” said Sarah Butler, an analyst at the Example Institute.\n", name="b.txt"))
    assert names_like("Butler") == ["Michael Butler", "Sarah Butler"]


def test_a_title_and_surname_joins_the_one_full_name_known(db):
    import_incoming(Incoming(raw="“We are ready,” said Recep Tayyip Erdoğan, the president of Turkey, on Monday.\n", name="a.txt"))
    import_incoming(Incoming(raw="President Erdogan of Turkey met the delegation in Ankara, officials said on Tuesday.\n", name="b.txt"))
    assert names_like("rdo") == ["Recep Tayyip Erdoğan"]
