from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = "Evaluation"

    def ready(self):
        # The stage hooks fill the stage service's gate and stage-entry tables (see its docstring).
        import evaluation.stage_hooks  # noqa: F401
