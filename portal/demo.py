"""The demo accounts `seed_demo` makes with debug on, and what gives them away.

They share one published password and published backup codes (README, quick start), so none of them may
ever reach a site with debug off: portal/checks.py refuses to start while one is left, and the sign-in
form refuses the demo password with debug off (portal/twofactor.py).
"""

from portal import roles

DEMO_PASSWORD = "ninemonths-demo"  # noqa: S105 - only ever set when DEBUG is on
# Ten backup codes per demo account, each good for one sign-in; `make seed` puts used ones back.
DEMO_BACKUP_CODES = [f"ninemonths{n:02d}" for n in range(1, 11)]
DEMO_USERS = [
    # username, group, superuser
    ("admin", None, True),
    ("editor", roles.EDITORS, False),
    ("reviewer", roles.MEDICAL_REVIEWERS, False),
    ("manager", roles.DIRECTORY_MANAGERS, False),
    ("staff", roles.CENTRE_STAFF, False),
]
DEMO_STAFF_CITY = "mumbai"  # the demo centre staff account works for every centre there
DEMO_USERNAMES = [username for username, _, _ in DEMO_USERS]
