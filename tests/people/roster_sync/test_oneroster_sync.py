import time

import pytest

from people.models import Membership, Role
from people.roster_sync.services import RosterSyncInvalid, roster_sync_apply, roster_sync_preview
from tests.factories import LeaderFactory
from tests.people.roster_sync.bundles import bundle, school_files

pytestmark = pytest.mark.django_db

PUPILS = [("p1", "Amara", "Adeyemi", "7A"), ("p2", "Ben", "Brown", "7B"), ("p3", "Chloe", "Cole", "8A")]


def _sync(leader, data):
    preview = roster_sync_preview(
        school=leader.school, uploaded_by=leader, source_format="oneroster", data=data, file_name="x.zip"
    )
    return preview, roster_sync_apply(sync=preview, actor=leader)


def _pupils(school):
    return {
        m.source_id: (m.user.first_name, m.year_group, m.form, m.is_active)
        for m in Membership.objects.filter(school=school, role=Role.PUPIL).select_related("user")
    }


def test_it_imports_a_bulk_then_a_delta_with_joiners_movers_and_leavers():
    leader = LeaderFactory()
    preview, _ = _sync(leader, bundle(school_files(PUPILS, staff=[("t1", "Tom", "Teacher")])))
    assert preview.counts["new"] == 4
    assert _pupils(leader.school)["p2"] == ("Ben", 7, "7B", True)
    assert Membership.objects.get(school=leader.school, source_id="t1").role == Role.STAFF

    delta = {
        "users.csv": [
            {"sourcedId": "p3", "status": "tobedeleted", "enabledUser": "true", "orgSourcedIds": "org1",
             "role": "student", "username": "p3", "givenName": "Chloe", "familyName": "Cole"},
            {"sourcedId": "p4", "status": "active", "enabledUser": "true", "orgSourcedIds": "org1",
             "role": "student", "username": "p4", "givenName": "Dev", "familyName": "Dhar", "grades": "07"},
        ],
        "enrollments.csv": [
            {"sourcedId": "e-p2", "status": "tobedeleted", "classSourcedId": "c-7B", "schoolSourcedId": "org1",
             "userSourcedId": "p2", "role": "student"},
            {"sourcedId": "e2-p2", "status": "active", "classSourcedId": "c-7A", "schoolSourcedId": "org1",
             "userSourcedId": "p2", "role": "student"},
            {"sourcedId": "e-p4", "status": "active", "classSourcedId": "c-7B", "schoolSourcedId": "org1",
             "userSourcedId": "p4", "role": "student"},
        ],
    }  # fmt: skip
    preview, _ = _sync(leader, bundle(delta, mode="delta"))
    assert preview.counts == {"new": 1, "changed": 1, "leaving": 1, "unchanged": 0, "ignored": 0}
    pupils = _pupils(leader.school)
    assert pupils["p2"] == ("Ben", 7, "7A", True)  # mover
    assert pupils["p3"][3] is False  # leaver
    assert Membership.objects.get(source_id="p3").left_on is not None
    assert pupils["p4"] == ("Dev", 7, "7B", True)  # joiner


def test_it_ends_the_membership_of_someone_missing_from_a_bulk_and_changes_nothing_the_second_time():
    leader = LeaderFactory()
    _sync(leader, bundle(school_files(PUPILS)))
    data = bundle(school_files(PUPILS[:2]))
    preview, _ = _sync(leader, data)
    assert preview.counts["leaving"] == 1
    before = _pupils(leader.school)
    again, _ = _sync(leader, data)
    assert again.counts == {"new": 0, "changed": 0, "leaving": 0, "unchanged": 2, "ignored": 0}
    assert _pupils(leader.school) == before


def _problems(leader, data):
    with pytest.raises(RosterSyncInvalid) as raised:
        roster_sync_preview(
            school=leader.school, uploaded_by=leader, source_format="oneroster", data=data, file_name="x"
        )
    assert not Membership.objects.filter(school=leader.school, role=Role.PUPIL).exists()
    return [str(problem) for problem in raised.value.problems]


def test_it_refuses_a_bundle_missing_a_file():
    files = school_files(PUPILS)
    del files["classes.csv"]
    assert "classes.csv: a full (bulk) export needs this file; it is missing." in _problems(
        LeaderFactory(), bundle(files)
    )


def test_it_refuses_an_unknown_column_a_duplicate_id_and_a_class_without_its_school():
    files = school_files(PUPILS)
    files["users.csv"].append(dict(files["users.csv"][0]))
    files["classes.csv"][0]["schoolSourcedId"] = "nowhere"
    problems = _problems(LeaderFactory(), bundle(files))
    assert 'users.csv, row 5: sourcedId "p1" is also on row 2.' in problems
    assert 'classes.csv, row 2: the class\'s school "nowhere" is not in orgs.csv.' in problems
    raw = {"orgs.csv": "sourcedId,status,dateLastModified,name,type,colour\norg1,,,School,school,red\n"}
    files = school_files(PUPILS)
    del files["orgs.csv"]
    assert 'orgs.csv, row 1: unknown column "colour".' in _problems(LeaderFactory(), bundle(files, raw=raw))


def test_it_reads_files_that_start_with_a_byte_order_mark():
    leader = LeaderFactory()
    files = school_files(PUPILS)
    from tests.people.roster_sync.bundles import _csv

    raw = {"users.csv": "\ufeff" + _csv("users.csv", files.pop("users.csv"))}
    preview, _ = _sync(leader, bundle(files, raw=raw))
    assert preview.counts["new"] == 3


@pytest.mark.timing
def test_it_imports_50000_pupils_in_under_a_minute():
    leader = LeaderFactory()
    pupils = [(f"p{n}", f"First{n}", f"Last{n}", f"{7 + n % 5}{'ABCD'[n % 4]}") for n in range(50_000)]
    data = bundle(school_files(pupils))
    started = time.monotonic()
    _sync(leader, data)
    assert time.monotonic() - started < 60
    assert Membership.objects.filter(school=leader.school, role=Role.PUPIL, is_active=True).count() == 50_000
