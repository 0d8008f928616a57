"""The steps of a new school's setup checklist (people.setup.steps) that projects owns: the charter, and
the terms (the school's holidays, which deadlines and school days skip)."""

from people.models import School
from people.setup.steps import SetupStep, register_setup_step
from projects.models import Charter, SchoolHoliday


def _charter_written(school: School) -> bool:
    return Charter.objects.filter(school=school).exists()


def _terms_set(school: School) -> bool:
    # Terms run between the holidays: a school that recorded its holidays has set its terms.
    return SchoolHoliday.objects.filter(school=school).exists()


register_setup_step(
    SetupStep(
        "charter",
        20,
        "Write the charter",
        "Say what leadership puts on the table this term (money, time, space) and what is not open to change.",
        "projects:charter_edit",
        _charter_written,
    )
)
register_setup_step(
    SetupStep(
        "terms",
        70,
        "Set the terms",
        "Add the school's holidays, so the days to answer a need count only the days of term.",
        "projects:needs_answering",
        _terms_set,
    )
)
