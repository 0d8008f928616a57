"""The question kinds, one module each; importing this package registers them (EvaluationConfig.ready)."""

from evaluation.questions.kinds import likert5, long_text, multiple, scale0_10, short_text, single, yes_no

__all__ = ["likert5", "long_text", "multiple", "scale0_10", "short_text", "single", "yes_no"]
