"""India's antenatal schedule for one pregnancy: the check-ups, tests, vaccine and tablets that the
national programmes offer, with the dates that the pregnancy fixes. Pure Python: no Django.

The schedule follows MoHFW and the National Health Mission (first visit and registration in the
first trimester, a 75 g glucose test at the first visit and again at 24 to 28 weeks, Td vaccine,
iron-folic acid and calcium from the second trimester, deworming once in the second trimester, free
check-ups on the 9th of each month under PMSMA) and NICE for anti-D at 28 weeks. Each step carries
the references it rests on. Dates are whole days from the dating LMP (0w0d), like every other date
in the calculator. The words a reader sees are marked for translation (gettext_lazy); the references
keep their publications' own English titles.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

from calculators.dating import DatingResult, GestationalAge

PMSMA_DAY = 9  # of every month
_ga = GestationalAge.of
NHM_GUIDELINES = "https://nhm.gov.in/images/pdf/programmes/maternal-health/guidelines"


@dataclass(frozen=True)
class Reference:
    title: str
    publisher: str
    url: str


MCP_CARD = Reference(
    "Mother and Child Protection Card",
    "MoHFW and Ministry of Women and Child Development",
    f"{NHM_GUIDELINES}/mcp_card1.pdf",
)
GDM_GUIDELINES = Reference(
    "Diagnosis and management of gestational diabetes mellitus: technical and operational guidelines (2018)",
    "Ministry of Health and Family Welfare",
    "https://nhm.gov.in/New_Updates_2018/NHM_Components/RMNCH_MH_Guidelines/Gestational-Diabetes-Mellitus.pdf",
)
IMMUNISATION_SCHEDULE = Reference(
    "National Immunization Schedule",
    "National Health Mission, MoHFW",
    "https://nhm.gov.in/New_Updates_2018/NHM_Components/Immunization/report/National_%20Immunization_Schedule.pdf",
)
ANAEMIA_MUKT_BHARAT = Reference(
    "Anaemia Mukt Bharat: iron and folic acid supplementation",
    "National Health Mission, MoHFW",
    "https://nhm.gov.in/index1.php?lang=1&level=3&sublinkid=1448&lid=797",
)
CALCIUM_GUIDELINES = Reference(
    "National guidelines for calcium supplementation during pregnancy and lactation (2014)",
    "Ministry of Health and Family Welfare",
    f"{NHM_GUIDELINES}/National_Guidelines_for_Calcium_Supplementation_During_Pregnancy_and_Lactation.pdf",
)
DEWORMING_GUIDELINES = Reference(
    "National guidelines for deworming in pregnancy",
    "Ministry of Health and Family Welfare",
    f"{NHM_GUIDELINES}/National_Guidelines_for_Deworming_in_Pregnancy.pdf",
)
NICE_ANTI_D = Reference(
    "Routine antenatal anti-D prophylaxis for women who are rhesus D negative (NICE TA156)",
    "National Institute for Health and Care Excellence",
    "https://www.nice.org.uk/guidance/ta156",
)
NICE_ANTENATAL = Reference(
    "Antenatal care (NICE guideline NG201)",
    "National Institute for Health and Care Excellence",
    "https://www.nice.org.uk/guidance/ng201",
)
PMSMA = Reference(
    "Pradhan Mantri Surakshit Matritva Abhiyan (PMSMA)",
    "Ministry of Health and Family Welfare",
    "https://pmsma.mohfw.gov.in/",
)


@dataclass(frozen=True)
class CareStep:
    """One item of the schedule. A step the pregnancy dates has `start_ga` and/or `end_ga`: a window
    (both), a deadline (only `end_ga`: "by"), a start (only `start_ga`: "from") or a day (equal)."""

    key: str
    title: str
    when: str
    details: tuple[str, ...]
    references: tuple[Reference, ...]
    start_ga: GestationalAge | None = None
    end_ga: GestationalAge | None = None
    chart_label: str = ""  # shown on the timeline chart when set

    @property
    def is_dated(self) -> bool:
        return self.start_ga is not None or self.end_ga is not None


@dataclass(frozen=True)
class DatedStep:
    """A step with this pregnancy's dates (None where the step has no such end)."""

    step: CareStep
    start: date | None
    end: date | None

    @property
    def kind(self) -> str:
        """How the dates read: "window" (from start to end), "by" (end), "from" (start), "on" (one
        day), or "" for a step the pregnancy does not date."""
        if self.start and self.end:
            return "on" if self.start == self.end else "window"
        if self.end:
            return "by"
        return "from" if self.start else ""


@dataclass(frozen=True)
class PmsmaDay:
    day: date

    @property
    def is_sunday(self) -> bool:
        """PMSMA clinics move to the next working day when the 9th is a Sunday or a holiday."""
        return self.day.weekday() == 6


STEPS: tuple[CareStep, ...] = (
    CareStep(
        key="first-visit",
        title=_("First antenatal visit and registration"),
        when=_("As early as possible, ideally before 12 weeks"),
        details=(
            _("Register your pregnancy and get your Mother and Child Protection (MCP) card."),
            _(
                "Tests: blood group and Rh factor, haemoglobin, urine, blood pressure and weight, and "
                "screening for HIV, syphilis and hepatitis B."
            ),
            _(
                "A 75 g glucose test for diabetes in pregnancy: you drink 75 g of glucose and blood is taken "
                "2 hours later; you do not need to fast."
            ),
        ),
        references=(MCP_CARD, GDM_GUIDELINES, NICE_ANTENATAL),
        end_ga=_ga(12),
        chart_label=_("First visit by 12w0d"),
    ),
    CareStep(
        key="td-vaccine",
        title=_("Td vaccine (tetanus and diphtheria)"),
        when=_("First dose at the first visit; second dose 4 weeks later"),
        details=(
            _("If you had two doses in a pregnancy within the last 3 years, one booster dose is enough."),
        ),
        references=(IMMUNISATION_SCHEDULE, MCP_CARD),
    ),
    CareStep(
        key="iron-calcium",
        title=_("Iron-folic acid and calcium tablets"),
        when=_("Every day from the second trimester (14w0d)"),
        details=(
            _(
                "Iron-folic acid: one tablet a day (60 mg iron and 500 mcg folic acid) for at least 180 days "
                "in pregnancy, and for 180 days after the birth. Before 14 weeks, and ideally from before "
                "conception: folic acid alone (400 mcg a day)."
            ),
            _(
                "Calcium: 500 mg twice a day until 6 months after the birth, at a different meal from the "
                "iron tablet."
            ),
        ),
        references=(ANAEMIA_MUKT_BHARAT, CALCIUM_GUIDELINES, MCP_CARD),
        start_ga=_ga(14),
        chart_label=_("Iron, folic acid, calcium from 14w0d"),
    ),
    CareStep(
        key="deworming",
        title=_("Deworming tablet"),
        when=_("Once in the second trimester"),
        details=(_("One albendazole 400 mg tablet, given at a check-up."),),
        references=(DEWORMING_GUIDELINES, MCP_CARD),
        start_ga=_ga(14),
        end_ga=_ga(27, 6),
    ),
    CareStep(
        key="glucose-test-2",
        title=_("Second 75 g glucose test"),
        when=_("At 24 to 28 weeks, if the first one was normal"),
        details=(_("The same test as at the first visit: no fasting, blood taken 2 hours after the drink."),),
        references=(GDM_GUIDELINES,),
        start_ga=_ga(24),
        end_ga=_ga(28, 6),
    ),
    CareStep(
        key="anti-d",
        title=_("Anti-D injection, if your blood group is Rh negative"),
        when=_("At 28 weeks"),
        details=(
            _(
                "Your doctor may offer it if you are Rh negative and have no anti-D antibodies; some "
                "hospitals give a second dose at 34 weeks. It protects a future baby. Another dose may be "
                "needed after the birth or after bleeding. It is not free at every government hospital: "
                "ask at the hospital where you plan to give birth."
            ),
        ),
        references=(NICE_ANTI_D,),
        start_ga=_ga(28),
        end_ga=_ga(28),
        chart_label=_("Anti-D if Rh negative, 28w0d"),
    ),
)


def dated_steps(result: DatingResult) -> list[DatedStep]:
    """The steps with this pregnancy's dates, in schedule order."""
    return [
        DatedStep(
            step,
            result.date_at(step.start_ga) if step.start_ga is not None else None,
            result.date_at(step.end_ga) if step.end_ga is not None else None,
        )
        for step in STEPS
    ]


def ninths_between(first: date, last: date) -> list[date]:
    """Every 9th of a month from `first` to `last`, both included."""
    month = first.replace(day=1)
    days = []
    while month <= last:
        ninth = month.replace(day=PMSMA_DAY)
        if first <= ninth <= last:
            days.append(ninth)
        month = (month + timedelta(days=32)).replace(day=1)
    return days


def pmsma_days(result: DatingResult) -> list[PmsmaDay]:
    """The PMSMA days still ahead in this pregnancy: the 9ths from today (or from the second
    trimester, if that is later; PMSMA is for the second and third trimesters) to the due date."""
    second_trimester = result.date_at(_ga(14))
    return [PmsmaDay(day) for day in ninths_between(max(result.today, second_trimester), result.due_date)]
