from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from bench.views import floor
from coproschool.views import healthz
from front import urls as front_urls
from projects import urls as projects_urls

urlpatterns = [
    front_urls.home,
    front_urls.what_happened,
    front_urls.styleguide,
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("allauth.account.urls")),
    # allauth.mfa's pages: adults' second sign-in step (people.second_step).
    path("accounts/2fa/", include("allauth.mfa.urls")),
    # Of allauth's social accounts, only the OpenID Connect provider's login and callback (one per school,
    # people.single_sign_on): no account is ever made, connected or managed from allauth's own pages.
    path("accounts/", include("allauth.socialaccount.providers.openid_connect.urls")),
    path("", include("people.urls")),
    path("", include("people.notifications.urls")),
    path("", include((projects_urls.urlpatterns + front_urls.dashboard_patterns, projects_urls.app_name))),
    path("", include("evaluation.urls")),
    path("admin/", admin.site.urls),
]

if settings.BENCH_FLOOR:
    urlpatterns.append(path("bench/floor/", floor, name="bench_floor"))
