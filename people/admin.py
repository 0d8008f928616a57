from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from people.models import (
    EmailDelivery,
    GuardianLink,
    Membership,
    Notification,
    NotificationPreference,
    OutboxMessage,
    ParentInvitation,
    RosterImport,
    School,
    User,
)


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


@admin.register(RosterImport)
class RosterImportAdmin(admin.ModelAdmin):
    list_display = ["school", "file_name", "status", "created_at", "created_count", "skipped_count", "cards_expire_at"]
    list_filter = ["status", "school"]
    # The login cards hold one-time passwords: only staff of the school see them, on the cards page.
    exclude = ["cards", "rows"]
    readonly_fields = ["uploaded_by", "confirmed_at", "cards_first_viewed_at", "cards_expire_at", "cards_cleared_at"]


@admin.register(ParentInvitation)
class ParentInvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "pupil", "school", "created_at", "expires_at", "accepted_at"]
    list_filter = ["school"]
    search_fields = ["email"]
    exclude = ["token"]
    raw_id_fields = ["pupil", "invited_by", "accepted_by"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written only by the notification services: the admin shows them for support, never edits them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["title", "recipient", "kind", "period", "email", "created_at", "read_at"]
    list_filter = ["kind", "email", "recipient__school"]
    search_fields = ["title", "subject"]
    list_select_related = ["recipient__user", "recipient__school"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(ReadOnlyAdmin):
    list_display = ["membership", "email_enabled", "weekly_digest", "child_copies"]
    list_select_related = ["membership__user", "membership__school"]


@admin.register(EmailDelivery)
class EmailDeliveryAdmin(ReadOnlyAdmin):
    # Failed emails after the last retry are what support staff come here for.
    list_display = ["subject", "recipient", "status", "attempts", "created_at", "sent_at", "failed_at"]
    list_filter = ["status", "recipient__school"]
    search_fields = ["subject", "to_address"]
    list_select_related = ["recipient__user", "recipient__school"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    list_display = ["task_name", "created_at", "dispatched_at", "attempts"]
    search_fields = ["task_name"]
