"""Uploaded photos: refused when unsafe, cleaned, stored with renditions, shown with <picture>."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from PIL import Image

from directory import images
from tests.factories import GynecologistFactory, HospitalFactory


def picture(fmt="JPEG", size=(600, 400), exif=None, colour=(200, 30, 30)):
    image = Image.new("RGB", size, colour)
    # A left half in another colour, to check which way up the result is.
    image.paste((30, 30, 200), (0, 0, size[0] // 2, size[1]))
    buffer = io.BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(buffer, fmt, **kwargs)
    return buffer.getvalue()


def upload(data, name="photo.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def refused(data, name="photo.jpg"):
    with pytest.raises(ValidationError) as excinfo:
        images.validate_photo(upload(data, name))
    return " ".join(excinfo.value.messages)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_allowed_formats_pass(fmt):
    images.validate_photo(upload(picture(fmt)))


def test_a_text_file_is_refused():
    assert "not an image we can read" in refused(b"name,phone\nAsha,98765\n", "list.jpg")


def test_a_gif_is_refused_by_format():
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "GIF")
    assert "GIF image; please upload a JPEG, PNG or WebP" in refused(buffer.getvalue(), "x.gif")


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_a_truncated_image_is_refused(fmt):
    data = picture(fmt, size=(800, 600))
    assert "damaged or incomplete" in refused(data[: len(data) // 2])


def test_a_pixel_bomb_is_refused_before_decoding():
    # 9,000 x 5,000 = 45 megapixels of one colour compresses to a tiny PNG.
    buffer = io.BytesIO()
    Image.new("L", (9000, 5000)).save(buffer, "PNG")
    assert len(buffer.getvalue()) < 200_000
    assert "9000 × 5000 pixels; photos may have at most 12 megapixels" in refused(buffer.getvalue(), "b.png")


def test_pillows_decompression_bomb_guard_is_a_validation_error(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    assert "too large to process safely" in refused(picture(size=(100, 100)))


def test_a_file_over_5_mb_is_refused():
    big = upload(b"\xff\xd8" + b"0" * (5 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError) as excinfo:
        images.validate_photo(big)
    assert "photos must be 5 MB or smaller" in excinfo.value.messages[0]


def test_cleaning_turns_the_photo_upright_and_drops_metadata():
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    exif[0x010F] = "Camera maker that should vanish"
    exif[0x8825] = {1: "N"}  # GPS block
    cleaned = images.clean_image(picture(size=(600, 400), exif=exif.tobytes()))
    assert cleaned.image.size == (400, 600)
    # After a clockwise turn the blue left half is on top.
    assert cleaned.image.getpixel((200, 50))[2] > 150
    assert cleaned.image.getpixel((200, 550))[0] > 150
    stored = Image.open(io.BytesIO(cleaned.content.read()))
    assert stored.getexif() == {}
    assert "exif" not in stored.info and "icc_profile" not in stored.info


@pytest.mark.django_db
def test_saving_a_doctor_with_a_photo_stores_clean_photo_and_renditions():
    exif = Image.Exif()
    exif[0x0112] = 6
    doctor = GynecologistFactory(name="Dr Asha Kulkarni", slug="dr-asha-kulkarni")
    doctor.photo = upload(picture(size=(1200, 900), exif=exif.tobytes()), "IMG_1234.JPG")
    doctor.save()
    doctor.refresh_from_db()
    assert doctor.photo.name.startswith("doctors/dr-asha-kulkarni-")
    with default_storage.open(doctor.photo.name) as stored:
        original = Image.open(stored)
        assert original.size == (900, 1200)
        assert original.getexif() == {}
    sizes = {}
    for width, entry in doctor.photo_renditions.items():
        for ext, fmt in (("webp", "WEBP"), ("jpg", "JPEG")):
            with default_storage.open(entry[ext]) as f:
                rendition = Image.open(f)
                assert rendition.format == fmt
                sizes[(width, ext)] = rendition.size
        assert (entry["width"], entry["height"]) == sizes[(width, "jpg")]
    assert sizes == {
        ("160", "webp"): (160, 213),
        ("160", "jpg"): (160, 213),
        ("480", "webp"): (480, 640),
        ("480", "jpg"): (480, 640),
    }


@pytest.mark.django_db
def test_clearing_a_photo_clears_its_renditions():
    hospital = HospitalFactory()
    hospital.photo = upload(picture())
    hospital.save()
    assert hospital.photo_renditions
    hospital.photo = ""
    hospital.save()
    hospital.refresh_from_db()
    assert hospital.photo_renditions == {}


def render(obj, size=160):
    return Template("{% load directory_images %}{% photo obj " + str(size) + " %}").render(
        Context({"obj": obj})
    )


@pytest.mark.django_db
def test_photo_tag_writes_a_lazy_picture_with_webp_srcset_and_jpeg_fallback(settings):
    settings.MEDIA_URL = "/media/"
    doctor = GynecologistFactory(name="Dr Meera Joshi", slug="dr-meera-joshi")
    doctor.photo = upload(picture(size=(800, 1000)))
    doctor.save()
    html = render(doctor)
    r160, r480 = doctor.photo_renditions["160"], doctor.photo_renditions["480"]
    assert html.startswith('<picture class="photo"><source type="image/webp" ')
    assert f'srcset="/media/{r160["webp"]} 160w, /media/{r480["webp"]} 480w" sizes="160px"' in html
    assert f'src="/media/{r160["jpg"]}"' in html
    assert 'width="160" height="200" alt="Dr Meera Joshi" loading="lazy"' in html
    assert "style=" not in html


@pytest.mark.django_db
def test_doctor_without_photo_gets_an_accessible_placeholder():
    html = render(GynecologistFactory(name="Dr Asha Kulkarni"), 160)
    assert html.startswith('<svg class="photo photo-placeholder" role="img"')
    assert 'aria-label="Photo not available for Dr Asha Kulkarni"' in html
    assert 'width="160" height="160"' in html
    assert ">AK</text>" in html
    assert "style=" not in html and "<style" not in html


def test_placeholder_escapes_names():
    class Named:
        name = 'Dr "Quote" <b>'
        photo_renditions = {}

    html = render(Named())
    assert "<b>" not in html and "&quot;Quote&quot;" in html


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Dr Asha Kulkarni", "AK"), ("Dr. T. Nair", "TN"), ("Prof Meenakshi", "M"), ("Dr", "?")],
)
def test_initials(name, expected):
    assert images.initials(name) == expected


MEMORY_PROBE = """
import io, resource, sys
import django
django.setup()
from django.core.exceptions import ValidationError
from PIL import Image
from directory.images import clean_image, validate_photo
size = tuple(int(n) for n in sys.argv[1].split("x"))
buffer = io.BytesIO()
Image.new(sys.argv[3], size, 200).save(buffer, sys.argv[2])
data = buffer.getvalue()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    validate_photo(io.BytesIO(data))
    cleaned = clean_image(data)
    outcome = "accepted %dx%d" % cleaned.image.size
except ValidationError as error:
    outcome = "refused: " + error.messages[0]
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(len(data), grown // 1024, outcome)
"""


def _probe(size, fmt, mode):
    import os
    import subprocess
    import sys

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    out = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, size, fmt, mode],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split(maxsplit=2)
    return int(out[0]), int(out[1]), out[2].strip()


def test_a_small_png_claiming_40_megapixels_is_refused_without_decoding_it():
    size, grown_mb, outcome = _probe("6324x6324", "PNG", "L")
    assert size < 200_000  # a small file...
    assert (
        outcome
        == "refused: This image is 6324 × 6324 pixels; photos may have at most 12 megapixels (for example 4000 × 3000)."
    )
    assert grown_mb < 50  # ...that never gets decoded


def test_a_12_megapixel_photo_is_kept_at_1600_pixels_decoded_at_reduced_size():
    _, grown_mb, outcome = _probe("4000x3000", "JPEG", "RGB")
    assert outcome == "accepted 1600x1200"
    assert grown_mb < 120  # a full-size RGB decode alone would be 36 MB, and several copies follow
