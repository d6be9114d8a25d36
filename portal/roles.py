"""The permission groups of the contract. `setup_roles` makes the database match this table.

Each entry lists permissions as "app_label.codename". Apps add theirs as they gain models.
"""

EDITORS = "Editors"
MEDICAL_REVIEWERS = "Medical reviewers"
DIRECTORY_MANAGERS = "Directory managers"
CENTRE_STAFF = "Centre staff"
GRIEVANCE_OFFICERS = "Grievance officers"


def _crud(app_label: str, *models: str, delete: bool = True) -> list[str]:
    actions = ["view", "add", "change"] + (["delete"] if delete else [])
    return [f"{app_label}.{action}_{model}" for model in models for action in actions]


ROLES: dict[str, list[str]] = {
    # Editors write and edit articles (with their sections, red flags and sources) and preview them on the
    # site, but cannot publish, delete articles or record a medical review.
    EDITORS: [
        *_crud("articles", "article", delete=False),
        *_crud("articles", "topic", delete=False),
        *_crud("articles", "articlesection", "redflag", "source"),
        "articles.preview_article",
        "directory.view_gynecologist",
        # The words readers search with (symptoms in Hinglish and Hindi) are editors' knowledge.
        *_crud("directory", "searchterm"),
    ],
    # Medical reviewers do everything editors do, and publish, mark reviewed and delete.
    MEDICAL_REVIEWERS: [
        *_crud("articles", "article", "topic", "articlesection", "redflag", "source"),
        "articles.preview_article",
        "articles.publish_article",
        "directory.view_gynecologist",
        *_crud("directory", "searchterm"),
    ],
    # Reference data and every centre's listings; never enquiries (they hold patients' phone numbers).
    DIRECTORY_MANAGERS: [
        *_crud("directory", "city", "language", "hospital", "gynecologist", "maternitypackage", "searchterm"),
        "directory.manage_listings",
    ],
    # A centre's own accounts (Hospital.staff): read and follow up their centres' enquiries (status,
    # notes) and see what was sent about them; keep their packages and their doctors' consultation
    # details current. The admin narrows every one of these to their own centres.
    CENTRE_STAFF: [
        "directory.act_for_own_centres",
        "directory.view_enquiry",
        "directory.change_enquiry",
        "directory.view_patient_contact",
        "directory.view_notification",
        "directory.view_hospital",
        "directory.view_maternitypackage",
        "directory.change_maternitypackage",
        "directory.view_gynecologist",
        "directory.change_gynecologist",
    ],
    # The queue of patients' requests and complaints about their data (DPDP Act): read, answer, close.
    GRIEVANCE_OFFICERS: ["directory.view_grievance", "directory.change_grievance"],
}
