"""schema.org descriptions of directory pages, as plain dicts for `{% json_ld %}`."""

from django.utils.translation import gettext

from directory.cards import nights_of_stay

SCHEMA = "https://schema.org"


def _address(hospital):
    return {
        "@type": "PostalAddress",
        "streetAddress": hospital.address or hospital.locality,
        "addressLocality": hospital.city.name,
        "addressRegion": hospital.city.state,
        "addressCountry": "IN",
    }


def _hospital_ref(request, hospital):
    data = {
        "@type": "Hospital",
        "name": hospital.name,
        "url": request.build_absolute_uri(hospital.get_absolute_url()),
        "address": _address(hospital),
    }
    if hospital.phone:
        data["telephone"] = hospital.phone
    return data


def physician(request, doctor):
    """A gynecologist's profile. `doctor.hospitals` should be prefetched with their cities."""
    centres = list(doctor.hospitals.all())
    data = {
        "@context": SCHEMA,
        "@type": "Physician",
        "name": doctor.name,
        "url": request.build_absolute_uri(doctor.get_absolute_url()),
        "medicalSpecialty": ["Obstetric", "Gynecologic"],
        "identifier": {
            "@type": "PropertyValue",
            "name": "Medical council registration number",
            "value": doctor.registration_number,
        },
        "knowsLanguage": [language.name for language in doctor.languages.all()],
        "hospitalAffiliation": [_hospital_ref(request, h) for h in centres],
        "makesOffer": {
            "@type": "Offer",
            "name": "Consultation",
            "price": str(doctor.consultation_fee),
            "priceCurrency": "INR",
        },
    }
    if centres:
        data["address"] = _address(centres[0])
    if doctor.bio:
        data["description"] = doctor.bio
    return data


def hospital(request, hospital):
    data = _hospital_ref(request, hospital)
    data = {"@context": SCHEMA, **data}
    if hospital.description:
        data["description"] = hospital.description
    return data


def offer(request, package):
    data = {
        "@context": SCHEMA,
        "@type": "Offer",
        "name": package.name,
        "url": request.build_absolute_uri(package.get_absolute_url()),
        "price": str(package.price),
        "priceCurrency": "INR",
        "availability": "https://schema.org/InStock",
        "category": package.get_delivery_type_display(),
        # In the page's language, as the page says it.
        "description": gettext("%(delivery)s, %(room)s, %(nights)s at %(centre)s.")
        % {
            "delivery": package.get_delivery_type_display(),
            "room": str(package.get_room_type_display()).lower(),
            "nights": nights_of_stay(package.nights),
            "centre": package.hospital.name,
        },
        "offeredBy": _hospital_ref(request, package.hospital),
    }
    if package.valid_until:
        data["priceValidUntil"] = package.valid_until.isoformat()
        data["validThrough"] = package.valid_until.isoformat()
    return data
