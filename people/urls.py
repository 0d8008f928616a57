from django.urls import path

from people import views
from people.privacy import views as privacy_views

app_name = "people"

urlpatterns = [
    path("people/", views.people_list, name="list"),
    path("people/pupils/search/", views.pupil_search, name="pupil_search"),
    path("people/<int:pk>/", views.person_detail, name="detail"),
    path("people/<int:pk>/invite-parent/", views.person_invite_parent, name="invite_parent"),
    path("people/<int:pk>/reset-password/", views.person_reset_password, name="reset_password"),
    path("people/import/", views.roster_import_upload, name="roster_upload"),
    path("people/import/<int:pk>/", views.roster_import_detail, name="roster_import"),
    path("people/import/<int:pk>/cards/", views.roster_import_cards, name="roster_cards"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("consent/<int:pk>/", views.consent, name="consent"),
    path("account/first-password/", views.first_password, name="first_password"),
    path("account/my-data/", privacy_views.my_data, name="my_data"),
    path("account/easy-read/", views.easy_read, name="easy_read"),
    path("people/<int:pk>/data/", privacy_views.person_data, name="person_data"),
    path("people/<int:pk>/special-category/", privacy_views.person_special_category, name="special_category"),
    path("people/<int:pk>/left/", privacy_views.person_leave, name="leave"),
    path("people/<int:pk>/erase/", privacy_views.person_erase, name="erase"),
    path("people/privacy/", privacy_views.school_privacy, name="school_privacy"),
]
