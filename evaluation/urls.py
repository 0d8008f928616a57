from django.urls import path

from evaluation import views
from evaluation.invitations import views as invitations
from evaluation.views import report_exports, reports_project, reports_school

app_name = "evaluation"

urlpatterns = [
    path("surveys/", views.my_surveys, name="mine"),
    path("surveys/<int:pk>/", views.survey_start, name="start"),
    path("surveys/<int:pk>/answer/", views.survey_answer, name="answer"),
    path("surveys/<int:pk>/review/", views.survey_review, name="review"),
    path("surveys/<int:pk>/thanks/", views.survey_thanks, name="thanks"),
    path("surveys/manage/", views.survey_list, name="list"),
    path("surveys/manage/new/", views.survey_new, name="new"),
    path("surveys/manage/from-template/", views.survey_from_template, name="from_template"),
    path("surveys/manage/<int:pk>/", views.survey_builder, name="builder"),
    path("surveys/manage/<int:pk>/edit/", views.survey_edit, name="edit"),
    path("surveys/manage/<int:pk>/status/", views.survey_status, name="status"),
    path("surveys/manage/<int:pk>/twin/", views.survey_twin, name="twin"),
    path("surveys/manage/<int:pk>/copy/", views.survey_copy, name="copy"),
    path("surveys/manage/<int:pk>/preview/", views.survey_preview, name="preview"),
    path("surveys/manage/<int:pk>/results/", views.survey_results, name="results"),
    path("surveys/manage/<int:pk>/results.csv", views.survey_results_csv, name="results_csv"),
    path("surveys/manage/<int:pk>/responses/", views.survey_named_responses, name="named_responses"),
    path("surveys/manage/<int:pk>/questions/new/", views.question_new, name="question_new"),
    path("surveys/manage/<int:pk>/questions/<int:question_pk>/edit/", views.question_edit, name="question_edit"),
    path("surveys/manage/<int:pk>/questions/<int:question_pk>/delete/", views.question_delete, name="question_delete"),
    path("surveys/manage/<int:pk>/questions/<int:question_pk>/move/", views.question_move, name="question_move"),
    path("reports/projects/<int:pk>/", reports_project.project_report, name="project_report"),
    path(
        "reports/projects/<int:pk>/sign-off/", reports_project.project_report_sign_off, name="project_report_sign_off"
    ),
    path("reports/projects/<int:pk>/reflections/", reports_project.project_reflections, name="project_reflections"),
    path("reports/reflections/<int:pk>/hide/", reports_project.reflection_hide, name="reflection_hide"),
    path("reports/school/", reports_school.school_report, name="school_report"),
    path("reports/school/figures.csv", reports_school.school_report_csv, name="school_report_csv"),
    path("pupil-invitations/new/", invitations.invite_pupils, name="invite_pupils"),
    path("pupil-invitations/<int:pk>/answer/", invitations.invitation_respond, name="invitation_respond"),
    path("reports/exports/", report_exports.report_export_create, name="report_export_create"),
    path("reports/exports/panel/", report_exports.report_export_panel, name="report_export_panel"),
    path("reports/exports/<int:pk>/download/", report_exports.report_export_download, name="report_export_download"),
]
