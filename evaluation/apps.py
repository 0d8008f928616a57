from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = "Evaluation"

    def ready(self):
        # Imported for what they register: the stage hooks fill the stage service's gate and
        # stage-entry tables (see its docstring); what a person's erasure removes here
        # (people.privacy.erasure); this app's reminders (people.notifications.reminders).
        import evaluation.calendar
        import evaluation.erasure
        import evaluation.invitations.services  # stamps took_part_at (people.taking_part)
        import evaluation.notification_kinds
        import evaluation.reminders
        import evaluation.services  # its release hook for held answers (projects.services.moderation)
        import evaluation.stage_hooks  # noqa: F401
