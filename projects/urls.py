from django.urls import path

from projects.views import charter, ideas, moderation, needs, projects, stages

app_name = "projects"

urlpatterns = [
    path("needs/", needs.need_list, name="need_list"),
    path("needs/new/", needs.need_create, name="need_create"),
    path("needs/export.<str:fmt>", needs.need_export, name="need_export"),
    path("needs/<int:pk>/", needs.need_detail, name="need_detail"),
    path("needs/<int:pk>/back/", needs.need_toggle_backing, name="need_back"),
    path("needs/<int:pk>/comment/", needs.need_comment, name="need_comment"),
    path("needs/<int:pk>/merge/", needs.need_merge, name="need_merge"),
    path("needs/<int:pk>/decline/", needs.need_decline, name="need_decline"),
    path("needs/<int:pk>/reopen/", needs.need_reopen, name="need_reopen"),
    path("projects/", projects.project_list, name="project_list"),
    path("projects/new/", projects.project_start, name="project_start"),
    path("projects/<int:pk>/", projects.project_detail, name="project_detail"),
    path("projects/<int:pk>/edit/", projects.project_edit, name="project_edit"),
    path("projects/<int:pk>/take-on/", projects.project_take_on, name="project_take_on"),
    path("projects/<int:pk>/join/", projects.project_join, name="project_join"),
    path("projects/<int:pk>/join-requests/<int:request_pk>/", projects.join_request_decide, name="join_request_decide"),
    path("projects/<int:pk>/members/<int:member_pk>/role/", projects.member_set_role, name="member_set_role"),
    path("projects/<int:pk>/stage/propose/", stages.stage_propose, name="stage_propose"),
    path("projects/<int:pk>/stage/proposals/<int:proposal_pk>/", stages.stage_confirm, name="stage_confirm"),
    path("projects/<int:pk>/stage/back/", stages.stage_back, name="stage_back"),
    path("projects/<int:pk>/stage/override/", stages.stage_override, name="stage_override"),
    path("projects/<int:pk>/ideas/", ideas.idea_list, name="idea_list"),
    path("projects/<int:pk>/ideas/new/", ideas.idea_create, name="idea_create"),
    path("ideas/<int:pk>/", ideas.idea_detail, name="idea_detail"),
    path("ideas/<int:pk>/edit/", ideas.idea_edit, name="idea_edit"),
    path("ideas/<int:pk>/shortlist/", ideas.idea_shortlist, name="idea_shortlist"),
    path("ideas/<int:pk>/comment/", ideas.idea_comment, name="idea_comment"),
    path("charter/", charter.charter_detail, name="charter"),
    path("charter/edit/", charter.charter_edit, name="charter_edit"),
    path("report/<str:kind>/<int:pk>/", moderation.report_content, name="report"),
    path("moderation/", moderation.moderation_list, name="moderation"),
    path("moderation/<int:pk>/<str:action>/", moderation.report_act, name="report_act"),
    path("safeguarding/", moderation.safeguarding_list, name="safeguarding"),
    path("safeguarding/<int:pk>/", moderation.safeguarding_record, name="safeguarding_record"),
]
