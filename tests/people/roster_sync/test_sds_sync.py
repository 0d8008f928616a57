"""Microsoft School Data Sync v2.1: full uploads only, so anyone missing has left; year groups from roles."""

import csv
import io
import zipfile

import pytest

from people.models import Membership, Role
from people.roster_sync.services import RosterSyncInvalid, roster_sync_apply, roster_sync_preview
from tests.factories import LeaderFactory

pytestmark = pytest.mark.django_db


def _csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def sds_bundle(pupils, staff=(), *, extra: dict[str, str] | None = None, drop: tuple[str, ...] = ()) -> bytes:
    """pupils: (sourcedId, givenName, familyName, grade); staff: (sourcedId, givenName, familyName)."""
    files = {
        "orgs.csv": _csv([{"sourcedId": "org1", "name": "Test School", "type": "school"}]),
        "users.csv": _csv(
            [{"sourcedId": sid, "username": f"{sid}@school.example", "givenName": first, "familyName": last,
              "email": f"{sid}@school.example"} for sid, first, last, _grade in pupils]
            + [{"sourcedId": sid, "username": f"{sid}@school.example", "givenName": first, "familyName": last,
                "email": f"{sid}@school.example"} for sid, first, last in staff]
        ),
        "roles.csv": _csv(
            [{"userSourcedId": sid, "orgSourcedId": "org1", "role": "student", "grade": grade}
             for sid, _first, _last, grade in pupils]
            + [{"userSourcedId": sid, "orgSourcedId": "org1", "role": "teacher", "grade": ""} for sid, *_ in staff]
        ),
    }  # fmt: skip
    files.update(extra or {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in files.items():
            if name not in drop:
                archive.writestr(name, text)
    return out.getvalue()


def _sync(leader, data):
    preview = roster_sync_preview(
        school=leader.school, uploaded_by=leader, source_format="sds", data=data, file_name="x"
    )
    return preview, roster_sync_apply(sync=preview, actor=leader)


PUPILS = [("s1", "Amara", "Adeyemi", "7"), ("s2", "Ben", "Brown", "Year 8")]


def test_it_creates_pupils_and_staff_then_moves_and_ends_them_on_the_next_upload():
    leader = LeaderFactory()
    preview, _ = _sync(leader, sds_bundle(PUPILS, staff=[("t1", "Tom", "Teacher")]))
    assert preview.counts["new"] == 3
    assert Membership.objects.get(source_id="s2").year_group == 8
    assert Membership.objects.get(source_id="t1").role == Role.STAFF
    preview, _ = _sync(leader, sds_bundle([("s1", "Amara", "Adeyemi", "8")], staff=[("t1", "Tom", "Teacher")]))
    assert (preview.counts["changed"], preview.counts["leaving"]) == (1, 1)
    assert Membership.objects.get(source_id="s1").year_group == 8
    assert Membership.objects.get(source_id="s2").is_active is False


def test_the_same_upload_twice_changes_nothing():
    leader = LeaderFactory()
    data = sds_bundle(PUPILS)
    _sync(leader, data)
    again, _ = _sync(leader, data)
    assert again.counts == {"new": 0, "changed": 0, "leaving": 0, "unchanged": 2, "ignored": 0}


def test_a_broken_upload_is_refused_whole_with_each_problem_by_file_and_row():
    leader = LeaderFactory()
    bad_roles = "userSourcedId,orgSourcedId,role,grade\ns1,org1,student,7\nghost,org1,student,7\ns2,org1,wizard,8\n"
    with pytest.raises(RosterSyncInvalid) as raised:
        roster_sync_preview(
            school=leader.school, uploaded_by=leader, source_format="sds", file_name="x",
            data=sds_bundle(PUPILS, extra={"roles.csv": bad_roles}),
        )  # fmt: skip
    problems = [str(problem) for problem in raised.value.problems]
    assert 'roles.csv, row 3: user "ghost" is not in users.csv.' in problems
    assert 'roles.csv, row 4: unknown role "wizard".' in problems
    with pytest.raises(RosterSyncInvalid) as raised:
        roster_sync_preview(
            school=leader.school, uploaded_by=leader, source_format="sds", file_name="x",
            data=sds_bundle(PUPILS, drop=("roles.csv",)),
        )  # fmt: skip
    assert "roles.csv: SDS v2.1 needs this file; it is missing." in [str(p) for p in raised.value.problems]
    assert not Membership.objects.filter(school=leader.school, role=Role.PUPIL).exists()
