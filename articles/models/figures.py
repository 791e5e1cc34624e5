from __future__ import annotations

from django.db import models
from django.db.models import F, Q


class Figure(models.Model):
    """A numeric claim: “around 11,000 North Korean infantry troops”."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="figures")
    passage = models.ForeignKey("articles.Passage", null=True, blank=True, on_delete=models.CASCADE)
    text = models.TextField(help_text="The claim as printed.")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    about = models.CharField(max_length=300, help_text="What it counts.")
    group_key = models.CharField(
        max_length=200, db_index=True, help_text="Figures about the same thing share this key across articles."
    )
    value_low = models.FloatField()
    value_high = models.FloatField()
    approximate = models.BooleanField(default=False)
    unit = models.CharField(max_length=10, blank=True, help_text="“%”, a currency code (USD, GBP…), or empty for a count.")
    attributed_to = models.CharField(max_length=300, blank=True, help_text="As printed or resolved.")
    attributed_person = models.ForeignKey(
        "articles.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="figures"
    )

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(value_high__gte=F("value_low")), name="figure_range_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.about}: {self.value_range}"

    @property
    def value_range(self) -> str:
        low, high = _number(self.value_low), _number(self.value_high)
        prefix = "≈" if self.approximate else ""
        value = f"{prefix}{low}" if low == high else f"{prefix}{low}–{high}"
        if self.unit == "%":
            return f"{value}%"
        return f"{value} {self.unit}" if self.unit else value


def _number(value: float) -> str:
    return f"{int(value):,}" if value == int(value) else f"{value:,.2f}"
