"""The charter's step on a new school's setup checklist (people.setup.steps)."""

from people.models import School
from people.setup.steps import SetupStep, register_setup_step
from projects.models import Charter


def _charter_written(school: School) -> bool:
    return Charter.objects.filter(school=school).exists()


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
