"""`{% photo obj size %}`: a doctor's or centre's photo as a responsive, lazy <picture>.

    {% load directory_images %}
    {% photo doctor 160 %}            alt text is the doctor's name
    {% photo hospital 480 alt="" %}   decorative (the name is right next to it)

Reads only `photo_renditions` and `name` from the object (no queries, no file access), so keep both
fields when a list queryset uses `.only()`. Without a photo it draws an accessible placeholder with
the initials (an SVG with role="img" and an aria-label, no inline style).
"""

from django import template
from django.core.files.storage import default_storage

from directory.images import initials

register = template.Library()


def _sizes(size: int) -> str:
    return f"(max-width: {size}px) 100vw, {size}px" if size > 200 else f"{size}px"


@register.inclusion_tag("includes/_photo.html")
def photo(obj, size=160, alt=None):
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
            "label": f"Photo not available for {name}" if name else "Photo not available",
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
