from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = "Evaluation"

    def ready(self):
        # Fills the stage service's gate and stage-entry tables (see the module's docstring).
        import evaluation.stage_hooks  # noqa: F401
