"""The editors' admin, split by concept; importing the modules registers the model admins."""

from articles.admin import annotations, articles, jobs, people, permalinks, quotes, reference, users

__all__ = ["annotations", "articles", "jobs", "people", "permalinks", "quotes", "reference", "users"]
