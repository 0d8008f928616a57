from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "Co-production projects"

    def ready(self) -> None:
        # Registers the voting methods, whose modules need the models loaded.
        import projects.voting.methods  # noqa: F401
