"""Agree or disagree, on five labelled points stored as 1-5 (pre/post reports average them)."""

from evaluation.questions import registry

LABELS = ["Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree"]


class Likert5(registry.OptionKind):
    key = "likert5"
    label = "Agree or disagree (5 points)"
    scale = (1, 5)
    missing = "Please choose how much you agree: this question needs an answer."
    out_of_range = f"Choose one of the five answers, from “{LABELS[0]}” to “{LABELS[-1]}”."
    result_template = "evaluation/results/kinds/likert5.html"

    def options(self, question):
        return list(enumerate(LABELS, start=1))


registry.register(Likert5())
