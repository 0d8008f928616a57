from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from front.demo.delivery import seed_decide_and_deliver
from front.demo.evaluation import seed_evaluation
from front.demo.people import DEMO_PASSWORD, seed_people
from front.demo.projects import seed_projects
from front.demo.report import seed_completed_project

SIGN_INS = """
Demo Academy is ready. Sign in at /accounts/login/ with the password "{password}":
  leader    leader@demo.school
  staff     staff@demo.school   (staff2@demo.school is the safeguarding lead)
  parent    parent@demo.school  (linked to pupil1)
  pupils    pupil1 ... pupil90  (years 7 to 9)
Staff and leaders set up a second sign-in step (a passkey or an authenticator app) the first time they
open a pupil's page; the leader can switch that off at /people/privacy/second-step/.
"""


class Command(BaseCommand):
    help = "Create or refresh the demo school (safe to run again). Refuses when DEBUG is off."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even though DEBUG is off (never on a real school)."
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a known password; it only runs with DEBUG on. "
                "Use --force if you really mean it."
            )
        school = seed_people()
        seed_projects(school)
        seed_evaluation(school)
        seed_decide_and_deliver(school)
        seed_completed_project(school)
        self.stdout.write(SIGN_INS.format(password=DEMO_PASSWORD))
