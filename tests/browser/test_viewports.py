"""Every role's main pages at the widths schools use, from a phone to a big screen (issue 19).

For each role: every page of its navigation, its inbox, its notification preferences, a project page, a need with a
150-character one-word title and a long URL, and the role's own main pages (ROLE_PAGES: a pupil's vote, survey and
"tell a trusted adult" page; staff's survey, results and project report; the safeguarding lead's concern and
words), at 360, 768, 992, 1024, 1366 and 1920 px, never scroll sideways (`scrollWidth <= innerWidth`) and show no chart
text under 12 px (the report's chart gives way to its table on a phone); every link of the
navigation can be reached at each width (opening the menu button and the link's group where there are ones);
axe finds nothing serious or critical at 360 and 1366 px, where the screenshots are taken
(test-artifacts/screenshots/viewport-*.png).
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import BLOCKING_IMPACTS, SCREENSHOTS

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

# The five widths schools use, and 992 px: the narrowest at which the full bar shows.
WIDTHS = (360, 768, 992, 1024, 1366, 1920)
CHECKED_WIDTHS = (360, 1366)
ROLES = {
    "pupil": "vpupil",
    "staff": "vstaff@example.org",
    "dsl": "vdsl@example.org",
    "leader": "vleader@example.org",
    "parent": "vparent@example.org",
}
NAV_LINKS = "#main-nav a.nav-link"
# Each role's main pages beyond its navigation (which holds the homes, dashboard, people, setup, school report,
# survey lists and the safeguarding list), a need and a project page.
ROLE_PAGES = {
    # The vote, a survey to answer, and the private route to the safeguarding leads (on every pupil's page).
    "pupil": ("/decisions/{decision}/", "/surveys/{survey}/", "/surveys/{survey}/answer/", "/tell-a-trusted-adult/"),
    "staff": ("/surveys/manage/{survey}/", "/surveys/manage/{survey}/results/", "/reports/projects/{project}/"),
    "dsl": ("/safeguarding/concerns/{concern}/", "/safeguarding/words/"),
    "leader": ("/reports/projects/{project}/", "/decisions/{decision}/"),
    "parent": (),
}


def _nav_hrefs(page) -> list[str]:
    return page.locator(NAV_LINKS).evaluate_all("links => links.map(a => a.getAttribute('href'))")


def _reach(page, href: str, width: int) -> None:
    """Make the link visible the way a person would: the menu button first, then the link's group."""
    link = page.locator(f'{NAV_LINKS}[href="{href}"]')
    if not link.is_visible():
        toggler = page.locator(".navbar-toggler")
        if toggler.is_visible() and toggler.get_attribute("aria-expanded") != "true":
            toggler.click()
            expect(page.locator("#main-nav")).to_have_class(re.compile(r"\bshow\b"))  # opened, not still sliding
        group = page.locator(".nav-group", has=page.locator(f'a[href="{href}"]'))
        if group.count() and not link.is_visible():
            group.locator("summary").click()
    expect(link).to_be_visible()
    box = link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{href} is off screen at {width}px"


def _scrolls_sideways(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth")


def _smallest_chart_text(page) -> float | None:
    """The smallest on-screen size of a visible chart's text, in px (a chart draws at 640 units and scales)."""
    return page.evaluate(
        """() => {
        const sizes = [...document.querySelectorAll(".report-chart svg text")]
          .filter(t => t.getClientRects().length)
          .map(t => parseFloat(t.getAttribute("font-size")) * t.getScreenCTM().a);
        return sizes.length ? Math.min(...sizes) : null;
    }"""
    )


def _blocking_violations(axe, page) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in axe.run(page).response["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_page_fits_every_width(role, sign_in, page, live_server, axe, demo_like_school):
    sign_in(ROLES[role])
    page.set_viewport_size({"width": 1366, "height": 900})
    hrefs = _nav_hrefs(page)
    assert len(hrefs) >= 6, hrefs
    ids = {key: getattr(value, "pk", None) for key, value in demo_like_school.items()}
    pages = [*hrefs, "/inbox/", "/inbox/preferences/", f"/needs/{ids['need']}/", f"/projects/{ids['project']}/"]
    pages += [path.format(**ids) for path in ROLE_PAGES[role]]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/")
        for href in hrefs:
            _reach(page, href, width)
            page.keyboard.press("Escape")  # closes an open group before the next link's
        account = page.locator(".site-account").bounding_box()
        assert account["x"] >= 0 and account["x"] + account["width"] <= width, f"Inbox or Sign out cut off at {width}px"
        for path in pages:
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == 200, f"{path} answered {response.status} to the {role}"
            if _scrolls_sideways(page):
                problems.append(f"{path} scrolls sideways at {width}px")
            smallest = _smallest_chart_text(page)
            if smallest is not None and smallest < 12:
                problems.append(f"{path} has chart text of {smallest:.1f}px at {width}px")
            if width in CHECKED_WIDTHS:
                name = path.strip("/").replace("/", "-") or "home"
                page.screenshot(path=SCREENSHOTS / f"viewport-{role}-{name}-{width}.png", full_page=True)
                problems += [f"{path} at {width}px: {v}" for v in _blocking_violations(axe, page)]
    assert not problems, "\n".join(problems)


def test_the_persons_name_stays_on_one_line(sign_in, page, live_server, demo_like_school):
    sign_in("vstaff@example.org")
    for width in (1024, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        name = page.locator(".site-person-name")
        line_height = float(name.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
        assert name.bounding_box()["height"] < 1.5 * line_height


def test_a_group_opens_and_closes_by_keyboard_and_marks_the_current_page(sign_in, page, live_server, demo_like_school):
    sign_in("vstaff@example.org")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/people/")
    people = page.locator(".nav-group", has_text="People")
    expect(people.locator("a", has_text="All people")).to_have_attribute("aria-current", "page")  # in the closed group
    summary = people.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(people.get_by_role("link", name="Moderation")).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("All people")
    page.keyboard.press("Escape")
    expect(people.get_by_role("link", name="Moderation")).to_be_hidden()
    expect(summary).to_be_focused()
    summary.click()
    page.locator("footer").click()  # a click elsewhere closes the group
    expect(people.get_by_role("link", name="Moderation")).to_be_hidden()


FOCUS_CONTRAST = """el => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const lum = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  let node = el.parentElement, bg = [255, 255, 255];
  while (node) {
    const c = rgb(getComputedStyle(node).backgroundColor);
    if (c.length === 3 || c[3] > 0) { bg = c; break; }
    node = node.parentElement;
  }
  const style = getComputedStyle(el), a = lum(rgb(style.outlineColor)), b = lum(bg);
  return {width: parseFloat(style.outlineWidth), style: style.outlineStyle,
          contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05), name: el.outerHTML.slice(0, 80)};
}"""


def test_every_control_shows_a_strong_focus_ring(sign_in, page, live_server, demo_like_school):
    sign_in("vstaff@example.org")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/needs/new/")
    seen = set()
    for _ in range(30):
        page.keyboard.press("Tab")
        focus = page.evaluate(f"({FOCUS_CONTRAST})(document.activeElement)")
        if focus["name"] in seen or focus["name"].startswith("<body"):  # past the last control
            continue
        seen.add(focus["name"])
        assert focus["style"] != "none" and focus["width"] >= 2, focus
        assert focus["contrast"] >= 3, focus
    assert len(seen) >= 10


def test_without_javascript_every_link_is_reachable_on_a_phone(browser, live_server, demo_like_school):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 780})
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username or email").fill("vdsl@example.org")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.locator(".navbar-toggler")).to_be_hidden()  # a button that would do nothing is not offered
    for href in _nav_hrefs(page):
        _reach(page, href, 360)
    page.screenshot(path=SCREENSHOTS / "viewport-dsl-no-javascript-360.png", full_page=True)
    context.close()


HEADER_WIDTHS = (320, 360, 768, 1024, 1366, 1920)
BRAND_FITS = """el => ({
  cut: el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1,
  lines: Math.round(
    (el.clientHeight - parseFloat(getComputedStyle(el).paddingTop) - parseFloat(getComputedStyle(el).paddingBottom))
    / parseFloat(getComputedStyle(el).lineHeight)),
})"""


@pytest.mark.parametrize("school_name", ["Demo Academy", "St Bartholomew's Church of England Academy and Sixth Form"])
@pytest.mark.parametrize("role", ROLES)
def test_the_school_name_shows_whole_and_the_persons_name_on_one_line(
    role, school_name, sign_in, page, live_server, demo_like_school
):
    school = demo_like_school["school"]
    school.name = school_name
    school.save()
    sign_in(ROLES[role])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in HEADER_WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        short = "short" if len(school_name) <= 20 else "long"
        page.locator(".site-header").screenshot(path=SCREENSHOTS / f"header-{role}-{short}-{width}.png")
        brand = page.locator(".site-brand").evaluate(BRAND_FITS)
        assert not brand["cut"], f"{school_name!r} is cut short at {width}px for the {role}"
        # A short name on one line; a long one (56 letters) on two at most from 768 px, on a phone in a few lines.
        assert brand["lines"] <= (1 if len(school_name) <= 20 else 4 if width < 360 else 3 if width < 768 else 2), (
            role,
            width,
            brand,
        )
        if page.locator(".navbar-toggler").is_visible():
            page.locator(".navbar-toggler").click()
            expect(page.locator("#main-nav")).to_have_class(re.compile(r"\bshow\b"))
        person = page.locator(".site-person-name")
        line_height = float(person.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
        assert person.bounding_box()["height"] < 1.5 * line_height, f"the name wraps at {width}px"
        assert not _scrolls_sideways(page), f"the header scrolls sideways at {width}px"
        page.reload()
