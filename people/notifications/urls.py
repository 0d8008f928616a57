from django.urls import path

from people.notifications import views

app_name = "notifications"

urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<int:pk>/read/", views.mark_read, name="mark_read"),
    path("inbox/read-all/", views.mark_all_read, name="mark_all_read"),
    path("inbox/preferences/", views.preferences, name="preferences"),
    path("inbox/failed-emails/", views.failed_emails, name="failed_emails"),
    path("inbox/failed-emails/<int:pk>/retry/", views.retry_email, name="retry_email"),
]
