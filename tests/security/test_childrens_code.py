"""The ICO Children's code defaults: a new pupil starts at the most private settings, pupils are never
ranked or profiled in what they see, each privacy choice is one step either way, and a pupil sees
when a parent can follow their activity."""

import re

import pytest
import rules
from django.urls import reverse

from people.models import ConsentStatus, EmailChannel, Notification, NotificationKind
from people.notifications.selectors import preference_for
from people.notifications.services import notify
from projects.forms import CommentForm, NeedForm
from projects.models import Need
from tests.factories import (
    GoalFactory,
    GuardianLinkFactory,
    NeedFactory,
    ProjectMembershipFactory,
    PupilFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

# Words that would mean pupils are compared or profiled on a page pupils see.
RANKING = re.compile(r"leaderboard|most active|least active|top contributors?|not involved|not been heard|league", re.I)


# --- most private by default -----------------------------------------------------------------


def test_a_new_pupil_gets_inbox_only_while_adults_keep_email(school):
    pupil = PupilFactory(school=school, user__email="kid@example.org")
    staff = StaffFactory(school=school)
    assert preference_for(membership=pupil).email_enabled is False
    assert preference_for(membership=staff).email_enabled is True

    notify(kind=NotificationKind.ANNOUNCEMENT, subject="test:1", recipients=[pupil, staff], title="Hello")

    channels = dict(Notification.objects.values_list("recipient", "email"))
    assert channels[pupil.pk] == EmailChannel.NONE and channels[staff.pk] != EmailChannel.NONE


def test_a_pupils_name_starts_hidden_from_other_pupils_on_what_they_write():
    assert NeedForm(can_hide_author=True).initial["hide_author"] is True
    assert CommentForm(can_hide_author=True)["hide_author"].value() is True
    assert "hide_author" not in NeedForm(can_hide_author=False).fields  # staff cannot hide their name


def test_the_raise_a_need_page_shows_the_hide_box_ticked(client_for, pupil):
    page = client_for(pupil).get(reverse("projects:need_create")).text
    box = re.search(r'<input[^>]*name="hide_author"[^>]*>', page).group(0)
    assert "checked" in box


def test_a_parent_without_consent_sees_nothing_of_the_childs_activity(client_for, pupil):
    goal = GoalFactory(pupil=pupil, goal="Chair a meeting")
    for status in (ConsentStatus.PENDING, ConsentStatus.REFUSED, ConsentStatus.WITHDRAWN):
        link = GuardianLinkFactory(pupil=pupil, consent_status=status, consent_changed_at="2026-01-01T00:00Z")
        client = client_for(link.parent)
        assert client.get(reverse("projects:portfolio", args=[pupil.pk])).status_code == 403, status
        assert client.get(reverse("projects:goal_detail", args=[goal.pk])).status_code in (403, 404), status
        assert "Chair a meeting" not in client.get(reverse("home")).text, status


def test_a_parent_with_consent_follows_the_child(client_for, pupil):
    goal = GoalFactory(pupil=pupil, goal="Chair a meeting")
    parent = GuardianLinkFactory(pupil=pupil, consented=True).parent
    client = client_for(parent)
    assert client.get(reverse("projects:portfolio", args=[pupil.pk])).status_code == 200
    assert client.get(reverse("projects:goal_detail", args=[goal.pk])).status_code == 200
    assert "Chair a meeting" in client.get(reverse("home")).text


# --- no ranking or profiling shown to pupils -------------------------------------------------


def test_pupil_pages_rank_or_profile_no_pupil(client_for, school):
    pupil = PupilFactory(school=school)
    project = ProjectMembershipFactory(membership=pupil, project__school=school).project
    NeedFactory(school=school, author=PupilFactory(school=school))
    client = client_for(pupil)
    pages = [
        reverse("home"),
        reverse("projects:need_list"),
        reverse("projects:project_list"),
        reverse("projects:project_detail", args=[project.pk]),
        reverse("projects:portfolio", args=[pupil.pk]),
        reverse("projects:goal_list"),
        reverse("notifications:inbox"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not RANKING.search(response.text), url


def test_who_takes_part_and_who_does_not_is_for_staff_only(client_for, school):
    pupil = PupilFactory(school=school)
    assert not rules.test_rule("projects.view_dashboard", pupil)
    assert client_for(pupil).get(reverse("projects:dashboard")).status_code == 403
    # A pupil never opens another pupil's portfolio.
    assert (
        client_for(pupil).get(reverse("projects:portfolio", args=[PupilFactory(school=school).pk])).status_code == 403
    )


# --- privacy choices: one step either way ----------------------------------------------------


def test_emails_go_on_and_off_with_the_same_single_step(client_for, school):
    pupil = PupilFactory(school=school, user__email="kid@example.org")
    client = client_for(pupil)
    url = reverse("notifications:preferences")
    kinds = {"kinds": list(NotificationKind.values)}

    on = client.post(url, {**kinds, "email_enabled": "on"})
    assert on.status_code == 302 and preference_for(membership=pupil).email_enabled is True
    off = client.post(url, kinds)
    assert off.status_code == 302 and preference_for(membership=pupil).email_enabled is False
    assert on["Location"] == off["Location"]  # no extra confirmation page in either direction


def test_showing_or_hiding_a_name_is_one_tick_either_way(client_for, pupil):
    client = client_for(pupil)
    data = {"title": "Lockers", "problem": "They jam", "affects": "Year 7", "category": "facilities"}
    client.post(reverse("projects:need_create"), {**data, "hide_author": "on"})
    client.post(reverse("projects:need_create"), {**data, "title": "Benches"})
    assert dict(Need.objects.filter(author=pupil).values_list("title", "hide_author")) == {
        "Lockers": True,
        "Benches": False,
    }


def test_a_parent_gives_and_withdraws_consent_with_the_same_one_step(client_for, pupil):
    link = GuardianLinkFactory(pupil=pupil)
    client = client_for(link.parent)
    url = reverse("people:consent", args=[link.pk])
    give = client.post(url, {"status": ConsentStatus.GIVEN})
    withdraw = client.post(url, {"status": ConsentStatus.WITHDRAWN})
    assert give.status_code == withdraw.status_code == 302
    link.refresh_from_db()
    assert link.consent_status == ConsentStatus.WITHDRAWN


# --- the pupil sees who can see them ---------------------------------------------------------


def test_pupil_pages_say_which_parent_can_see_their_activity(client_for, pupil):
    parent = GuardianLinkFactory(pupil=pupil, consented=True, parent__user__first_name="Marta").parent
    client = client_for(pupil)
    for url in (
        reverse("home"),
        reverse("projects:portfolio", args=[pupil.pk]),
        reverse("projects:goal_list"),
        reverse("notifications:preferences"),
    ):
        text = client.get(url).text
        assert "parent-notice" in text and parent.user.get_full_name() in text, url


def test_no_notice_when_no_parent_can_see(client_for, pupil):
    GuardianLinkFactory(pupil=pupil)  # consent not given
    assert "parent-notice" not in client_for(pupil).get(reverse("home")).text


def test_the_notice_is_for_the_pupil_not_for_the_parent_or_staff(client_for, pupil, school):
    parent = GuardianLinkFactory(pupil=pupil, consented=True).parent
    url = reverse("projects:portfolio", args=[pupil.pk])
    assert "parent-notice" not in client_for(parent).get(url).text
    assert "parent-notice" not in client_for(StaffFactory(school=school)).get(url).text


def test_the_privacy_section_links_to_the_data_download(client_for, pupil):
    text = client_for(pupil).get(reverse("notifications:preferences")).text
    assert reverse("people:my_data") in text


def test_the_list_of_pupils_not_heard_reaches_staff_only(school):
    """The weekly digest names quiet pupils: only the project's facilitators (staff) ever receive it."""
    from datetime import date

    from people.notifications.reminders import reminder_run

    lead = ProjectMembershipFactory(role="lead", project__school=school).membership
    project = lead.project_memberships.get().project
    facilitator = StaffFactory(school=school)
    ProjectMembershipFactory(project=project, membership=facilitator, role="facilitator")
    GuardianLinkFactory(pupil=lead, consented=True)

    reminder_run(name="facilitator_digest", today=date(2026, 11, 23))

    digests = Notification.objects.filter(kind=NotificationKind.FACILITATOR_DIGEST)
    assert [n.recipient_id for n in digests] == [facilitator.pk]
    assert lead.user.display_name in digests.get().body  # the quiet pupil is named, to staff
