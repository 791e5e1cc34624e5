"""The editors' admin, split by concept; importing the modules registers the model admins."""

from articles.admin import annotations, articles, people, permalinks, quotes, reference

__all__ = ["annotations", "articles", "people", "permalinks", "quotes", "reference"]
