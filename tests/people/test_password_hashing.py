"""Password hashing at class scale: Argon2id at OWASP's minimum cost first, older PBKDF2 hashes
upgraded at the next sign-in, and login cards' one-time passwords hashed the same way
(people/hashers.py). The suite hashes with MD5 for speed; these tests use the production list."""

import time

import pytest
from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.urls import reverse

from people.hashers import OwaspArgon2PasswordHasher
from people.models import User
from people.services import pupil_password_reset, roster_import_confirm, roster_import_preview
from tests.factories import PupilFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_hashers")]

PASSWORD = "correct horse battery"  # tests.factories.UserFactory
OWASP_PARAMETERS = "m=19456,t=2,p=1"


def test_new_passwords_are_argon2id_at_owasp_minimum_parameters():
    encoded = make_password(PASSWORD)
    assert encoded.startswith(f"argon2$argon2id$v=19${OWASP_PARAMETERS}$")
    assert isinstance(identify_hasher(encoded), OwaspArgon2PasswordHasher)
    assert check_password(PASSWORD, encoded) and not check_password("wrong", encoded)


@pytest.mark.timing
def test_one_hash_costs_under_a_tenth_of_a_second():
    make_password(PASSWORD)  # warm up
    started = time.perf_counter()
    for _ in range(5):
        make_password(PASSWORD)
    assert (time.perf_counter() - started) / 5 < 0.1


def test_a_pupil_with_a_pbkdf2_hash_signs_in_and_is_upgraded_to_argon2(client):
    pupil = PupilFactory(user__username="amara")
    User.objects.filter(pk=pupil.user.pk).update(password=make_password(PASSWORD, hasher="pbkdf2_sha256"))

    response = client.post(reverse("account_login"), {"login": "amara", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(pupil.user.pk)
    upgraded = User.objects.get(pk=pupil.user.pk).password
    assert upgraded.startswith(f"argon2$argon2id$v=19${OWASP_PARAMETERS}$")
    client.logout()
    assert client.post(reverse("account_login"), {"login": "amara", "password": PASSWORD}).status_code == 302


def test_a_wrong_password_leaves_the_pbkdf2_hash_as_it_was(client):
    pupil = PupilFactory(user__username="amara")
    old = make_password(PASSWORD, hasher="pbkdf2_sha256")
    User.objects.filter(pk=pupil.user.pk).update(password=old)
    assert client.post(reverse("account_login"), {"login": "amara", "password": "wrong"}).status_code == 200
    assert User.objects.get(pk=pupil.user.pk).password == old


def test_login_cards_one_time_passwords_are_argon2id(staff):
    data = b"First name,Last name,Year group,Form,Username\nAmara,Adeyemi,7,7A,\n"
    preview = roster_import_preview(school=staff.school, uploaded_by=staff, data=data, file_name="pupils.csv")
    card = roster_import_confirm(roster_import=preview, actor=staff).cards[0]
    imported = User.objects.get(username=card["username"])
    assert imported.password.startswith(f"argon2$argon2id$v=19${OWASP_PARAMETERS}$")
    assert check_password(card["password"], imported.password)

    new_password = pupil_password_reset(pupil=imported.memberships.get(), actor=staff)
    imported.refresh_from_db()
    assert imported.password.startswith(f"argon2$argon2id$v=19${OWASP_PARAMETERS}$")
    assert check_password(new_password, imported.password)
