"""The operator's command for a new school: `manage.py school_create --name "..." --leader-email ...`."""

from django.core.management.base import BaseCommand, CommandError

from people.setup.services import SetupError, school_create


class Command(BaseCommand):
    help = "Create a school and email its first leader a link to make their account."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="The school's name, as pupils and parents see it.")
        parser.add_argument("--leader-email", required=True)
        parser.add_argument("--leader-first-name", default="Head")
        parser.add_argument("--leader-last-name", default="Teacher")
        parser.add_argument("--slug", default="", help="A short name for the school (made from the name if left out).")
        parser.add_argument(
            "--site-url", default="http://127.0.0.1:8000", help="The address people open, for the link in the email."
        )

    def handle(self, *args, **options):
        try:
            school, invitation = school_create(
                name=options["name"],
                slug=options["slug"],
                leader_email=options["leader_email"],
                leader_first_name=options["leader_first_name"],
                leader_last_name=options["leader_last_name"],
                site_url=options["site_url"].rstrip("/"),
            )
        except SetupError as error:
            raise CommandError(str(error)) from None
        link = f"{options['site_url'].rstrip('/')}/join/{invitation.token}/"
        self.stdout.write(f"Created {school.name} ({school.slug}). {invitation.email} is emailed this link:\n{link}")
