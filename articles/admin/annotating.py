"""Annotating an article in place on its admin page.

The editor selects words in the text (annotate.js turns the selection into body
offsets) or types them; htmx loads the note's form beside the text and swaps the
text and the form after each save, so the editor never leaves the page.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from articles.admin.versioning import VersionedForm
from articles.models import Annotation, Article, Country, Person, Theme
from articles.rendering import article_segments


class AnnotationForm(VersionedForm):
    start = forms.IntegerField(widget=forms.HiddenInput, required=False)
    end = forms.IntegerField(widget=forms.HiddenInput, required=False)
    words = forms.CharField(
        label="Annotated words", required=False, widget=forms.TextInput(attrs={"size": 60}),
        help_text="Select words in the text, or type them exactly as printed.",
    )

    field_order = ["words", "note", "themes", "stance", "stance_theme", "visibility", "countries", "people"]

    class Meta:
        model = Annotation
        fields = ["note", "themes", "stance", "stance_theme", "countries", "people", "visibility"]
        widgets = {
            "note": forms.Textarea(attrs={"rows": 4, "cols": 60}),
            "themes": forms.CheckboxSelectMultiple,
            "countries": forms.CheckboxSelectMultiple,
            "people": forms.CheckboxSelectMultiple,
            "visibility": forms.RadioSelect,
        }

    def __init__(self, *args, article: Article, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.article = article
        chosen = self.instance.pk
        # The article's own countries and people (and any already chosen) keep the lists short.
        self.fields["countries"].queryset = Country.objects.filter(
            pk__in=article.country_mentions.values("country")
        ) | (self.instance.countries.all() if chosen else Country.objects.none())
        self.fields["people"].queryset = Person.objects.filter(
            pk__in=article.person_mentions.values("person")
        ) | (self.instance.people.all() if chosen else Person.objects.none())
        self.fields["themes"].queryset = Theme.objects.all()
        self.fields["stance_theme"].queryset = Theme.objects.all()
        self.fields["stance_theme"].label = "on the theme"
        if chosen:
            self.fields["words"].initial = self.instance.exact
            self.fields["words"].disabled = True

    def clean(self) -> dict:
        data = super().clean()
        if not self.instance.pk:
            body = self.article.body
            start, end, words = data.get("start"), data.get("end"), (data.get("words") or "").strip()
            valid = start is not None and end is not None and 0 <= start < end <= len(body)
            if valid and words and body[start:end] != words:
                start = None  # the typed words win over a stale selection
            if start is None or end is None or not (0 <= start < end <= len(body)):
                found = body.find(words) if words else -1
                if found == -1:
                    raise forms.ValidationError("Select words in the text, or type words that appear in it exactly.")
                start, end = found, found + len(words)
            data["anchor"] = Annotation.context_for(body, start, end)
        if data.get("stance") and not data.get("stance_theme"):
            self.add_error("stance_theme", "A stance is on a theme: choose which.")
        return data

    def save(self, commit: bool = True) -> Annotation:
        annotation = self.instance
        annotation.article = self.article
        if "anchor" in self.cleaned_data:
            for field, value in self.cleaned_data["anchor"].items():
                setattr(annotation, field, value)
            annotation.passage = self.article.passages.filter(
                start__lte=annotation.start, end__gte=annotation.end
            ).first()
        return super().save(commit=commit)


def text_context(article: Article, user) -> dict:
    """What the annotating panel shows: the text as readers see it, with quotes and every note."""
    quotes = list(article.quotes.visible().select_related("speaker").order_by("start"))
    annotations = list(article.annotations.anchored().order_by("start"))
    for number, annotation in enumerate(annotations, start=1):
        annotation.number = number
    passages = list(article.passages.order_by("index"))
    return {
        "article": article,
        "passages": [
            {"passage": p, "segments": runs}
            for p, runs in zip(passages, article_segments(passages, quotes, annotations), strict=True)
        ],
        "orphans": article.annotations.filter(orphaned=True),
        "can_annotate": user.has_perm("articles.add_annotation"),
    }


def _check(request: HttpRequest, permission: str) -> None:
    # Before any lookup, as the admin's own pages do: without the permission the answer is 403
    # whether or not the note exists, so ids cannot be probed; with it, 404 means missing.
    if not request.user.has_perm(f"articles.{permission}_annotation"):
        raise PermissionDenied


def _panel(
    request: HttpRequest, article: Article, form: AnnotationForm | None, *, status: int = 200, notice: str = ""
) -> HttpResponse:
    context = {
        **text_context(article, request.user),
        "form": form,
        "annotation": form.instance if form else None,
        "notice": notice,
    }
    return TemplateResponse(request, "admin/articles/article/annotate.html#workspace", context, status=status)


def annotation_new(request: HttpRequest, article_id: int) -> HttpResponse:
    _check(request, "add")
    article = get_object_or_404(Article, pk=article_id)
    if request.method == "POST":
        form = AnnotationForm(request.POST, article=article)
        with transaction.atomic():
            if form.is_valid():
                annotation = form.save(commit=False)
                annotation.created_by = request.user
                annotation.save()
                form.save_m2m()
                return _panel(request, article, None, notice="Note added.")
        return _panel(request, article, form, status=422)
    try:
        start, end = int(request.GET.get("start", "")), int(request.GET.get("end", ""))
    except ValueError:
        start = end = None
    initial = {}
    if start is not None and end is not None and 0 <= start < end <= len(article.body):
        initial = {"start": start, "end": end, "words": article.body[start:end]}
    elif request.GET.get("start") is not None:
        return HttpResponseBadRequest("start and end must be offsets into the article body")
    return _panel(request, article, AnnotationForm(article=article, initial=initial))


def annotation_edit(request: HttpRequest, article_id: int, annotation_id: int) -> HttpResponse:
    _check(request, "view")
    article = get_object_or_404(Article, pk=article_id)
    annotation = get_object_or_404(Annotation, pk=annotation_id, article=article)
    if request.method == "POST":
        _check(request, "change")
        with transaction.atomic():
            form = AnnotationForm(request.POST, instance=annotation, article=article)
            if form.is_valid():
                form.save()
                return _panel(request, article, None, notice="Note saved.")
        status = 409 if form.has_error("__all__", "conflict") else 422
        return _panel(request, article, form, status=status)
    return _panel(request, article, AnnotationForm(instance=annotation, article=article))


DELETE_CONFLICT = (
    "Someone else changed this note since you opened it, so it was not deleted. Here it is as they left "
    "it: delete it again if it should still go."
)


def annotation_delete(request: HttpRequest, article_id: int, annotation_id: int) -> HttpResponse:
    _check(request, "delete")
    article = get_object_or_404(Article, pk=article_id)
    annotation = get_object_or_404(Annotation, pk=annotation_id, article=article)
    if request.method != "POST":
        return HttpResponseBadRequest("Delete with POST")
    # The delete carries the version the editor saw: a newer edit by someone else is never discarded unseen.
    with transaction.atomic():
        current = Annotation.objects.select_for_update().filter(pk=annotation.pk).first()
        if current is None:
            return _panel(request, article, None, notice="Note deleted (by someone else, meanwhile).")
        if request.POST.get("version_seen") != str(current.version):
            return _panel(request, article, AnnotationForm(instance=current, article=article), status=409,
                          notice=DELETE_CONFLICT)
        current.delete()
    return _panel(request, article, None, notice="Note deleted.")
