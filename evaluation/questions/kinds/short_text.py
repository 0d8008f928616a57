"""A written answer of up to 200 characters, in one line."""

from evaluation.questions import registry


class ShortText(registry.TextKind):
    key = "short_text"
    label = "Short text"
    input = "text"
    max_length = 200
    result_template = "evaluation/results/kinds/short_text.html"


registry.register(ShortText())
