"""Uploads through the real admin forms: a doctor's photo, a centre's photo, an article's hero image.

Non-images, damaged images, decompression bombs, oversized files and unsupported formats are each
refused with a message next to the field, and nothing is saved (neither the record nor a file). A
good JPEG with EXIF is accepted and stored without its metadata.
"""

import io
import os
import re
import struct
import zlib

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from directory.models import Gynecologist, Hospital
from tests.client import FormClient
from tests.factories import ArticleFactory, GynecologistFactory, HospitalFactory, make_safe_to_publish
from tests.security.admin_forms import admin_form_data

pytestmark = [pytest.mark.django_db]

FIVE_MB = 5 * 1024 * 1024


# ---- Files ----


def jpeg(size=(640, 480), exif=None) -> bytes:
    image = Image.new("RGB", size, (200, 60, 90))
    image.paste((20, 120, 200), (0, 0, size[0] // 2, size[1]))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", **({"exif": exif} if exif is not None else {}))
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares width x height: what a decompression bomb looks like to
    anything that trusts the header (a 20000 x 20000 image would take 1.2 GB to decode)."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return (
            struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    rows = zlib.compress(b"\0" * (width + 1) * 64, 9)  # the first 64 rows, all black
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def other_format(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (10, 200, 10)).save(buffer, fmt)
    return buffer.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'


def exif_with_gps() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "Phone maker"  # Make
    exif[0x0112] = 1  # Orientation
    gps = {1: "N", 2: (18.0, 31.0, 12.0), 3: "E", 4: (73.0, 50.0, 40.0)}  # a home in Pune
    exif[0x8825] = gps
    return exif


_whole = jpeg((800, 600))
BAD_FILES = {
    "text-named-jpg": ("patients.jpg", b"name,phone\nAsha,9876543210\n"),
    "truncated-jpeg": ("photo.jpg", _whole[: len(_whole) // 2]),
    "bomb-20000x20000": ("bomb.png", png_claiming(20_000, 20_000)),
    "bomb-9000x5000": ("big.png", png_claiming(9_000, 5_000)),  # 45 MP: under Pillow's own guard
    "over-5-mb": ("huge.jpg", jpeg() + b"\0" * (FIVE_MB + 1)),  # a real JPEG, padded past the limit
    "gif": ("anim.gif", other_format("GIF")),
    "gif-named-jpg": ("photo.jpg", other_format("GIF")),
    "bmp-named-jpg": ("photo.jpg", other_format("BMP")),
    "svg": ("logo.svg", SVG),
    "svg-named-jpg": ("logo.jpg", SVG),
    "empty": ("empty.jpg", b""),
}


# ---- The three forms ----


@pytest.fixture
def admin(db, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.com", "x")
    client = FormClient(raise_request_exception=False)
    client.force_login(user)
    return client


def _doctor():
    doctor = GynecologistFactory(name="Dr Upload Test", slug="upload-test")
    return doctor, f"/admin/directory/gynecologist/{doctor.pk}/change/", "photo"


def _hospital():
    hospital = HospitalFactory(name="Upload Hospital", slug="upload-hospital")
    return hospital, f"/admin/directory/hospital/{hospital.pk}/change/", "photo"


def _article():
    # In review: an image saved on a published article waits in its draft of changes (tests/articles/test_drafts.py).
    article = ArticleFactory(
        title="Upload article", slug="upload-article", hero_alt="A pattern", status="in_review"
    )
    make_safe_to_publish(article)
    return article, f"/admin/articles/article/{article.pk}/change/", "hero_image"


TARGETS = {"doctor": _doctor, "hospital": _hospital, "article": _article}


def media_files() -> list[str]:
    root = str(settings.MEDIA_ROOT)
    return [os.path.join(d, f) for d, _, files in os.walk(root) for f in files]


def field_message(html: str, field: str) -> str:
    """The error message shown in the admin row of `field` (the admin puts it above the input)."""
    match = re.search(
        rf'<div class="form-row errors field-{field}">\s*<ul class="errorlist" id="id_{field}_error">'
        r"<li>(.*?)</li>",
        html,
        re.S,
    )
    return match.group(1) if match else ""


def post_upload(admin, target, name, data):
    obj, url, field = TARGETS[target]()
    form = admin_form_data(admin.get(url))
    form[field] = SimpleUploadedFile(name, data, content_type="image/jpeg")
    return obj, field, admin.post(url, form)


@pytest.mark.parametrize("target", sorted(TARGETS))
@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_upload_is_refused_next_to_the_field_and_nothing_is_saved(admin, target, case):
    name, data = BAD_FILES[case]
    obj, field, response = post_upload(admin, target, name, data)
    assert response.status_code == 200, f"{case}: {response.status_code} (302 means it was accepted)"
    message = field_message(response.content.decode(), field)
    assert message, f"{case}: no message next to the {field} field"
    assert re.search(r"image|photo|MB|extension|file", message, re.I), message
    obj.refresh_from_db()
    assert not getattr(obj, field), f"{case}: the record now has a file"
    assert media_files() == [], f"{case}: files were written: {media_files()}"


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("over-5-mb", "photos must be 5 MB or smaller"),
        ("bomb-9000x5000", "9000 × 5000 pixels; photos may have at most 12 megapixels"),
        ("gif", "GIF image; please upload a JPEG, PNG or WebP"),
        ("gif-named-jpg", "GIF image; please upload a JPEG, PNG or WebP"),
        ("truncated-jpeg", "damaged or incomplete"),
    ],
)
def test_directory_photo_messages_say_what_to_do(admin, case, expected):
    name, data = BAD_FILES[case]
    _, field, response = post_upload(admin, "doctor", name, data)
    assert expected in field_message(response.content.decode(), field)


def test_refused_photo_on_the_add_form_creates_no_doctor(admin):
    _, url, _ = _doctor()
    form = admin_form_data(admin.get(url))
    form.update(name="Dr Second", slug="dr-second", registration_number="MMC-999999")
    form["photo"] = SimpleUploadedFile("bomb.png", png_claiming(20_000, 20_000), content_type="image/png")
    response = admin.post("/admin/directory/gynecologist/add/", form)
    assert response.status_code == 200
    assert field_message(response.content.decode(), "photo")
    assert list(Gynecologist.objects.values_list("slug", flat=True)) == ["upload-test"]
    assert media_files() == []


def test_refused_photo_on_the_add_form_creates_no_hospital(admin):
    _, url, _ = _hospital()
    form = admin_form_data(admin.get(url))
    form.update(name="Second Hospital", slug="second-hospital")
    form["photo"] = SimpleUploadedFile("notes.jpg", b"not an image", content_type="image/jpeg")
    response = admin.post("/admin/directory/hospital/add/", form)
    assert response.status_code == 200
    assert field_message(response.content.decode(), "photo")
    assert list(Hospital.objects.values_list("slug", flat=True)) == ["upload-hospital"]


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_good_jpeg_with_exif_is_accepted(admin, target):
    obj, field, response = post_upload(admin, target, "holiday.jpg", jpeg(exif=exif_with_gps()))
    assert response.status_code == 302, field_message(response.content.decode(), field)
    obj.refresh_from_db()
    stored = getattr(obj, field)
    assert stored
    with stored.open("rb") as handle, Image.open(handle) as image:
        assert image.size == (640, 480)
        # Every upload is re-encoded: no camera make, no GPS position of the photographer.
        assert not image.getexif(), dict(image.getexif())
    if target != "article":
        assert set(obj.photo_renditions) == {"160", "480"}


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_a_record_with_a_stored_image_saves_again_without_a_new_upload(admin, target):
    """Found by bench/scaleout.py: re-validating the stored file on every save crashed (closed file)."""
    obj, field, response = post_upload(admin, target, "holiday.jpg", jpeg())
    assert response.status_code == 302
    fresh = type(obj).objects.get(pk=obj.pk)
    assert getattr(fresh, field)
    fresh.full_clean()  # runs the field validators, as the admin does on every save
