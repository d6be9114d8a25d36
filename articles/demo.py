"""Demo articles for `seed_demo`: idempotent (update_or_create by slug), with generated hero images.

Each article is written as a draft with its sections, red flags and sources, then published through
`full_clean()`, so the demo passes the same publish check as an editor's article (a callout with red
flags, nothing the PCPNDT guard refuses)."""

import datetime
import hashlib
import io
import random

import reversion
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from articles.demo_content import ARTICLES, FEATURED, RELATED, TOPICS, TRIMESTER_TOPICS, DemoArticle
from articles.demo_content_hi import HINDI_ARTICLES, TOPICS_HI, TRANSLATION_OF
from articles.models import Article, Language, RedFlag, Source, Status, Topic, review_due_after
from directory.models import City, Gynecologist

HERO_SIZE = (1200, 630)
PALETTES = [
    ((248, 238, 243), [(122, 41, 82), (214, 142, 176), (15, 94, 88)]),
    ((230, 243, 241), [(15, 94, 88), (111, 181, 170), (122, 41, 82)]),
    ((255, 244, 224), [(138, 75, 0), (232, 170, 90), (122, 41, 82)]),
    ((240, 240, 250), [(70, 70, 140), (160, 150, 215), (15, 94, 88)]),
]
FIRST_PUBLISHED = datetime.datetime(2025, 2, 3, 9, 0, tzinfo=datetime.UTC)
# A Hindi article is published this long after its English original, once its own reviewer signed off.
TRANSLATED_AFTER = datetime.timedelta(days=40)
HERO_ALT = {
    Language.ENGLISH: "Abstract pattern of soft, overlapping circles",
    Language.HINDI: "एक-दूसरे पर चढ़े हल्के रंग के गोलों का सादा चित्र",
}
DEMO_REVIEWERS = [
    # name, slug, registration number, experience
    ("Dr Meera Deshpande", "dr-meera-deshpande-demo", "DEMO-REVIEWER-1", 18),
    ("Dr Farah Siddiqui", "dr-farah-siddiqui-demo", "DEMO-REVIEWER-2", 12),
    ("Dr Lakshmi Iyer", "dr-lakshmi-iyer-demo", "DEMO-REVIEWER-3", 22),
]


def hero_image(slug: str) -> bytes:
    """A simple abstract picture (soft overlapping circles), the same every time for a slug."""
    seed = int(hashlib.sha256(slug.encode()).hexdigest()[:8], 16)
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    background, colours = PALETTES[seed % len(PALETTES)]
    image = Image.new("RGB", HERO_SIZE, background)
    layer = Image.new("RGBA", HERO_SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for _ in range(9):
        radius = rng.randint(90, 300)
        x, y = rng.randint(-100, HERO_SIZE[0] + 100), rng.randint(-100, HERO_SIZE[1] + 100)
        colour = (*rng.choice(colours), rng.randint(60, 140))
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
    image.paste(layer, (0, 0), layer)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82, optimize=True)
    return out.getvalue()


def _reviewers():
    doctors = list(Gynecologist.objects.filter(is_active=True).order_by("pk")[:3])
    if doctors:
        return doctors
    city, _ = City.objects.get_or_create(slug="pune", defaults={"name": "Pune", "state": "Maharashtra"})
    for name, slug, registration, experience in DEMO_REVIEWERS:
        doctor, _ = Gynecologist.objects.get_or_create(
            registration_number=registration,
            defaults={
                "name": name,
                "slug": slug,
                "gender": "female",
                "qualifications": "MBBS, MS (Obstetrics & Gynaecology)",
                "experience_years": experience,
                "consultation_fee": 800,
                "city": city,
            },
        )
        doctor.refresh_derived()
        doctors.append(doctor)
    return doctors


def _topics():
    topics = {}
    for slug, name, description, order in TOPICS:
        name_hi, description_hi = TOPICS_HI[slug]
        topics[slug], _ = Topic.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "name_hi": name_hi,
                "description": description,
                "description_hi": description_hi,
                "order": order,
                "trimester": TRIMESTER_TOPICS.get(slug),
            },
        )
    return topics


def _fill(article: Article, demo: DemoArticle, topics: dict) -> None:
    """Replace the article's topics, sections, red flags and sources with the demo's."""
    article.topics.set([topics[t] for t in demo.topics])
    article.sections.all().delete()
    for order, (heading, answer, callout) in enumerate(demo.sections, start=1):
        article.sections.create(order=order, heading=heading, answer=answer, is_doctor_callout=callout)
    article.red_flags.all().delete()
    RedFlag.objects.bulk_create(
        RedFlag(article=article, order=order, urgency=urgency, text=text)
        for order, (urgency, text) in enumerate(demo.red_flags, start=1)
    )
    article.sources.all().delete()
    Source.objects.bulk_create(
        Source(
            article=article,
            order=order,
            title=s.title,
            publisher=s.publisher,
            url=s.url,
            date=s.date,
            accessed=s.accessed,
        )
        for order, s in enumerate(demo.sources, start=1)
    )


def _seed_article(
    index: int, demo: DemoArticle, topics: dict, reviewers: list, author, original=None
) -> Article:
    """Write one demo article and publish it. A Hindi article (`original` is its English article) comes
    out after its original, with its own reviewer, and records the original's fingerprint as reviewed."""
    if original is None:
        published = FIRST_PUBLISHED + datetime.timedelta(days=17 * index)
    else:
        published = original.publish_at + TRANSLATED_AFTER
    reviewed = published.date() - datetime.timedelta(days=5)
    # An article whose sources were checked again since was revised then, and its reviewer signed off
    # the revision (a translation after its original's): the page never shows a source checked after
    # the article's last review.
    checked = [source.accessed for source in demo.sources if source.accessed]
    if checked:
        reviewed = max(reviewed, *checked)
    if original is not None:
        reviewed = max(reviewed, original.last_reviewed + datetime.timedelta(days=1))
    language = Language.ENGLISH if original is None else Language.HINDI
    article, _ = Article.objects.update_or_create(
        slug=demo.slug,
        defaults={
            "title": demo.title,
            "standfirst": demo.standfirst,
            "status": Status.DRAFT,
            "publish_at": published,
            "is_featured": demo.slug in FEATURED,
            "author": author,
            "medical_reviewer": reviewers[index % len(reviewers)],
            "last_reviewed": reviewed,
            "next_review_due": review_due_after(reviewed),
            "hero_alt": HERO_ALT[language],
            "language": language,
            "translation_of": original,
        },
    )
    if not article.hero_image or not article.hero_image.storage.exists(article.hero_image.name):
        article.hero_image.save(f"{demo.slug}.jpg", ContentFile(hero_image(demo.slug)), save=True)
    _fill(article, demo, topics)
    article.status = Status.PUBLISHED
    article.full_clean()  # the publish check every article passes
    article.save()
    article.refresh_body_text()
    return article


def _seed_translations(articles: dict, topics: dict, reviewers: list, author) -> int:
    reviewer_ids = [r.pk for r in reviewers]
    for demo in HINDI_ARTICLES:
        original = articles[TRANSLATION_OF[demo.slug]]
        index = reviewer_ids.index(original.medical_reviewer_id) + 1  # another reviewer reads the Hindi
        with reversion.create_revision():
            _seed_article(index, demo, topics, reviewers, author, original=original)
            reversion.set_comment("Demo Hindi translation loaded by seed_demo.")
    return len(HINDI_ARTICLES)


@transaction.atomic
def seed(*, stdout):
    topics = _topics()
    reviewers = _reviewers()
    author = get_user_model().objects.filter(username="editor").first()
    articles = {}
    for index, demo in enumerate(ARTICLES):
        with reversion.create_revision():
            articles[demo.slug] = _seed_article(index, demo, topics, reviewers, author)
            reversion.set_comment("Demo content loaded by seed_demo.")
    for slug, related in RELATED.items():
        articles[slug].related.set([articles[r] for r in related])
    translated = _seed_translations(articles, topics, reviewers, author)
    live = Article.objects.published(timezone.now()).count()
    stdout.write(
        f"Articles: {len(articles)} demo articles and {translated} Hindi translations in {len(topics)} topics "
        f"({live} published now)."
    )
