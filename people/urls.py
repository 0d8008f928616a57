from django.urls import path

from people import views
from people.badges import views as badge_views
from people.calendar import views as calendar_views
from people.privacy import views as privacy_views
from people.roster_sync import views as roster_sync_views
from people.second_step import views as second_step_views
from people.setup import views as setup_views
from people.single_sign_on import views as sso_views

app_name = "people"

urlpatterns = [
    path("people/", views.people_list, name="list"),
    path("people/pupils/search/", views.pupil_search, name="pupil_search"),
    path("people/<int:pk>/", views.person_detail, name="detail"),
    path("people/<int:pk>/invite-parent/", views.person_invite_parent, name="invite_parent"),
    path("people/<int:pk>/reset-password/", views.person_reset_password, name="reset_password"),
    path("people/<int:pk>/badge/", badge_views.badge_page, name="badge"),
    path("people/<int:pk>/badge/new/", badge_views.badge_issue, name="badge_issue"),
    path("people/<int:pk>/badge/card/", badge_views.badge_card, name="badge_card"),
    path("people/<int:pk>/badge/stop/", badge_views.badge_revoke, name="badge_revoke"),
    path("badge-sign-in/", badge_views.badge_sign_in, name="badge_sign_in"),
    path("badge-sign-in/<slug:school_slug>/", badge_views.badge_sign_in, name="badge_sign_in_school"),
    path("people/import/", views.roster_import_upload, name="roster_upload"),
    path("people/import/<int:pk>/", views.roster_import_detail, name="roster_import"),
    path("people/import/<int:pk>/cards/", views.roster_import_cards, name="roster_cards"),
    path("people/sync/", roster_sync_views.roster_sync_upload, name="roster_sync_upload"),
    path("people/sync/<int:pk>/", roster_sync_views.roster_sync_detail, name="roster_sync"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("consent/<int:pk>/", views.consent, name="consent"),
    path("account/first-password/", views.first_password, name="first_password"),
    path("account/my-data/", privacy_views.my_data, name="my_data"),
    path("account/easy-read/", views.easy_read, name="easy_read"),
    path("account/second-step/", second_step_views.second_step, name="second_step"),
    path("account/second-step/continue/", second_step_views.second_step_continue, name="second_step_continue"),
    path("people/<int:pk>/data/", privacy_views.person_data, name="person_data"),
    path("people/<int:pk>/special-category/", privacy_views.person_special_category, name="special_category"),
    path("people/<int:pk>/left/", privacy_views.person_leave, name="leave"),
    path("people/<int:pk>/erase/", privacy_views.person_erase, name="erase"),
    path("people/privacy/", privacy_views.school_privacy, name="school_privacy"),
    path("people/privacy/second-step/", second_step_views.school_second_step, name="school_second_step"),
    path("setup/", setup_views.setup_checklist, name="setup"),
    path("setup/staff/", setup_views.setup_staff, name="setup_staff"),
    path("setup/staff/<int:pk>/cancel/", setup_views.setup_staff_invitation_cancel, name="setup_staff_cancel"),
    path("setup/sign-in/", sso_views.setup_sign_in, name="setup_sign_in"),
    path("setup/sign-in/off/", sso_views.setup_sign_in_off, name="setup_sign_in_off"),
    path("sign-in/", sso_views.school_find, name="school_find"),
    path("sign-in/<slug:slug>/", sso_views.school_sign_in, name="school_sign_in"),
    path("setup/safeguarding-leads/", setup_views.setup_safeguarding_leads, name="setup_safeguarding_leads"),
    path("join/<str:token>/", setup_views.staff_invitation, name="staff_invitation"),
    path("operator/schools/", setup_views.operator_schools, name="operator_schools"),
    path("inbox/preferences/calendar/", calendar_views.calendar_page, name="calendar"),
    path("inbox/preferences/calendar/new/", calendar_views.calendar_new, name="calendar_new"),
    path("calendar/<str:secret>.ics", calendar_views.calendar_feed, name="calendar_feed"),
]
