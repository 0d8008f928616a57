"""The school report in a real browser: accessible at desktop and 360px; Make PDF swaps the panel."""

import pytest

from tests.browser.conftest import axe, browser_type_launch_args, check_page, sign_in  # noqa: F401 (fixtures)
from tests.factories import NeedFactory, PupilFactory, StaffFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def test_school_report_is_accessible_and_makes_a_pdf(sign_in, check_page, page, live_server):  # noqa: F811
    from front.demo.evaluation import seed_evaluation

    staff = StaffFactory(user__email="reports@example.org")
    pupils = PupilFactory.create_batch(12, school=staff.school)
    for pupil in pupils[:6]:
        NeedFactory(school=staff.school, author=pupil)
    seed_evaluation(staff.school)
    sign_in("reports@example.org")
    page.goto(f"{live_server.url}/reports/school/")
    assert page.get_by_role("img", name="Share of pupils who took part, by way of taking part").is_visible()
    check_page("school-report")
    page.get_by_role("button", name="Make PDF").click()  # htmx: the panel is swapped in place
    page.wait_for_selector("#export-panel a:has-text('Download the PDF')")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
