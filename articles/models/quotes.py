from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.utils.text import Truncator
from simple_history.models import HistoricalRecords

from articles.links import page_url
from articles.models.described import description_slug
from articles.models.search import SEARCH_CONFIG, ranked_search

# A printed subject that only reads in its sentence ("He argues that…"): cite the resolved speaker instead.
PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "him", "her", "them"})
# Cues that are not verbs: reported speech after them reads "According to X, …".
NON_VERB_CUES = frozenset({"", "according to"})


def words(text: str, count: int | None) -> str:
    return Truncator(text).words(count) if count else text


def paraphrase(who: str, cue: str, text: str) -> str:
    """Reported speech as a sentence of our own, never in quotation marks:
    "Alexander Lukashenko suggested that such a move would be a bad idea"."""
    text = " ".join(text.split())
    cue = " ".join(cue.split()).lower()
    if not who:
        return f"Reportedly, {text}"
    who = who[:1].upper() + who[1:]
    if cue in NON_VERB_CUES:
        return f"According to {who}, {text}"
    if text[:5].lower() == "that ":
        text = text[5:]
    return f"{who} {cue} that {text}"


class QuoteQuerySet(models.QuerySet):
    def visible(self) -> QuoteQuerySet:
        """What readers see: everything but quotes an editor rejected."""
        return self.exclude(status=Quote.Status.REJECTED)

    def listed(self) -> QuoteQuerySet:
        """What a list of quotes shows: speaker and outlet joined, but not the article's raw text,
        cleaning report or search vectors, which would multiply each row's size by a hundred."""
        return self.select_related("article__source", "speaker", "speaker_organisation").defer(
            "search_vector", *(f"article__{name}" for name in ARTICLE_BULK)
        )

    def newest_first(self) -> QuoteQuerySet:
        """The reading order of every quote list; it walks ``quote_published_idx`` (or the speaker's)."""
        return self.order_by(*NEWEST_FIRST, "pk")

    def search(self, query: str) -> QuoteQuerySet:
        """Web-search syntax, ranked, with the whole quote as its snippet (matches marked)."""
        return ranked_search(self, query, "text", highlight_all=True).order_by("-rank")


ARTICLE_BULK = ("raw_text", "cleaning", "search_vector")  # never shown beside a quote

# Undated quotes last; the indexes below are built in this order, so lists stop after a page.
NEWEST_FIRST = (F("published").desc(nulls_last=True), "article_id", "start")
OLDEST_FIRST = (F("published").asc(nulls_first=True), "article_id", "start")


class Quote(models.Model):
    """Words attributed to a speaker in an article."""

    class Kind(models.TextChoices):
        DIRECT = "direct", "Direct"
        PARTIAL = "partial", "Partial"
        INDIRECT = "indirect", "Reported speech"

    class Status(models.TextChoices):
        MACHINE = "machine", "Machine"
        VERIFIED = "verified", "Verified by an editor"
        REJECTED = "rejected", "Rejected by an editor"

    class SpeakerKind(models.TextChoices):
        PERSON = "person", "Named person"
        ANONYMOUS = "anonymous", "Anonymous source"
        ORGANISATION = "organisation", "Organisation"
        DOCUMENT = "document", "Document"
        NONE = "none", "Unknown"

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="quotes")
    passage = models.ForeignKey("articles.Passage", on_delete=models.CASCADE, related_name="quotes")
    speaker = models.ForeignKey(
        "articles.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes"
    )
    speaker_organisation = models.ForeignKey(
        "articles.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes"
    )
    speaker_kind = models.CharField(max_length=20, choices=SpeakerKind.choices, default=SpeakerKind.NONE)
    speaker_text = models.CharField(
        "speaker as printed", max_length=300, blank=True, help_text="“he”, “a senior American diplomat”."
    )
    text = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    cue = models.CharField("cue verb", max_length=50, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.DIRECT)
    confidence = models.FloatField(default=1.0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.MACHINE)
    version = models.PositiveIntegerField(default=1, help_text="Bumped on every edit, to refuse lost updates.")
    published = models.DateField(
        null=True, blank=True, editable=False,
        help_text="The article's date, copied by a database trigger so quote lists sort without a join.",
    )
    themes = models.ManyToManyField("articles.Theme", through="articles.QuoteTheme", blank=True)
    search_vector = models.GeneratedField(
        expression=SearchVector("text", weight="A", config=SEARCH_CONFIG)
        + SearchVector("speaker_text", weight="B", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["search_vector", "published"])

    objects = QuoteQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start"]
        indexes = [
            GinIndex(fields=["search_vector"], name="quote_search_idx"),
            models.Index(fields=["speaker", "article"], name="quote_speaker_idx"),
            models.Index(fields=["status", "confidence"], name="quote_review_queue_idx"),
            # Partial, like every reader's list: rejected quotes are never shown.
            models.Index(
                *NEWEST_FIRST, "id", name="quote_published_idx", condition=~Q(status="rejected")
            ),
            models.Index(
                "speaker", *NEWEST_FIRST, "id", name="quote_speaker_published_idx", condition=~Q(status="rejected")
            ),
            # ``sort=confidence``: a theme's least certain quotes are a walk that stops, not a sort of all of them.
            models.Index(fields=["confidence", "id"], name="quote_confidence_idx", condition=~Q(status="rejected")),
            # Each outlet's visible and anonymous quotes on /sources/, counted from the index alone.
            models.Index(fields=["article", "speaker_kind", "id"], name="quote_article_visible_idx",
                         condition=~Q(status="rejected")),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="quote_offsets_ordered"),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1), name="quote_confidence_0_1"
            ),
        ]

    def __str__(self) -> str:
        text = self.display_title
        return text if len(text) <= 80 else text[:79] + "…"

    def save(self, *args, **kwargs) -> None:
        # The database trigger sets the stored date; this keeps the object in step with it.
        if self.article_id and Quote.article.is_cached(self):
            self.published = self.article.published
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return page_url("quote_detail", self.pk)

    @property
    def speaker_url(self) -> str:
        """The speaker's page: a person's, an organisation's, or a described source's
        (``/anonymous/<slug>/``, the quotes of everyone so described); "" for nobody."""
        if self.speaker_id:
            return self.speaker.get_absolute_url()
        if self.speaker_organisation_id:
            return self.speaker_organisation.get_absolute_url()
        if self.speaker_text and self.speaker_kind not in (self.SpeakerKind.PERSON, self.SpeakerKind.NONE):
            slug = description_slug(self.speaker_text)
            return page_url("described_source", slug) if slug else ""
        return ""

    @property
    def speaker_label(self) -> str:
        if self.speaker_id:
            return self.speaker.name
        return self.speaker_text or "Unattributed"

    # How a quote is shown and cited: the one place that decides quotation marks. Direct and
    # partial quotes are the speaker's words, in marks; reported speech is the article's
    # paraphrase, so it is shown as one ("X suggested that …") and never in marks: a reader who
    # copies it must not misquote anyone. Every page, the admin and every export read these.

    @property
    def is_reported(self) -> bool:
        return self.kind == self.Kind.INDIRECT

    @property
    def speaker_as_cited(self) -> str:
        """Who said it as the article prints them ("Lukashenko", "a senior NATO official"), or
        the resolved speaker when the print is a pronoun ("He argues…"); "" when unattributed."""
        printed = " ".join(self.speaker_text.split())
        if printed and printed.lower() not in PRONOUNS:
            return printed
        return self.speaker.name if self.speaker_id else ""

    def as_display(self, count: int | None = None) -> str:
        """The quote as shown, cut to ``count`` words: “words” or the paraphrase sentence."""
        if self.is_reported:
            return paraphrase(self.speaker_as_cited, self.cue, words(self.text, count))
        return f"“{words(self.text, count)}”"

    @property
    def paraphrase_lead(self) -> str:
        """The words before reported speech ("Lukashenko suggested that "), for a page that shows
        only a snippet of it (search results)."""
        return paraphrase(self.speaker_as_cited, self.cue, "") if self.is_reported else ""

    @property
    def display_text(self) -> str:
        return self.as_display()

    @property
    def display_snippet(self) -> str:
        """For lists beside the text (the article's "Quoted" sidebar)."""
        return self.as_display(14)

    def labelled(self, count: int | None = None) -> str:
        """The quote with who said it, cut to about ``count`` words: `Speaker: “words…”`, or the
        paraphrase, which names its speaker already (a few words longer for its "X said that")."""
        if self.is_reported:
            return self.as_display(count + 4 if count else None)
        return f"{self.speaker_label}: {self.as_display(count)}"

    @property
    def display_title(self) -> str:
        """A page title or a one-line label."""
        return self.labelled(8)

    def citation(self, permalink: str, description: str = "") -> str:
        """What "Cite this quote" offers: who, the words (in marks only when they are theirs),
        the outlet, date, the article's title (or the same fallback as everywhere) and address,
        and the permalink."""
        described = f" ({description})" if description else ""
        if self.is_reported:
            who = self.speaker_as_cited
            said = paraphrase(f"{who}{described}" if who else "", self.cue, self.text)
        else:
            said = f"{self.speaker_label}{described}: {self.display_text}"
        article = self.article
        parts = [
            article.source.name if article.source_id else "Unknown outlet",
            article.published.strftime("%-d %B %Y") if article.published else "undated",
            f"“{article.title}”" if article.title else article.display_title,
        ]
        if article.safe_url:
            parts.append(article.safe_url)
        stop = "" if said.endswith((".", "!", "?")) else "."
        return f"{said}{stop} {', '.join(parts)}. Via Commentariat: {permalink}"

    def locate(self, text: str) -> bool:
        """Point the quote at ``text`` in its article (an editor fixing the span); False if it is not there.

        The nearest occurrence to the quote's current place wins.
        """
        body = self.article.body
        positions, at = [], body.find(text)
        while at != -1 and text:
            positions.append(at)
            at = body.find(text, at + 1)
        if not positions:
            return False
        start = min(positions, key=lambda p: abs(p - self.start))
        self.start, self.end, self.text = start, start + len(text), text
        self.passage = self.article.passages.filter(start__lte=start, end__gte=self.end).first() or self.passage
        return True


class QuoteTheme(models.Model):
    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="quote_themes")
    theme = models.ForeignKey("articles.Theme", on_delete=models.CASCADE, related_name="quote_themes")
    score = models.FloatField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["quote", "theme"], name="quote_theme_once")]
        indexes = [models.Index(fields=["theme", "quote"], name="quote_theme_theme_idx")]

    def __str__(self) -> str:
        return f"{self.theme} ({self.score:.2f})"


class QuoteReview(Quote):
    """The review queue: machine quotes, least confident first (an admin view of Quote)."""

    class Meta:
        proxy = True
        verbose_name = "quote to review"
        verbose_name_plural = "quote review queue"
