"""The directory admin: listings (directory managers, and centre staff for their own centres),
enquiries and their notifications (centre staff for their own centres, superusers for all)."""

from directory.admin import enquiries, listings  # noqa: F401 - registers the model admins
