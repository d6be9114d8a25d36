"""Changes to a live article, kept aside until a medical reviewer publishes them (as Wagtail does).

Editing a published article in the admin does not touch the live page: the admin saves the edit as
usual inside a savepoint, takes a `snapshot()` of the result, rolls the savepoint back and keeps the
snapshot as the article's pending `ArticleDraft`. The change form, the staff preview and the
reviewer's page show the draft by applying it inside a transaction that is rolled back. Publishing
applies it for good (`apply()`), in one django-reversion revision; rejecting keeps the reviewer's
comment for the editor. `changes()` is the readable difference between live and draft.

A snapshot holds the article's own fields, its topics and related articles, and its sections, red
flags and sources (each with the id it had, so that rows the draft changes or removes are found again;
rows the draft adds are new).
"""

import difflib
import html
from dataclasses import dataclass

import reversion
from django.db import transaction
from django.utils.safestring import mark_safe

ARTICLE_FIELDS = [
    "title",
    "standfirst",
    "hero_image",
    "hero_alt",
    "is_featured",
    "medical_reviewer_id",
    "last_reviewed",
    "next_review_due",
    "publish_at",
]
CHILDREN = {
    "sections": ["order", "heading", "answer", "is_doctor_callout"],
    "red_flags": ["order", "urgency", "text"],
    "sources": ["order", "title", "publisher", "url", "date", "accessed"],
}
LABELS = {
    "title": "Title",
    "standfirst": "Standfirst",
    "hero_image": "Hero image",
    "hero_alt": "Hero image alt text",
    "is_featured": "Featured",
    "medical_reviewer_id": "Medical reviewer",
    "last_reviewed": "Last reviewed",
    "next_review_due": "Next review due",
    "publish_at": "Publish time",
    "topics": "Topics",
    "related": "Related articles",
}


def _value(value):
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value) if not hasattr(value, "isoformat") else value.isoformat()


def snapshot(article) -> dict:
    """Everything the page shows of `article`, as stored now (JSON-safe)."""
    content = {"fields": {name: _value(getattr(article, name)) for name in ARTICLE_FIELDS}}
    content["fields"]["hero_image"] = article.hero_image.name or ""
    content["topics"] = sorted(article.topics.values_list("pk", flat=True))
    content["related"] = sorted(article.related.values_list("pk", flat=True))
    for relation, fields in CHILDREN.items():
        rows = getattr(article, relation).order_by("order", "pk").values("pk", *fields)
        content[relation] = [{name: _value(value) for name, value in row.items()} for row in rows]
    return content


def apply(article, content: dict, *, keep_ids: bool = False) -> bool:
    """Write `content` into the database as `article`'s state. With `keep_ids`, rows the draft adds are
    created with the ids they have in the draft (inside a transaction that is rolled back, so that a
    form shown with the draft posts ids that exist when its changes are applied again); an id taken
    meanwhile is replaced in `content`. Returns whether `content` was changed so."""
    for name, value in content["fields"].items():
        setattr(article, name, type(article)._meta.get_field(name).to_python(value))
    article.save()
    article.topics.set(content["topics"])
    article.related.set(content["related"])
    renumbered = False
    for relation in CHILDREN:
        renumbered |= _apply_children(getattr(article, relation), content[relation], keep_ids)
    article.refresh_body_text()
    return renumbered


def _apply_children(manager, rows: list[dict], keep_ids: bool) -> bool:
    existing = {row.pk: row for row in manager.all()}
    meta = manager.model._meta
    # Rows the draft removes go first, and rows that are not the callout before the one that is: only
    # one section of an article may be its callout (a database constraint), even for a moment.
    in_draft = {data.get("pk") for data in rows}
    for pk in [pk for pk in existing if pk not in in_draft]:
        existing.pop(pk).delete()
    renumbered = False
    for data in sorted(rows, key=lambda data: bool(data.get("is_doctor_callout"))):
        values = {k: meta.get_field(k).to_python(v) for k, v in data.items() if k != "pk"}
        row = existing.get(data.get("pk"))
        if row is None:
            wanted = data.get("pk") if keep_ids else None
            free = wanted is not None and not manager.model.objects.filter(pk=wanted).exists()
            row = manager.create(pk=wanted, **values) if free else manager.create(**values)
            renumbered |= keep_ids and row.pk != wanted
            data["pk"] = row.pk
        else:
            for name, value in values.items():
                setattr(row, name, value)
            row.save()
    return renumbered


class _Rollback(Exception):
    pass


def shown(article, content: dict | None, render):
    """`render()`'s result with the draft applied (with the ids it has), then everything rolled back.
    Returns (result, whether the draft's new rows had to take other ids)."""
    result, renumbered = None, False
    try:
        # Nothing saved in here is a version of the article for its History: the admin's revision
        # (django-reversion) would otherwise record the draft, unreviewed, as if it had been published.
        with transaction.atomic(), reversion.create_revision(manage_manually=True):
            if content is not None:
                renumbered = apply(article, content, keep_ids=True)
            result = render()
            raise _Rollback
    except _Rollback:
        pass
    article.refresh_from_db()
    return result, renumbered


# ---- the difference, for the reviewer ----


@dataclass
class Change:
    label: str
    before: str  # safe HTML: the old text with what was removed marked <del>
    after: str  # safe HTML: the new text with what was added marked <ins>


def _marked(old: str, new: str) -> tuple[str, str]:
    """Word-level difference of two texts as two pieces of escaped HTML with <del>/<ins> marks."""
    old_words, new_words = old.split(" "), new.split(" ")
    before, after = [], []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False).get_opcodes():
        old_part = html.escape(" ".join(old_words[a1:a2]))
        new_part = html.escape(" ".join(new_words[b1:b2]))
        if op == "equal":
            before.append(old_part)
            after.append(new_part)
            continue
        if old_part:
            before.append(f"<del>{old_part}</del>")
        if new_part:
            after.append(f"<ins>{new_part}</ins>")
    return mark_safe(" ".join(before)), mark_safe(" ".join(after))


def _text(row: dict, fields: list[str]) -> str:
    return " · ".join(str(row[name]) for name in fields if row.get(name) not in (None, "", False))


def changes(live: dict, draft: dict) -> list[Change]:
    """What the draft changes, field by field and row by row, in reading order."""
    found = []
    for name in [*ARTICLE_FIELDS, "topics", "related"]:
        old = live["fields"].get(name) if name in ARTICLE_FIELDS else live[name]
        new = draft["fields"].get(name) if name in ARTICLE_FIELDS else draft[name]
        if old != new:
            found.append(Change(LABELS[name], *_marked(str(old or ""), str(new or ""))))
    for relation, fields in CHILDREN.items():
        title = relation.replace("_", " ").capitalize()[:-1]
        old_rows = {row["pk"]: row for row in live[relation]}
        for position, row in enumerate(draft[relation], start=1):
            before = old_rows.pop(row.get("pk"), None)
            new_text = _text(row, fields[1:])
            old_text = _text(before, fields[1:]) if before else ""
            if old_text != new_text:
                label = f"{title} {position}" + ("" if before else " (new)")
                found.append(Change(label, *_marked(old_text, new_text)))
        for row in old_rows.values():
            found.append(Change(f"{title} removed", *_marked(_text(row, fields[1:]), "")))
    return found
