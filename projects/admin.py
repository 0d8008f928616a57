"""Admin for operators. Reports are left out on purpose: safeguarding concerns are for the
designated safeguarding leads, through the app, and nobody else."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from projects.models import Charter, Idea, Need, Project, ProjectMembership, StageTransition


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ["title", "school", "category", "status", "created_at"]
    list_filter = ["school", "category", "status"]
    search_fields = ["title"]
    raw_id_fields = ["author", "merged_into"]


class ProjectMembershipInline(admin.TabularInline):
    model = ProjectMembership
    raw_id_fields = ["membership"]
    extra = 0


class StageTransitionInline(admin.TabularInline):
    """Read-only: the stage moves only through projects.services.stages."""

    model = StageTransition
    fk_name = "project"
    fields = ["created_at", "from_stage", "to_stage", "actor", "reason", "is_override"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "school", "stage", "visibility", "created_at"]
    list_filter = ["school", "stage"]
    search_fields = ["title"]
    readonly_fields = ["stage"]
    filter_horizontal = ["needs"]
    inlines = [ProjectMembershipInline, StageTransitionInline]


@admin.register(Idea)
class IdeaAdmin(SimpleHistoryAdmin):
    list_display = ["title", "project", "is_shortlisted", "created_at"]
    raw_id_fields = ["project", "created_by", "builds_on", "shortlisted_by", "authors"]


@admin.register(Charter)
class CharterAdmin(SimpleHistoryAdmin):
    list_display = ["school", "term", "updated_at"]
    raw_id_fields = ["updated_by"]
