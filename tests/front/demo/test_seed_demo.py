import pytest
from django.core.management import CommandError, call_command

from people.models import GuardianLink, Membership, Role, User

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    assert Membership.objects.filter(role=Role.PUPIL).count() == 90
    assert Membership.objects.filter(role=Role.STAFF).count() == 2
    assert GuardianLink.objects.get().pupil.user.username == "pupil1"
    pupil1 = User.objects.get(username="pupil1")
    assert pupil1.check_password("coproduce")
    assert not pupil1.must_change_password


def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.exists()
