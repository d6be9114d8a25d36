"""Starting a Hindi translation of an English article.

A translation is its own Article (language "hi", `translation_of` its original) with its own slug,
reviewer, review date, status and history. `start_translation` copies the original into a Hindi draft
for an editor to rewrite field by field: the topics, the callout's structure (the same red flags with
the same urgencies, to be reworded), the sources and the hero image carry over; the reviewer and the
review dates do not, since a reviewer who reads Hindi must sign off the Hindi text itself. When that
reviewer publishes it, the translation records the original as it then reads (Article.save), so a
later change of the original shows the translation as out of date.
"""

from django.db import transaction

from articles.models import Article, Language, RedFlag, Source, Status

SLUG_SUFFIX = "-hindi"


def _free_slug(base: str) -> str:
    max_length = Article._meta.get_field("slug").max_length
    stem = base[: max_length - len(SLUG_SUFFIX) - 4]
    candidates = [f"{stem}{SLUG_SUFFIX}"] + [f"{stem}{SLUG_SUFFIX}-{n}" for n in range(2, 1000)]
    taken = set(
        Article.objects.filter(slug__startswith=f"{stem}{SLUG_SUFFIX}").values_list("slug", flat=True)
    )
    return next(slug for slug in candidates if slug not in taken)


@transaction.atomic
def start_translation(original: Article, author) -> Article:
    """A Hindi draft copied from `original` (an English article)."""
    if original.language != Language.ENGLISH:
        raise ValueError("Only an English article can be translated into Hindi.")
    translation = Article.objects.create(
        title=original.title,
        slug=_free_slug(original.slug),
        language=Language.HINDI,
        translation_of=original,
        standfirst=original.standfirst,
        status=Status.DRAFT,
        author=author,
        hero_image=original.hero_image.name,
        hero_width=original.hero_width,
        hero_height=original.hero_height,
        hero_alt=original.hero_alt,
    )
    translation.topics.set(original.topics.all())
    translation.related.set(Article.objects.filter(translation_of__in=original.related.all()))
    for section in original.sections.order_by("order"):
        translation.sections.create(
            order=section.order,
            heading=section.heading,
            answer=section.answer,
            is_doctor_callout=section.is_doctor_callout,
        )
    RedFlag.objects.bulk_create(
        RedFlag(article=translation, order=flag.order, urgency=flag.urgency, text=flag.text)
        for flag in original.red_flags.order_by("order")
    )
    Source.objects.bulk_create(
        Source(
            article=translation,
            order=source.order,
            title=source.title,
            publisher=source.publisher,
            url=source.url,
            date=source.date,
            accessed=source.accessed,
        )
        for source in original.sources.order_by("order")
    )
    translation.refresh_body_text()
    return translation
