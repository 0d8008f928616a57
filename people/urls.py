from django.urls import path

from people import views

app_name = "people"

urlpatterns = [
    path("people/", views.people_list, name="list"),
    path("people/<int:pk>/", views.person_detail, name="detail"),
    path("account/first-password/", views.first_password, name="first_password"),
]
