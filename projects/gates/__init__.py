"""Stage gates, one module per stage; importing the package registers them (see `registry`)."""

from projects.gates import co_decide, co_deliver, co_design, co_identify  # noqa: F401  (registers the gates)
from projects.gates.registry import (
    GATES,
    Missing,
    Who,
    gate_missing,
    gate_problems,
    register_gate,
    register_member_step,
)

__all__ = ["GATES", "Missing", "Who", "gate_missing", "gate_problems", "register_gate", "register_member_step"]
