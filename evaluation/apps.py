from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = "Evaluation"

    def ready(self):
        # The receivers give a school a new report data version when a row its report counts changes;
        # the stage hooks fill the stage service's gate and stage-entry tables (see each docstring).
        import evaluation.receivers
        import evaluation.stage_hooks  # noqa: F401
