"""Admin for survey design only. Responses and answers are deliberately not registered: the admin
must never become a way to read who gave an anonymous answer."""

from django.contrib import admin

from evaluation.models import Question, Survey


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["order", "type", "text", "required"]


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "school", "audience", "anonymous", "status", "opens_at", "closes_at"]
    list_filter = ["school", "status", "audience", "anonymous"]
    search_fields = ["title"]
    raw_id_fields = ["created_by", "twin"]
    inlines = [QuestionInline]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "survey", "order", "type", "required"]
    list_filter = ["type"]
    search_fields = ["text", "survey__title"]
    raw_id_fields = ["survey"]
