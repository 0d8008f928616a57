from django.urls import path

from front.views import audit_log, dashboard, homes
from front.views import styleguide as styleguide_views

home = path("", homes.home, name="home")
what_happened = path("what-happened/", audit_log.what_happened, name="what_happened")
styleguide = path("styleguide/", styleguide_views.styleguide, name="styleguide")

# The dashboard reads every app, so it lives here, but its routes keep their `projects:` names:
# coproschool/urls.py includes them in the projects namespace.
dashboard_patterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("dashboard/projects/<int:pk>/move/", dashboard.dashboard_move, name="dashboard_move"),
]
