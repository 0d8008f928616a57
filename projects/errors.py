"""Domain errors of the projects app: services raise them, views turn them into messages or form errors."""


class ProjectError(Exception):
    """A business rule said no; the message is written for the person who tried."""


class GateNotMet(ProjectError):
    """A stage gate failed. `problems` lists every unmet condition, each one sentence."""

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__(" ".join(self.problems))


class NotAllowed(ProjectError):
    """The person may not do this here (the views check rules first; services check again)."""
