"""Admin for survey design only. Responses and answers are deliberately not registered: the admin
must never become a way to read who gave an anonymous answer. Once people have answered, the admin
cannot change the questions or the anonymity promise either (the builder's rules, kept here too)."""

from django.contrib import admin

from evaluation.models import Question, ReportSignOff, Survey, SurveyCompletion


def _answered(survey: Survey | None) -> bool:
    return survey is not None and SurveyCompletion.objects.filter(survey=survey).exists()


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["order", "type", "text", "required"]

    def has_add_permission(self, request, obj=None):
        return not _answered(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _answered(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _answered(obj) and super().has_delete_permission(request, obj)


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "school", "audience", "anonymous", "status", "opens_at", "closes_at"]
    list_filter = ["school", "status", "audience", "anonymous"]
    search_fields = ["title"]
    raw_id_fields = ["created_by", "twin", "project"]
    inlines = [QuestionInline]

    def get_readonly_fields(self, request, obj=None):
        # Status changes go through the builder (it checks questions and dates).
        return ["status", "anonymous"] if _answered(obj) else ["status"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "survey", "order", "type", "required"]
    list_filter = ["type"]
    search_fields = ["text", "survey__title"]
    raw_id_fields = ["survey"]

    def has_change_permission(self, request, obj=None):
        return not (obj and _answered(obj.survey)) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not (obj and _answered(obj.survey)) and super().has_delete_permission(request, obj)


@admin.register(ReportSignOff)
class ReportSignOffAdmin(admin.ModelAdmin):
    """Read-only: a sign-off is the record of what a leader signed, so nobody edits or removes it."""

    list_display = ["project", "signed_by", "signed_at"]
    search_fields = ["project__title"]
    fields = ["project", "signed_by", "signed_at", "comment", "figures"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
