"""The benchmark harness, load tests and synthetic corpus behind ``make bench``.

A Django app only so that ``manage.py bench`` and ``manage.py generate_corpus`` are found: it has
no models, URLs or migrations. It imports the app; the app never imports it.
"""
