import csv
import io

import pytest
from django.urls import reverse

from projects.errors import NotAllowed
from projects.models import Backing, Need, NeedStatus
from projects.services.needs import need_back, need_decline, need_merge, need_raise, need_unback
from tests.factories import BackingFactory, NeedCommentFactory, NeedFactory, PupilFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_raising_a_need_backs_it_and_only_pupils_can_hide_their_name(pupil, staff):
    need = need_raise(
        author=pupil, title="Lockers", problem="Too few", affects="Year 7", category="facilities", hide_author=True
    )
    assert need.hide_author and list(need.backings.values_list("membership", flat=True)) == [pupil.pk]
    adult = need_raise(
        author=staff, title="Bins", problem="Full", affects="All", category="environment", hide_author=True
    )
    assert not adult.hide_author


def test_one_backing_per_person_and_undo(pupil):
    need = NeedFactory(school=pupil.school)
    assert need_back(need=need, membership=pupil) is True
    assert need_back(need=need, membership=pupil) is False
    assert need.backings.count() == 1
    assert need_unback(need=need, membership=pupil) is True
    assert need.backings.count() == 0


def test_merge_carries_backings_over_and_counts_a_double_backer_once(school, staff):
    duplicate, into = NeedFactory(school=school), NeedFactory(school=school)
    both, only_duplicate, only_into = PupilFactory.create_batch(3, school=school)
    for person in (both, only_duplicate):
        BackingFactory(need=duplicate, membership=person)
    for person in (both, only_into):
        BackingFactory(need=into, membership=person)
    need_merge(duplicate=duplicate, into=into, actor=staff)
    duplicate.refresh_from_db()
    assert duplicate.status == NeedStatus.MERGED and duplicate.merged_into == into
    assert set(into.backings.values_list("membership", flat=True)) == {both.pk, only_duplicate.pk, only_into.pk}
    assert Backing.objects.filter(membership=both).count() == 1
    assert not duplicate.backings.exists()


def test_merge_refuses_itself_and_closed_needs(school, staff):
    need = NeedFactory(school=school)
    with pytest.raises(NotAllowed, match="itself"):
        need_merge(duplicate=need, into=need, actor=staff)
    declined = NeedFactory(school=school, status=NeedStatus.DECLINED, decline_reason="No")
    with pytest.raises(NotAllowed, match="still open"):
        need_merge(duplicate=need, into=declined, actor=staff)


def test_decline_needs_a_public_reason(client_for, school, staff, pupil):
    need = NeedFactory(school=school)
    with pytest.raises(NotAllowed, match="reason"):
        need_decline(need=need, actor=staff, reason="  ")
    response = client_for(staff).post(reverse("projects:need_decline", args=[need.pk]), {"reason": "Out of budget"})
    assert response.status_code == 302
    assert "Out of budget" in client_for(pupil).get(reverse("projects:need_detail", args=[need.pk])).text


def test_pupil_cannot_triage(client_for, pupil):
    need = NeedFactory(school=pupil.school)
    assert client_for(pupil).post(reverse("projects:need_decline", args=[need.pk]), {"reason": "x"}).status_code == 403
    assert client_for(pupil).get(reverse("projects:need_merge", args=[need.pk])).status_code == 403


def test_staff_merges_through_the_page(client_for, school, staff):
    duplicate, into = NeedFactory(school=school), NeedFactory(school=school)
    response = client_for(staff).post(reverse("projects:need_merge", args=[duplicate.pk]), {"into": into.pk})
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.merged_into == into


def test_back_without_js_redirects_and_with_htmx_returns_the_button(client_for, pupil):
    need = NeedFactory(school=pupil.school)
    client = client_for(pupil)
    url = reverse("projects:need_back", args=[need.pk])
    response = client.post(url, {"next": reverse("projects:need_list")})
    assert response.status_code == 302 and response["Location"] == reverse("projects:need_list")
    assert need.backings.filter(membership=pupil).exists()
    response = client.post(reverse("projects:need_withdraw", args=[need.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Back this" in response.text and "<html" not in response.text
    assert not need.backings.filter(membership=pupil).exists()


def test_back_this_in_two_tabs_leaves_one_backing(client_for, pupil):
    need = NeedFactory(school=pupil.school)
    url = reverse("projects:need_back", args=[need.pk])
    first_tab, second_tab = client_for(pupil), client_for(pupil)
    first_tab.post(url, HTTP_HX_REQUEST="true")
    response = second_tab.post(url, HTTP_HX_REQUEST="true")  # this tab still showed "Back this"
    assert "Withdraw my backing" in response.text and "Backed · 1 backing" in response.text
    need.refresh_from_db()
    assert need.backings.filter(membership=pupil).count() == 1 and need.backer_count == 1


def test_withdraw_sets_not_backing_and_withdrawing_again_does_nothing(client_for, pupil):
    need = NeedFactory(school=pupil.school)
    BackingFactory(need=need, membership=pupil)
    need.refresh_from_db()
    assert need.backer_count == 1
    url = reverse("projects:need_withdraw", args=[need.pk])
    for _tab in range(2):
        response = client_for(pupil).post(url, HTTP_HX_REQUEST="true")
        assert "Back this" in response.text and "Withdraw my backing" not in response.text
    need.refresh_from_db()
    assert not need.backings.filter(membership=pupil).exists() and need.backer_count == 0


def test_backing_a_declined_need_says_why_by_the_button(client_for, pupil):
    need = NeedFactory(school=pupil.school, status="declined", decline_reason="No budget")
    response = client_for(pupil).post(reverse("projects:need_back", args=[need.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "This need is closed" in response.text
    assert not need.backings.exists()


def test_back_ignores_an_offsite_next(client_for, pupil):
    need = NeedFactory(school=pupil.school)
    response = client_for(pupil).post(reverse("projects:need_back", args=[need.pk]), {"next": "https://evil.example"})
    assert response["Location"] == reverse("projects:need_detail", args=[need.pk])


def test_list_sorts_by_most_backed_and_filters(client_for, school, pupil):
    quiet = NeedFactory(school=school, title="Quiet need", category="learning")
    loud = NeedFactory(school=school, title="Loud need", category="wellbeing")
    BackingFactory.create_batch(3, need=loud)
    client = client_for(pupil)
    text = client.get(reverse("projects:need_list")).text
    assert text.index("Loud need") < text.index("Quiet need")
    newest = client.get(reverse("projects:need_list"), {"sort": "newest"}).text
    assert newest.index("Loud need") < newest.index("Quiet need")  # loud was created last
    by_category = client.get(reverse("projects:need_list"), {"category": "learning"}).text
    assert "Quiet need" in by_category and "Loud need" not in by_category
    assert "Loud" in client.get(reverse("projects:need_list"), {"q": "loud"}).text
    assert quiet.title not in client.get(reverse("projects:need_list"), {"q": "loud"}).text


def test_list_ignores_bad_filters(client_for, pupil):
    response = client_for(pupil).get(reverse("projects:need_list"), {"category": "nope", "page": "x", "sort": "drop"})
    assert response.status_code == 200
    assert 'aria-describedby="id_category_error"' in response.text
    error = '<div id="id_category_error" class="invalid-feedback"><p>Select a valid choice. nope is not one'
    assert error in response.text


def test_list_is_paginated(client_for, pupil):
    NeedFactory.create_batch(25, school=pupil.school)
    assert "Page 1 of 2" in client_for(pupil).get(reverse("projects:need_list")).text


def test_another_schools_need_is_404(client_for, pupil):
    other = NeedFactory()
    assert client_for(pupil).get(reverse("projects:need_detail", args=[other.pk])).status_code == 404
    assert client_for(pupil).post(reverse("projects:need_back", args=[other.pk])).status_code == 404
    assert other.title not in client_for(pupil).get(reverse("projects:need_list")).text


def test_raise_a_need_through_the_form(client_for, pupil):
    response = client_for(pupil).post(
        reverse("projects:need_create"),
        {"title": "Cold classrooms", "problem": "Heating off", "affects": "Everyone", "category": "facilities"},
    )
    need = Need.objects.get(title="Cold classrooms")
    assert response["Location"] == reverse("projects:need_detail", args=[need.pk])


def test_raise_form_shows_errors(client_for, pupil):
    response = client_for(pupil).post(reverse("projects:need_create"), {"title": ""})
    assert response.status_code == 200 and "This field is required" in response.text


def test_comment_on_a_need(client_for, pupil):
    need = NeedFactory(school=pupil.school)
    client_for(pupil).post(reverse("projects:need_comment", args=[need.pk]), {"body": "Me too!"})
    assert "Me too!" in client_for(pupil).get(reverse("projects:need_detail", args=[need.pk])).text


def test_an_empty_comment_shows_the_page_again_with_its_error_and_saves_nothing(client_for, pupil):
    need = NeedFactory(school=pupil.school, title="Cold classrooms")
    response = client_for(pupil).post(reverse("projects:need_comment", args=[need.pk]), {"body": ""})
    assert response.status_code == 400
    assert "Cold classrooms" in response.text and "This field is required" in response.text
    assert not need.comments.exists()


class TestAnonymity:
    @pytest.fixture
    def hidden_need(self, school):
        author = PupilFactory(school=school, user__first_name="Secretname", user__last_name="Writer")
        need = NeedFactory(school=school, author=author, hide_author=True, title="Bullying on the bus")
        NeedCommentFactory(need=need, author=author, hide_author=True, body="It happened again")
        return need

    def test_pupil_cannot_see_a_hidden_author_on_the_list_or_page(self, client_for, pupil, hidden_need):
        client = client_for(pupil)
        for url in (reverse("projects:need_list"), reverse("projects:need_detail", args=[hidden_need.pk])):
            text = client.get(url).text
            assert "Bullying on the bus" in text
            assert "Secretname" not in text and "A pupil (name hidden)" in text

    def test_pupil_cannot_see_a_hidden_author_in_json_or_csv(self, client_for, pupil, hidden_need):
        client = client_for(pupil)
        data = client.get(reverse("projects:need_export", args=["json"])).json()
        assert data["needs"][0]["raised_by"] == "A pupil (name hidden)"
        assert "Secretname" not in str(data)
        rows = list(
            csv.DictReader(io.StringIO(client.get(reverse("projects:need_export", args=["csv"])).content.decode()))
        )
        assert rows[0]["raised_by"] == "A pupil (name hidden)"

    def test_staff_always_see_the_author(self, client_for, school, hidden_need):
        client = client_for(StaffFactory(school=school))
        assert "Secretname" in client.get(reverse("projects:need_detail", args=[hidden_need.pk])).text
        assert "Secretname" in client.get(reverse("projects:need_list")).text
        assert "Secretname" in str(client.get(reverse("projects:need_export", args=["json"])).json())

    def test_the_author_sees_their_own_name(self, client_for, hidden_need):
        text = client_for(hidden_need.author).get(reverse("projects:need_detail", args=[hidden_need.pk])).text
        assert "Secretname" in text

    def test_hidden_author_stays_hidden_on_a_project_page(self, client_for, school, pupil, hidden_need):
        from tests.factories import ProjectFactory

        project = ProjectFactory(school=school)
        project.needs.add(hidden_need)
        text = client_for(pupil).get(reverse("projects:project_detail", args=[project.pk])).text
        assert "Bullying on the bus" in text and "Secretname" not in text


def test_needs_list_runs_a_constant_number_of_queries(client_for, pupil, assert_constant_queries):
    authors = PupilFactory.create_batch(3, school=pupil.school)

    def add_needs(count):
        needs = Need.objects.bulk_create(
            [
                Need(
                    school=pupil.school,
                    author=authors[i % 3],
                    title=f"N{i}",
                    problem="p",
                    affects="a",
                    category="learning",
                )
                for i in range(count)
            ]
        )
        Backing.objects.bulk_create([Backing(need=need, membership=authors[0]) for need in needs])
        NeedCommentFactory(need=needs[0], author=authors[1])

    assert_constant_queries(client_for(pupil), reverse("projects:need_list"), add_needs)
