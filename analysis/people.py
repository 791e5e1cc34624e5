"""People and organisations an article mentions, with roles and in-article aliases.

Two passes over the body: full names first, then bare surnames and
title+surname mentions, which join the full name they abbreviate (or the
gazetteer's canonical figure). Spans that no rule classifies go to spaCy NER.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pycountry

from analysis.document import Document, PassageKind
from analysis.lexicon import ROLE_KIND_WORDS
from analysis.mentions import Mention, appositive_after, classify, find_spans, role_before, split_role
from analysis.names import canonical_figure, fold, is_alias_of, name_tokens, person_key, same_person
from analysis.nlp import ner_labels
from analysis.orgs import canonical_org, is_country, org_key, org_kind
from analysis.results import OrganisationResult, PersonKind, PersonResult, Span

_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "rev", "reverend"}


@dataclass(slots=True)
class Entity:
    name: str
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    affiliation: str | None = None
    country: str | None = None
    kind: PersonKind = PersonKind.OTHER
    is_author: bool = False
    quoted: bool = False


@dataclass(slots=True)
class Cast:
    """Everything named in an article, in reading order."""

    people: list[Entity]
    person_of: dict[int, Entity]  # id(mention) -> entity
    person_mentions: list[Mention]  # sorted by offset
    org_mentions: list[Mention]
    orgs: list[OrganisationResult]


_PLACE_PREP = re.compile(r"\b(?:in|to|from|at|of|near|into|across|outside)\s+(?:the\s+)?$", re.I)


def build_cast(doc: Document, quoted: dict[int, list[tuple[int, int]]]) -> Cast:
    """``quoted`` maps a passage index to its quoted spans (passage-relative)."""
    mentions: list[tuple[Mention, str, int]] = []  # mention, passage text, passage start
    for passage in doc.passages:
        if passage.kind not in (PassageKind.BODY,):
            continue
        spans = quoted.get(passage.index, [])
        terms = {passage.text[a:b].strip() for a, b in spans}
        for m in find_spans(passage.text, passage.start, passage.index, spans):
            if m.in_quote and m.text in terms:
                continue  # a term in scare quotes ("Crink") is not a named entity
            mentions.append((m, passage.text, passage.start))
    # Pass 1: rules with no knowledge of the article's other names.
    for m, text, start in mentions:
        m.kind = classify(m, text, m.start - start, set())
    _promote_surnames(doc, mentions)
    _ask_ner(doc, [(m, text, start) for m, text, start in mentions if m.kind == "unknown"])
    # Names NER recognised ("Gen. Norman Ham") make their surnames known too ("Ham said").
    _promote_surnames(doc, mentions)
    persons = [m for m, _, _ in mentions if m.kind == "person"]
    entities, person_of = _group_people(doc, persons)
    _add_roles(doc, entities)
    org_mentions = [m for m, _, _ in mentions if m.kind == "org"]
    return Cast(entities, person_of, sorted(persons, key=lambda m: m.start), org_mentions,
                _group_orgs(doc, org_mentions))


def _promote_surnames(doc: Document, mentions: list[tuple[Mention, str, int]]) -> None:
    """A bare word that is the surname of a person named in full is that person ("Ham said"),
    even when the rules took it for a place or a word ("Gen. Norman Ham ... Ham said")."""
    surnames = _known_surnames(doc, [m for m, _, _ in mentions if m.kind == "person"])
    for m, text, start in mentions:
        if fold(m.text) not in surnames:
            continue
        if m.kind == "unknown" or (m.kind in ("place", "other") and " " not in m.text
                                   and not _PLACE_PREP.search(text[max(0, m.start - start - 12):m.start - start])):
            m.kind, m.evidence = "person", "alias"


def _known_surnames(doc: Document, persons: list[Mention]) -> set[str]:
    out: set[str] = set()
    for m in persons:
        tokens = name_tokens(m.text)
        if len(tokens) > 1:
            out.add(tokens[-1])
            out.add(fold(m.text.split()[-1]))
    for author in doc.authors:
        out.add(fold(author.split()[-1]))
    return out


def _ask_ner(doc: Document, unknown: list[tuple[Mention, str, int]]) -> None:
    """Classify leftover spans with spaCy NER, reading only their sentences."""
    if not unknown:
        return
    windows: list[tuple[Mention, str, int]] = []
    for m, text, start in unknown:
        rel = m.start - start
        dot = text.rfind(". ", 0, rel)
        left = max(dot + 2 if dot != -1 else 0, rel - 150)
        right_dot = text.find(". ", rel + len(m.text))
        right = min(len(text), rel + len(m.text) + 150) if right_dot == -1 else min(right_dot + 1, rel + len(m.text) + 150)
        windows.append((m, text[left:right], rel - left))
    # NER is the costly step: a name repeated through the article is read in its first two
    # sentences only, and a sentence holding several unknown names is read once.
    asked: dict[str, list[tuple[str, int]]] = {}
    for m, window, rel in windows:
        if len(asked.setdefault(m.text, [])) < 2:
            asked[m.text].append((window, rel))
    distinct = list(dict.fromkeys(w for pairs in asked.values() for w, _ in pairs))
    by_window = dict(zip(distinct, ner_labels(distinct), strict=True))
    label_of: dict[str, str | None] = {}
    for text, pairs in asked.items():
        found = [next((lab for s, e, lab in by_window[w] if s <= rel < e or rel <= s < rel + len(text)), None)
                 for w, rel in pairs]
        label_of[text] = next((lab for lab in found if lab is not None), None)
    speaking = {id(m) for m, text, start in unknown if _SPEAKS_AFTER.match(text, m.end - start)}
    for m, _, _ in windows:
        label = label_of[m.text]
        if label == "PERSON" and len(m.text) > 2:
            m.kind, m.evidence = "person", "ner"
        elif label is None and id(m) in speaking and not m.possessive and len(m.text) > 2:
            m.kind, m.evidence = "person", "cue"  # "Hannity said": NER saw no entity, the cue a speaker
        elif label == "ORG":
            m.kind, m.org_kind, m.evidence = "org", org_kind(m.text) or "other", "ner"
        else:
            m.kind = "place" if label in {"GPE", "LOC", "NORP", "FAC"} else "other"


_SPEAKS_AFTER = re.compile(r"\s+(?:also\s+|then\s+)?(?:said|says|told|added|wrote|asked|responded|replied|argued|"
                           r"warned|noted|insisted|explained|continued)\b")


def _group_people(doc: Document, persons: list[Mention]) -> tuple[list[Entity], dict[int, Entity]]:
    entities: list[Entity] = []
    by_key: dict[str, Entity] = {}
    person_of: dict[int, Entity] = {}
    for author in doc.authors:
        ent = Entity(author, is_author=True, kind=PersonKind.JOURNALIST)
        entities.append(ent)
        by_key[person_key(author)] = ent
    ordered = sorted(persons, key=lambda m: (len(name_tokens(m.text)) < 2, m.start))
    for m in ordered:
        ent = _match_entity(m, entities, by_key)
        if ent is None:
            figure = canonical_figure(m.text) if (len(m.text.split()) > 1 or m.title or m.evidence == "gazetteer") else None
            name = figure.name if figure else m.text
            ent = by_key.get(person_key(name))
            if ent is None:
                ent = Entity(name)
                entities.append(ent)
                by_key[person_key(name)] = ent
        ent.mentions.append(m)
        person_of[id(m)] = ent
        if m.text != ent.name and m.text not in ent.aliases:
            ent.aliases.append(m.text)
        titled = f"{m.title} {m.text}" if m.title and " " not in m.title else None
        if titled and titled not in ent.aliases and titled != ent.name:
            ent.aliases.append(titled)
    for ent in entities:
        ent.mentions.sort(key=lambda x: x.start)
    return entities, person_of


def _match_entity(m: Mention, entities: list[Entity], by_key: dict[str, Entity]) -> Entity | None:
    key = person_key(m.text)
    if key in by_key:
        return by_key[key]
    if len(name_tokens(m.text)) > 1:
        # A full name joins only an entity that is the same person by key or figure.
        figure = canonical_figure(m.text)
        return next((e for e in entities if figure and canonical_figure(e.name) is figure), None)
    # A bare surname: the most recently introduced full name it abbreviates.
    candidates = [e for e in entities if is_alias_of(m.text, e.name)
                  or any(is_alias_of(m.text, a) for a in e.aliases)]
    if len(candidates) > 1:
        before = [e for e in candidates if e.mentions and e.mentions[0].start <= m.start]
        candidates = sorted(before or candidates, key=lambda e: e.mentions[-1].start if e.mentions else 0)
    if candidates:
        return candidates[-1]
    return next((e for e in entities if e.is_author and same_person(m.text, e.name)), None)


_CREDIT_BEFORE = re.compile(r"\b(Reporting|Editing|Writing|Additional reporting)\s+by\s+(?:[\w\s.\-’']+\s+and\s+)?$")


def _add_roles(doc: Document, entities: list[Entity]) -> None:
    texts = {p.index: p for p in doc.passages}
    for ent in entities:
        for m in ent.mentions:
            passage = texts[m.passage]
            rel_start, rel_end = m.start - passage.start, m.end - passage.start
            phrase = appositive_after(passage.text, rel_end) or role_before(passage.text, rel_start)
            if phrase is None and m.title and re.match(r"\s+of\s+([A-Z][\w ]+)", passage.text[rel_end:]):
                country = re.match(r"\s+of\s+([A-Z][\w]+(?:\s+[A-Z]\w+)*)", passage.text[rel_end:]).group(1)
                if is_country(country):
                    phrase = f"{m.title} of {country}"
            # In a window before the mention: searching all of a long passage each time is quadratic.
            credit = _CREDIT_BEFORE.search(passage.text, max(0, rel_start - 300), rel_start)
            if credit and ent.role is None:
                ent.role = {"Editing": "editor"}.get(credit.group(1), "reporter")  # a wire credit line
            if phrase and ent.role is None:
                ent.role, ent.affiliation = split_role(phrase)
        figure = canonical_figure(ent.name)
        if figure is not None:
            ent.role = ent.role or figure.role
            ent.country = figure.country
        titles = [m.title for m in ent.mentions if m.title and fold(m.title).rstrip(".") not in _HONORIFICS]
        if ent.role is None and titles:
            ent.role = "professor" if fold(titles[0]).rstrip(".") in {"prof", "professor"} else titles[0]
        if ent.is_author:
            ent.role = _author_role(doc, ent) or ent.role
        ent.kind = _kind(ent, figure.kind if figure else None)
        ent.country = ent.country or _country_in(ent.role)


def _author_role(doc: Document, ent: Entity) -> str | None:
    """The author's role from the standfirst ('the defence expert writes') and bio."""
    parts: list[str] = []
    if doc.standfirst:
        m = re.search(r"\bthe\s+([\w\s\-]{3,40}?)\s+(?:writes|argues|says|explains)\b", doc.standfirst)
        if m:
            parts.append(m.group(1))
    surname = re.escape(ent.name.split()[-1])
    for passage in doc.passages:
        if passage.kind != PassageKind.BIO:
            continue
        m = re.search(rf"^(?:([A-Z][a-z]+)\s+)?[\w .\-]*{surname}\s+(?:is|was)\s+(?:an?\s+|the\s+)?([^.,;]+)",
                      passage.text)
        if m:
            if m.group(1) and m.group(1).lower() in {"professor", "dr", "sir", "dame", "lord"}:
                parts.append(m.group(1).lower())
            parts.append(m.group(2).strip())
    return "; ".join(parts) if parts else None


# One pattern per kind (hundreds of small ones would thrash the re module's cache).
_ROLE_KIND_RE = {kind: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")
                 for kind, words in ROLE_KIND_WORDS.items()}


def _kind(ent: Entity, figure_kind: str | None) -> PersonKind:
    role = (ent.role or "").lower()
    head = re.split(r"\s+(?:of|at|for)\s+", role)[0]
    if re.search(r"\b(?:chief executive|ceo|founder|billionaire|businessman|businesswoman|entrepreneur|owner)\b", head):
        return PersonKind.OTHER
    for kind in ("leader", "journalist", "official", "expert"):
        if _ROLE_KIND_RE[kind].search(head):
            if kind == "official" and re.search(r"\bdirector\b", head) and (
                org_kind(ent.affiliation or "") in {"think_tank", "university"} or "initiative" in role
            ):
                return PersonKind.EXPERT
            if kind == "leader" and re.search(r"\b(?:party|opposition|group|hamas|hezbollah)\b", role):
                return PersonKind.OFFICIAL
            return PersonKind(kind)
    if _ROLE_KIND_RE["expert"].search(role):
        return PersonKind.EXPERT
    if ent.is_author:
        return PersonKind.JOURNALIST
    if figure_kind in {k.value for k in PersonKind}:
        return PersonKind(figure_kind)
    return PersonKind.OTHER


def _country_in(role: str | None) -> str | None:
    if not role:
        return None
    for m in re.finditer(r"[A-Z][\w]+(?:\s+[A-Z]\w+)*", role):
        try:
            return pycountry.countries.lookup(m.group(0)).alpha_2
        except LookupError:
            continue
    return None


def _group_orgs(doc: Document, org_mentions: list[Mention]) -> list[OrganisationResult]:
    orgs: dict[str, OrganisationResult] = {}
    body = doc.body
    for m in org_mentions:
        key = org_key(m.text)
        # "Institute for the Study of War (ISW)": the acronym names the same organisation.
        if re.fullmatch(r"[A-Z]{2,6}", m.text) and body[m.start - 1:m.start] == "(":
            prev = next((o for o in reversed(list(orgs.values()))
                         if o.mentions and 0 < m.start - o.mentions[-1].end <= 3), None)
            if prev is not None:
                prev.mentions.append(Span(m.start, m.end, m.text))
                continue
        org = orgs.get(key)
        if org is None:
            org = OrganisationResult(canonical_org(m.text), key, m.org_kind or org_kind(m.text) or "other")
            orgs[key] = org
        org.mentions.append(Span(m.start, m.end, m.text))
    if doc.source and org_key(doc.source) not in orgs:
        orgs[org_key(doc.source)] = OrganisationResult(doc.source, org_key(doc.source), "media")
    return list(orgs.values())


def person_results(cast: Cast) -> list[PersonResult]:
    out: list[PersonResult] = []
    for ent in cast.people:
        out.append(PersonResult(
            name=ent.name, key=person_key(ent.name), aliases=list(ent.aliases), kind=ent.kind,
            role=ent.role, affiliation=ent.affiliation, country=ent.country, is_author=ent.is_author,
            quoted=ent.quoted, mentions=[Span(m.start, m.end, m.text) for m in ent.mentions],
        ))
    return out
