from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "Co-production projects"

    def ready(self) -> None:
        # Imported for what they register, which needs the models loaded: the voting methods
        # (projects.voting.registry), what a person's erasure removes here (people.privacy.erasure)
        # this app's reminders (people.notifications.reminders), notification kinds and audiences,
        # the links on a pupil's page (people.person_links), the charter's setup step (people.setup.steps).
        import projects.calendar
        import projects.erasure
        import projects.notification_kinds
        import projects.notifications
        import projects.person_links
        import projects.reminders
        import projects.setup_steps
        import projects.voting.methods  # noqa: F401
