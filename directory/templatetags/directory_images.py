"""`{% photo obj size %}`: a doctor's or centre's photo as a responsive, lazy <picture>.

    {% load directory_images %}
    {% photo doctor 160 %}            alt text is the doctor's name
    {% photo hospital 480 alt="" %}   decorative (the name is right next to it)

Reads only `photo_renditions` and `name` from the object (no queries, no file access), so keep both
fields when a list queryset uses `.only()`. Without a photo it draws an accessible placeholder with
the initials (an SVG with role="img" and an aria-label, no inline style).

The markup is built here with format_html rather than in an inclusion template: a search page draws
twenty of these per uncached request, and a template render each cost more than the rest of a card.
`photo_html()` is the same for Python callers (directory/cards.py).
"""

from django import template
from django.core.files.storage import default_storage
from django.utils.html import format_html
from django.utils.translation import gettext

from directory.images import initials

register = template.Library()

PLACEHOLDER = (
    '<svg class="photo photo-placeholder" role="img" aria-label="{label}" width="{size}" height="{size}" '
    'viewBox="0 0 {size} {size}" xmlns="http://www.w3.org/2000/svg"><rect width="{size}" height="{size}" '
    'rx="8" fill="#f3e6ee"/><text x="50%" y="50%" dy=".35em" text-anchor="middle" '
    'font-family="system-ui, sans-serif" font-size="{font_size}" font-weight="600" fill="#7a2952" '
    'aria-hidden="true">{initials}</text></svg>'
)
PICTURE = (
    '<picture class="photo"><source type="image/webp" srcset="{webp_srcset}" sizes="{sizes}">'
    '<img src="{jpg}" srcset="{jpg_srcset}" sizes="{sizes}" width="{width}" height="{height}" alt="{alt}" '
    'loading="lazy" decoding="async"></picture>'
)


def _sizes(size: int) -> str:
    return f"(max-width: {size}px) 100vw, {size}px" if size > 200 else f"{size}px"


@register.simple_tag
def photo(obj, size=160, alt=None):
    return photo_html(obj, size, alt)


def photo_html(obj, size=160, alt=None):
    """The <picture> (or placeholder <svg>) for `obj`, as safe HTML."""
    context = _photo_context(obj, size, alt)
    return format_html(PLACEHOLDER if context.pop("placeholder") else PICTURE, **context)


def _photo_context(obj, size, alt):
    size = int(size)
    name = getattr(obj, "name", "") or ""
    renditions = getattr(obj, "photo_renditions", None) or {}
    # The rendition that fits the displayed size: the smallest at least as wide, else the largest.
    widths = sorted(int(w) for w in renditions)
    if not widths:
        return {
            "placeholder": True,
            "size": size,
            "initials": initials(name) if name else "?",
            "label": (
                gettext("Photo not available for %(name)s") % {"name": name}
                if name
                else gettext("Photo not available")
            ),
            "font_size": round(size * 0.36),
        }
    chosen = next((w for w in widths if w >= size), widths[-1])
    main = renditions[str(chosen)]
    return {
        "placeholder": False,
        "alt": name if alt is None else alt,
        "width": main["width"],
        "height": main["height"],
        "jpg": default_storage.url(main["jpg"]),
        "webp_srcset": ", ".join(
            f"{default_storage.url(renditions[str(w)]['webp'])} {renditions[str(w)]['width']}w"
            for w in widths
        ),
        "jpg_srcset": ", ".join(
            f"{default_storage.url(renditions[str(w)]['jpg'])} {renditions[str(w)]['width']}w" for w in widths
        ),
        "sizes": _sizes(size),
    }
