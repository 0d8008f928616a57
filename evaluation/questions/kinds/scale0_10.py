"""A whole number from 0 to 10, stored as itself (pre/post reports average it)."""

from evaluation.questions import registry

ENDS = {0: "0 (lowest)", 10: "10 (highest)"}


class Scale0To10(registry.OptionKind):
    key = "scale0_10"
    label = "Scale from 0 to 10"
    scale = (0, 10)
    missing = "Please choose a number from 0 to 10: this question needs an answer."
    out_of_range = "Choose a whole number from 0 to 10."
    result_template = "evaluation/results/kinds/scale0_10.html"

    def options(self, question):
        return [(value, ENDS.get(value, str(value))) for value in range(11)]


registry.register(Scale0To10())
