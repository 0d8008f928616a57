"""Pick one of the options staff wrote; the answer stores the option's index."""

from evaluation.questions import registry


class Single(registry.OptionKind):
    key = "single"
    label = "Pick one"
    has_choices = True
    missing = "Please choose one of the options: this question needs an answer."
    out_of_range = "That is not one of the options. Choose one of the options shown."
    result_template = "evaluation/results/kinds/single.html"

    def options(self, question):
        return list(enumerate(question.choices))


registry.register(Single())
