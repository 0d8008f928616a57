"""Pick any of the options staff wrote; the answer stores the sorted indexes in Answer.picked."""

from evaluation.questions import registry


class Multiple(registry.OptionKind):
    key = "multiple"
    label = "Pick any"
    column = "picked"
    input = "checkbox"
    has_choices = True
    hint = "Pick as many as you like."
    missing = "Please choose at least one option: this question needs an answer."
    out_of_range = "That is not one of the options. Choose only from the options shown."
    result_template = "evaluation/results/kinds/multiple.html"

    def options(self, question):
        return list(enumerate(question.choices))

    def keep(self, numbers):
        return sorted(set(numbers))

    def tally(self, question, answers):
        # Each person counts once for every option they picked; the shares add up to more than 100%.
        counts = {value: 0 for value, _label in self.options(question)}
        answered = 0
        for picked, count in answers:
            answered += count
            for index in picked:
                if index in counts:
                    counts[index] += count
        return answered, counts

    def read_back(self, question, value):
        labels = dict(self.options(question))
        return ", ".join(labels.get(index, "?") for index in value)


registry.register(Multiple())
