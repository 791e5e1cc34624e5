"""Extraction pipeline: plain Python from raw article text to dataclasses.

Nothing in this package imports Django or the app, so it runs (and its tests run) without a
database; ``articles/extraction.py`` is the one adapter that feeds it stored articles and saves
what it finds (tests/test_architecture.py holds it to that).
"""
