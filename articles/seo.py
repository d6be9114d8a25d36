"""Structured data (schema.org JSON-LD) for article pages."""

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def article_structured_data(article, request, breadcrumbs: list[tuple[str, str | None]]) -> list[dict]:
    """A MedicalWebPage and its BreadcrumbList. `breadcrumbs` is the page's trail after "Home",
    [(name, path or None for the article itself), ...]."""
    publisher = {
        "@type": "Organization",
        "name": settings.SITE_NAME,
        "url": _absolute(request, "/"),
        "logo": {"@type": "ImageObject", "url": _absolute(request, static("img/logo.svg"))},
    }
    if article.author and article.author.get_full_name():
        author = {"@type": "Person", "name": article.author.get_full_name()}
    else:
        author = {"@type": "Organization", "name": f"{settings.SITE_NAME} editorial team"}
    page = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "@id": _absolute(request, article.get_absolute_url()),
        "url": _absolute(request, article.get_absolute_url()),
        "headline": article.title,
        "name": article.title,
        "description": article.standfirst,
        "inLanguage": settings.LANGUAGE_TAGS[article.language],
        "datePublished": article.publish_at.isoformat() if article.publish_at else None,
        "dateModified": article.updated.isoformat(),
        "lastReviewed": article.last_reviewed.isoformat() if article.last_reviewed else None,
        "author": author,
        "publisher": publisher,
        "about": [{"@type": "Thing", "name": topic.local_name} for topic in article.topics.all()],
    }
    reviewer = article.medical_reviewer
    if reviewer:
        page["reviewedBy"] = {
            "@type": "Physician",
            "name": reviewer.name,
            "url": _absolute(request, reviewer.get_absolute_url()),
            "medicalSpecialty": "Obstetric",
        }
    if article.hero_image:
        page["image"] = _absolute(request, article.hero_image.url)
    page = {key: value for key, value in page.items() if value not in (None, [])}
    trail = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": i,
                "name": name,
                "item": _absolute(request, path or article.get_absolute_url()),
            }
            for i, (name, path) in enumerate([(gettext("Home"), reverse("home")), *breadcrumbs], start=1)
        ],
    }
    return [page, trail]
