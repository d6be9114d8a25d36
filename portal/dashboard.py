"""What the admin index shows centre staff and superusers: open enquiries, the ones waiting more
than a day, notifications that could not be sent, and package prices that need the centre's eye."""

from dataclasses import dataclass, field

from directory.models import Enquiry, MaternityPackage, Notification

SHOWN = 10  # rows listed under each heading; the count says how many there are in all


@dataclass
class Dashboard:
    open_enquiries: int = 0
    waiting: list = field(default_factory=list)
    waiting_count: int = 0
    failed: list = field(default_factory=list)
    failed_count: int = 0
    unconfirmed: list = field(default_factory=list)
    unconfirmed_count: int = 0
    expiring: list = field(default_factory=list)
    expiring_count: int = 0


def _first(queryset) -> tuple[list, int]:
    rows = list(queryset[:SHOWN])
    return rows, (len(rows) if len(rows) < SHOWN else queryset.count())


def dashboard_for(user) -> Dashboard | None:
    """None for people who handle no enquiries (editors, directory managers)."""
    if not (user.is_superuser or user.has_perm("directory.view_enquiry")):
        return None
    enquiries = Enquiry.objects.visible_to(user)
    board = Dashboard(open_enquiries=enquiries.open().count())
    board.waiting, board.waiting_count = _first(
        enquiries.waiting(hours=24).select_related("hospital").order_by("created", "pk")
    )
    # Only what someone can still act on (send again, or phone the centre): the emails of an erased
    # enquiry were cancelled with its data, but not the notice to the centre that she withdrew it.
    failed = Notification.objects.visible_to(user).not_sent().may_be_sent_again()
    board.failed, board.failed_count = _first(failed.select_related("enquiry").order_by("-created", "pk"))
    if not user.is_superuser:
        packages = MaternityPackage.objects.of_staff(user).filter(is_active=True).select_related("hospital")
        board.unconfirmed, board.unconfirmed_count = _first(
            packages.price_unconfirmed().order_by("price_confirmed", "pk")
        )
        board.expiring, board.expiring_count = _first(packages.expiring().order_by("valid_until", "pk"))
    return board
