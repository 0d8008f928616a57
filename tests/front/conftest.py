# The dashboard's stage-move tests start from the projects tests' project that meets its first gate.
from tests.projects.conftest import ready_project  # noqa: F401
