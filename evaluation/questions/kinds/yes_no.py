"""Yes or no, stored as 1 and 0."""

from evaluation.questions import registry


class YesNo(registry.OptionKind):
    key = "yes_no"
    label = "Yes or no"
    missing = "Please choose Yes or No: this question needs an answer."
    out_of_range = "Choose Yes or No."
    result_template = "evaluation/results/kinds/yes_no.html"

    def options(self, question):
        return [(1, "Yes"), (0, "No")]


registry.register(YesNo())
