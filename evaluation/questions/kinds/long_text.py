"""A written answer of up to 2,000 characters, in a box of several lines."""

from evaluation.questions import registry


class LongText(registry.TextKind):
    key = "long_text"
    label = "Long text"
    input = "textarea"
    max_length = 2000
    result_template = "evaluation/results/kinds/long_text.html"


registry.register(LongText())
