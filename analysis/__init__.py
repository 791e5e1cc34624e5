"""Extraction pipeline: plain Python from raw article text to dataclasses.

Nothing in this package touches the database except :mod:`analysis.save`, which
stores a finished :class:`analysis.pipeline.Extraction` for one article.
"""
