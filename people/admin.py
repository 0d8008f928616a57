from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from people.models import GuardianLink, Membership, School, User


@admin.register(User)
class SchoolUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("School", {"fields": ("must_change_password",)}))


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "created_at"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "school", "role", "year_group", "form", "is_safeguarding_lead", "is_active"]
    list_filter = ["school", "role", "year_group"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    raw_id_fields = ["user"]


@admin.register(GuardianLink)
class GuardianLinkAdmin(admin.ModelAdmin):
    list_display = ["parent", "pupil", "consent_status", "consent_changed_at"]
    raw_id_fields = ["parent", "pupil"]
