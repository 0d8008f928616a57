from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "People and schools"

    def ready(self) -> None:
        from people.notifications.kinds import people  # noqa: F401 - registers people's notification kinds
        from people.second_step import receivers  # noqa: F401 - audits second sign-in steps added and removed
