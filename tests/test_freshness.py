"""The school data version: stable until a committed change, never reused after an eviction, safe with
the cache away; and the services that write without signals (roster import, erasure) change it, as
do a need merge and a withdrawn stage proposal."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.db import transaction

from coproschool import freshness
from coproschool.freshness import cached_for_school, school_data_changed, school_data_version
from people.privacy.services import person_erase
from people.services import roster_import_confirm, roster_import_preview
from projects.models import Stage, StageProposal
from projects.services.needs import need_merge
from projects.services.stages import stage_withdraw
from tests.factories import BackingFactory, NeedFactory, ParentFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def test_the_version_stays_the_same_until_the_data_changes(school, django_capture_on_commit_callbacks):
    first = school_data_version(school.pk)
    assert school_data_version(school.pk) == first
    with django_capture_on_commit_callbacks(execute=True):
        school_data_changed(school.pk)
        assert school_data_version(school.pk) == first  # not before the commit
    assert school_data_version(school.pk) != first


def test_each_school_has_its_own_version(school):
    assert school_data_version(school.pk) != school_data_version(SchoolFactory().pk)


def test_an_evicted_version_is_never_reused(school):
    first = school_data_version(school.pk)
    cache.clear()  # Redis evicted the key: a counter would start again at the same value
    assert school_data_version(school.pk) != first


def test_with_redis_away_a_change_is_dropped_not_raised(school, redis_away, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        school_data_changed(school.pk)
    assert school_data_version(school.pk) != school_data_version(school.pk)  # a fresh token each time


def test_a_failing_cache_does_not_stop_the_other_on_commit_work(school, django_capture_on_commit_callbacks):
    later = mock.Mock()
    failing = mock.Mock(**{"set.side_effect": ConnectionError("cache down")})
    with mock.patch.object(freshness, "cache", failing), django_capture_on_commit_callbacks(execute=True):
        school_data_changed(school.pk)
        transaction.on_commit(later)  # say, a task queued through the outbox
    failing.set.assert_called_once()
    later.assert_called_once()


# --- writes that send no signal ------------------------------------------------------------------


@pytest.fixture
def changes(school, django_capture_on_commit_callbacks):
    """`changes(write)`: whether the committed write gave the school a new version."""

    def run(write) -> bool:
        before = school_data_version(school.pk)
        with django_capture_on_commit_callbacks(execute=True):
            write()
        return school_data_version(school.pk) != before

    return run


def test_a_roster_import_changes_the_version(school, staff, changes):
    preview = roster_import_preview(
        school=school,
        uploaded_by=staff,
        data=b"First name,Last name,Year group,Form,Username\nAda,Lovelace,7,7A,\n",
        file_name="pupils.csv",
    )
    assert changes(lambda: roster_import_confirm(roster_import=preview, actor=staff))


def test_erasing_a_person_changes_their_schools_versions(school, pupil, changes):
    elsewhere = ParentFactory(user=pupil.user, school=SchoolFactory())  # a user holds each role in one school only
    before_elsewhere = school_data_version(elsewhere.school_id)
    assert changes(lambda: person_erase(user=pupil.user))
    assert school_data_version(elsewhere.school_id) != before_elsewhere


def test_merging_needs_changes_the_version(school, staff, changes):
    duplicate, into = NeedFactory(school=school), NeedFactory(school=school)
    BackingFactory(need=duplicate)
    assert changes(lambda: need_merge(duplicate=duplicate, into=into, actor=staff))


def test_withdrawing_a_stage_proposal_changes_the_version(project, lead, facilitator, changes):
    proposal = StageProposal.objects.create(
        project=project, proposed_by=lead, from_stage=Stage.CO_IDENTIFY, to_stage=Stage.CO_DESIGN
    )
    assert changes(lambda: stage_withdraw(proposal=proposal, actor=facilitator))


# --- cached_for_school ---------------------------------------------------------------------------


def test_a_cached_read_is_computed_once_until_the_data_changes(school, django_capture_on_commit_callbacks):
    computed = []

    def compute():
        computed.append(1)
        return {"figure": len(computed)}

    first = cached_for_school(school.pk, "figures", compute)
    assert cached_for_school(school.pk, "figures", compute) is first  # kept by this process: not even unpickled
    with django_capture_on_commit_callbacks(execute=True):
        school_data_changed(school.pk)
    assert cached_for_school(school.pk, "figures", compute) == {"figure": 2}


def test_after_a_minute_this_process_reads_the_shared_cache_again(school, monkeypatch):
    monkeypatch.setattr(freshness, "LOCAL_SECONDS", 0)
    first = cached_for_school(school.pk, "figures", lambda: {"figure": 1})
    again = cached_for_school(school.pk, "figures", lambda: {"figure": 2})
    assert again == first and again is not first  # from the shared cache, not computed again


def test_another_school_never_gets_this_schools_value(school):
    cached_for_school(school.pk, "figures", lambda: "ours")
    assert cached_for_school(SchoolFactory().pk, "figures", lambda: "theirs") == "theirs"
