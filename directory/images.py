"""Photos of doctors and centres: checked on upload, cleaned, and stored with resized renditions.

The pipeline, used by the admin, the demo data and anything else that sets a photo:

1. `validate_photo(file)` refuses anything that is not a real JPEG, PNG or WebP image within the
   size and pixel limits (decompression bombs included) with a message an editor can act on.
2. `clean_image(file)` decodes it, turns it upright (EXIF orientation) and drops every piece of
   metadata (EXIF, GPS, ICC comments) by re-encoding only the pixels.
3. `store_renditions(image, prefix)` writes 160px and 480px wide copies as WebP and JPEG under
   `MEDIA_ROOT/renditions/` and returns their names and pixel sizes, which the model keeps in
   `photo_renditions` so templates can write `width`, `height` and `srcset` without opening a file.
"""

from __future__ import annotations

import hashlib
import io
import math
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_FILE_BYTES = 5 * 1024 * 1024
# A phone's 12-megapixel photo (4000 × 3000) is plenty: renditions are 480 px wide and the stored copy
# at most STORED_MAX_SIDE. More pixels only cost memory: a small PNG can claim 40 megapixels and take a
# worker to 800 MB when decoded.
MAX_PIXELS = 12_000_000
STORED_MAX_SIDE = 1600
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
RENDITION_WIDTHS = (160, 480)
RENDITION_FORMATS = {"webp": ("WEBP", {"quality": 80, "method": 4}), "jpg": ("JPEG", {"quality": 82})}


def _read(file) -> bytes:
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read()
    if hasattr(file, "seek"):
        file.seek(0)
    return data


def validate_photo(file) -> None:
    """Raise ValidationError unless `file` is a JPEG/PNG/WebP image within the limits.

    Only new uploads are checked: a stored file was checked (and cleaned) when it arrived, and saving
    the record again for another change must not reopen it.
    """
    if getattr(file, "_committed", False):
        return
    size = getattr(file, "size", None)
    if size is not None and size > MAX_FILE_BYTES:
        raise ValidationError(
            "This file is %(size)s MB; photos must be 5 MB or smaller.",
            code="file_too_large",
            params={"size": f"{math.ceil(size / 1024 / 1024 * 10) / 10:.1f}"},  # 5.01 MB reads "5.1"
        )
    data = _read(file)
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError("Photos must be 5 MB or smaller.", code="file_too_large")
    open_image(data)


def open_image(data: bytes) -> Image.Image:
    """Open, check and fully decode image bytes; every failure is a ValidationError."""
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its own limit and twice that; we refuse both.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                fmt = probe.format
                width, height = probe.size
                if fmt not in ALLOWED_FORMATS:
                    raise ValidationError(
                        "This is a %(format)s image; please upload a JPEG, PNG or WebP photo.",
                        code="bad_format",
                        params={"format": fmt or "unknown"},
                    )
                if width * height > MAX_PIXELS:
                    raise ValidationError(
                        "This image is %(w)s × %(h)s pixels; photos may have at most 12 megapixels "
                        "(for example 4000 × 3000).",
                        code="too_many_pixels",
                        params={"w": width, "h": height},
                    )
                probe.verify()
            image = Image.open(io.BytesIO(data))
            # JPEG decodes straight at a reduced scale (1/2, 1/4, 1/8) when that still covers what we
            # keep, so a large photo never sits in memory at full size.
            image.draft("RGB", (STORED_MAX_SIDE, STORED_MAX_SIDE))
            image.load()  # decodes every pixel: truncated or corrupt files fail here
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            "This image is too large to process safely (it decompresses to too many pixels).",
            code="decompression_bomb",
        ) from None
    except UnidentifiedImageError:
        raise ValidationError(
            "This file is not an image we can read; please upload a JPEG, PNG or WebP photo.",
            code="not_an_image",
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(
            "This image file is damaged or incomplete; please export it again and re-upload.",
            code="corrupt_image",
        ) from None
    return image


def _flatten(image: Image.Image) -> Image.Image:
    """RGB for JPEG; transparency is laid on white."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


@dataclass
class CleanPhoto:
    image: Image.Image  # upright RGB pixels, no metadata
    content: ContentFile  # the file to store as the photo itself (JPEG, no metadata)
    digest: str  # short content hash, names the renditions


def clean_image(source: Image.Image | bytes) -> CleanPhoto:
    """Upright, metadata-free copy of an image, at most STORED_MAX_SIDE pixels on its longest side,
    encoded as JPEG."""
    image = open_image(source) if isinstance(source, bytes) else source
    upright = ImageOps.exif_transpose(image)
    if max(upright.size) > STORED_MAX_SIDE:
        upright.thumbnail((STORED_MAX_SIDE, STORED_MAX_SIDE), Image.Resampling.LANCZOS)
    pixels = _flatten(upright)
    clean = Image.new("RGB", pixels.size)
    clean.paste(pixels)  # a fresh image carries no info dict: no EXIF, XMP, ICC or comments
    buffer = io.BytesIO()
    clean.save(buffer, "JPEG", quality=88, optimize=True)
    data = buffer.getvalue()
    digest = hashlib.sha256(data).hexdigest()[:16]
    return CleanPhoto(image=clean, content=ContentFile(data), digest=digest)


def store_renditions(image: Image.Image, prefix: str) -> dict:
    """Write each width in each format; returns {"160": {"width", "height", "webp", "jpg"}, ...}.

    Names are derived from the content, so storing the same picture twice reuses the files.
    """
    renditions = {}
    for width in RENDITION_WIDTHS:
        target_width = min(width, image.width)
        target_height = max(1, round(image.height * target_width / image.width))
        resized = image.resize((target_width, target_height), Image.Resampling.LANCZOS)
        entry = {"width": target_width, "height": target_height}
        for ext, (fmt, params) in RENDITION_FORMATS.items():
            name = f"renditions/{prefix}-{width}.{ext}"
            if not default_storage.exists(name):
                buffer = io.BytesIO()
                resized.save(buffer, fmt, **params)
                name = default_storage.save(name, ContentFile(buffer.getvalue()))
            entry[ext] = name
        renditions[str(width)] = entry
    return renditions


def is_new_upload(file) -> bool:
    """Whether an image field holds a file just assigned and not yet stored."""
    return bool(file) and not getattr(file, "_committed", True)


def store_clean_copy(file, base: str) -> CleanPhoto:
    """Store, in place of a new upload, its upright copy without metadata, named `base`-<hash>.jpg."""
    cleaned = clean_image(_read(file))
    file.save(f"{base[:60] or 'photo'}-{cleaned.digest[:8]}.jpg", cleaned.content, save=False)
    return cleaned


def process_new_photo(instance, field_name: str = "photo") -> None:
    """Replace a freshly assigned (uncommitted) photo by its cleaned copy and set its renditions.

    Called from the models' save(); leaves committed photos alone, clears renditions when the
    photo was removed.
    """
    photo = getattr(instance, field_name)
    if not photo:
        instance.photo_renditions = {}
        return
    if not is_new_upload(photo):
        return
    base = (getattr(instance, "slug", "") or "photo")[:60]
    cleaned = store_clean_copy(photo, base)
    folder = instance._meta.get_field(field_name).upload_to.rstrip("/")
    instance.photo_renditions = store_renditions(cleaned.image, f"{folder}/{base}-{cleaned.digest}")


def initials(name: str) -> str:
    """'Dr Asha Kulkarni' -> 'AK'; titles are skipped."""
    titles = {"dr", "dr.", "prof", "prof.", "mr", "mrs", "ms", "smt", "shri"}
    words = [w for w in name.replace(".", ". ").split() if w.lower() not in titles and w[:1].isalpha()]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][0].upper()
    return (words[0][0] + words[-1][0]).upper()
