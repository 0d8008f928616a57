import pytest
from django.urls import reverse

from projects.errors import NotAllowed
from projects.models import Report, ReportStatus, Stage
from projects.services.moderation import content_restore, report_create, report_hide, safeguarding_record
from tests.factories import IdeaCommentFactory, IdeaFactory, NeedCommentFactory, NeedFactory, PupilFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dsl(school):
    return StaffFactory(school=school, is_safeguarding_lead=True)


@pytest.fixture
def need(school):
    return NeedFactory(school=school, title="Rude need title")


def test_anyone_reports_a_need_and_staff_see_it_in_the_queue(client_for, pupil, staff, need):
    response = client_for(pupil).post(reverse("projects:report", args=["need", need.pk]), {"reason": "Rude"})
    assert response.status_code == 302
    queue = client_for(staff).get(reverse("projects:moderation")).text
    assert "Rude need title" in queue and "Rude" in queue


def test_report_needs_a_reason(client_for, pupil, need):
    response = client_for(pupil).post(reverse("projects:report", args=["need", need.pk]), {"reason": ""})
    assert response.status_code == 200 and not Report.objects.exists()


@pytest.mark.parametrize("kind", ["need", "need_comment", "idea", "idea_comment", "nonsense"])
def test_cannot_report_another_schools_content(client_for, pupil, kind):
    targets = {
        "need": NeedFactory,
        "need_comment": NeedCommentFactory,
        "idea": IdeaFactory,
        "idea_comment": IdeaCommentFactory,
        "nonsense": NeedFactory,
    }
    target = targets[kind]()
    assert client_for(pupil).get(reverse("projects:report", args=[kind, target.pk])).status_code == 404


def test_staff_hide_with_a_reason_the_author_is_told_and_the_content_is_kept(client_for, school, staff, need):
    report = report_create(reporter=PupilFactory(school=school), target=need, reason="Rude")
    client_for(staff).post(reverse("projects:report_act", args=[report.pk, "hide"]), {"reason": "Please keep it kind"})
    need.refresh_from_db()
    assert need.is_hidden and need.hidden_reason == "Please keep it kind"
    other = PupilFactory(school=school)
    assert "Rude need title" not in client_for(other).get(reverse("projects:need_list")).text
    assert client_for(other).get(reverse("projects:need_detail", args=[need.pk])).status_code == 404
    author_page = client_for(need.author).get(reverse("projects:need_detail", args=[need.pk])).text
    assert "Please keep it kind" in author_page and "Hidden from others" in author_page


def test_staff_restore_hidden_content(client_for, school, staff, need):
    report = report_create(reporter=PupilFactory(school=school), target=need, reason="Rude")
    report_hide(report=report, actor=staff, reason="Unkind")
    client_for(staff).post(reverse("projects:report_act", args=[report.pk, "restore"]))
    need.refresh_from_db()
    report.refresh_from_db()
    assert not need.is_hidden and report.status == ReportStatus.RESTORED


def test_dismiss_leaves_the_content(client_for, school, staff, need):
    report = report_create(reporter=PupilFactory(school=school), target=need, reason="Meh")
    client_for(staff).post(reverse("projects:report_act", args=[report.pk, "dismiss"]))
    need.refresh_from_db()
    report.refresh_from_db()
    assert not need.is_hidden and report.status == ReportStatus.DISMISSED


def test_pupils_cannot_moderate(client_for, pupil, need):
    report = report_create(reporter=pupil, target=need, reason="Rude")
    assert client_for(pupil).get(reverse("projects:moderation")).status_code == 403
    assert (
        client_for(pupil).post(reverse("projects:report_act", args=[report.pk, "hide"]), {"reason": "x"}).status_code
        == 403
    )


def test_staff_flag_hides_at_once(client_for, staff, need):
    client_for(staff).post(
        reverse("projects:report", args=["need", need.pk]), {"reason": "Names a pupil", "hide_now": "on"}
    )
    need.refresh_from_db()
    assert need.is_hidden and Report.objects.get().status == ReportStatus.HIDDEN


def test_hidden_comments_disappear_for_others(client_for, school, staff, need):
    comment = NeedCommentFactory(need=need, body="Nasty comment")
    report = report_create(reporter=staff, target=comment, reason="Nasty")
    report_hide(report=report, actor=staff, reason="Not kind")
    assert (
        "Nasty comment"
        not in client_for(PupilFactory(school=school)).get(reverse("projects:need_detail", args=[need.pk])).text
    )


class TestSafeguarding:
    def test_a_concern_hides_the_content_at_once_and_reaches_the_lead_alone(
        self, client_for, school, pupil, staff, dsl, need
    ):
        client_for(pupil).post(
            reverse("projects:report", args=["need", need.pk]),
            {"reason": "He says he is scared", "is_safeguarding": "on"},
        )
        need.refresh_from_db()
        report = Report.objects.get()
        assert need.is_hidden and need.hidden_for_safeguarding and report.is_safeguarding
        # The lead sees it.
        assert "He says he is scared" in client_for(dsl).get(reverse("projects:safeguarding")).text
        # Other staff: not in the queue, no page, no action.
        assert "He says he is scared" not in client_for(staff).get(reverse("projects:moderation")).text
        assert client_for(staff).get(reverse("projects:safeguarding")).status_code == 403
        assert client_for(staff).post(reverse("projects:report_act", args=[report.pk, "restore"])).status_code == 404
        assert client_for(staff).get(reverse("projects:need_detail", args=[need.pk])).status_code == 404
        # Pupils: not on the list, not in exports.
        for client in (client_for(PupilFactory(school=school)), client_for(staff)):
            assert "Rude need title" not in client.get(reverse("projects:need_list")).text
            assert "Rude need title" not in str(client.get(reverse("projects:need_export", args=["json"])).json())
            assert "Rude need title" not in client.get(reverse("projects:need_export", args=["csv"])).content.decode()

    def test_another_schools_lead_does_not_see_it(self, client_for, pupil, need):
        report_create(reporter=pupil, target=need, reason="Worried", is_safeguarding=True)
        other_lead = StaffFactory(is_safeguarding_lead=True)
        assert "Worried" not in client_for(other_lead).get(reverse("projects:safeguarding")).text

    def test_the_lead_records_what_was_done(self, client_for, pupil, dsl, need):
        report = report_create(reporter=pupil, target=need, reason="Worried", is_safeguarding=True)
        client_for(dsl).post(
            reverse("projects:safeguarding_record", args=[report.pk]), {"outcome": "Spoke to the pupil and parents"}
        )
        report.refresh_from_db()
        need.refresh_from_db()
        assert report.status == ReportStatus.RESOLVED and report.outcome == "Spoke to the pupil and parents"
        assert report.handled_by == dsl and need.is_hidden

    def test_the_lead_may_restore_the_content(self, pupil, dsl, need):
        report = report_create(reporter=pupil, target=need, reason="Worried", is_safeguarding=True)
        safeguarding_record(report=report, lead=dsl, outcome="Misunderstanding", restore_content=True)
        need.refresh_from_db()
        assert not need.is_hidden

    def test_other_staff_cannot_handle_a_concern(self, pupil, staff, need):
        report = report_create(reporter=pupil, target=need, reason="Worried", is_safeguarding=True)
        with pytest.raises(NotAllowed):
            safeguarding_record(report=report, lead=staff, outcome="x")
        with pytest.raises(NotAllowed):
            content_restore(report=report, actor=staff)

    def test_staff_flag_as_safeguarding_goes_to_the_lead(self, client_for, staff, dsl, need):
        client_for(staff).post(
            reverse("projects:report", args=["need", need.pk]), {"reason": "Disclosure", "is_safeguarding": "on"}
        )
        need.refresh_from_db()
        assert need.hidden_for_safeguarding
        assert "Disclosure" in client_for(dsl).get(reverse("projects:safeguarding")).text
        assert Report.objects.get().status == ReportStatus.OPEN

    def test_a_concern_on_an_idea_comment_hides_it(self, school, ready_project, move_to, pupil):
        move_to(ready_project, Stage.CO_DESIGN)
        comment = IdeaCommentFactory(idea=IdeaFactory(project=ready_project))
        report_create(reporter=pupil, target=comment, reason="Worried", is_safeguarding=True)
        comment.refresh_from_db()
        assert comment.hidden_for_safeguarding
