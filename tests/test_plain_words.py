"""Plain words, measured: what pupils read stays at a reading age of 10 or under (tests/plain_words.py
says how it is measured; README "Plain words, measured" gives the rule)."""

import pytest

from people.models import Membership, Notification, Role, User
from people.notifications.kinds import KINDS
from tests.plain_words import (
    GRADE_LIMIT,
    READING_AGE_OFFSET,
    grade,
    hardest,
    placeholder_text,
    sentences_of_html,
    template_sentences,
)

# Every template a pupil sees. A new pupil-facing template is added here.
PUPIL_TEMPLATES = [
    "front/home_pupil.html",
    "front/header.html",
    "people/_easy_read_offer.html",
    "people/_easy_read_setting.html",
    "people/notifications/inbox.html",
    "people/notifications/preferences.html",
    "people/first_password.html",
    "people/badges/sign_in.html",
    "people/badges/needs_password.html",
    "account/login.html",
    "people/single_sign_on/school_sign_in.html",
    "people/single_sign_on/find.html",
    "people/single_sign_on/refused.html",
    "people/single_sign_on/trouble.html",
    "socialaccount/login.html",
    "projects/needs/list.html",
    "projects/needs/detail.html",
    "projects/_comments.html",
    "projects/_hidden_notice.html",
    "projects/ideas/list.html",
    "projects/ideas/detail.html",
    "projects/project/list.html",
    "projects/project/detail.html",
    "projects/project/_next_step.html",
    "projects/charter/detail.html",
    "projects/charter/_summary.html",
    "projects/decisions/list.html",
    "projects/decisions/detail.html",
    "projects/decisions/ballot_step.html",
    "projects/decisions/_ballot_step_budget.html",
    "partials/step_progress.html",
    "projects/decisions/waiting.html",
    "projects/decisions/_result.html",
    "projects/decisions/_adoption.html",
    "projects/decisions/ballots/budget.html",
    "projects/decisions/ballots/ranked.html",
    "projects/decisions/results/approval.html",
    "projects/decisions/results/budget.html",
    "projects/decisions/results/ranked.html",
    "projects/delivery/_my_tasks.html",
    "projects/delivery/_due.html",
    "projects/delivery/board.html",
    "projects/delivery/task_detail.html",
    "projects/delivery/goals.html",
    "projects/delivery/goal_detail.html",
    "projects/delivery/sessions.html",
    "projects/delivery/session_detail.html",
    "projects/delivery/peer_roles.html",
    "projects/portfolio.html",
    "projects/portfolio/_section.html",
    "projects/moderation/_trusted_adult_link.html",
    "projects/moderation/tell_trusted_adult.html",
    "projects/moderation/tell_trusted_adult_sent.html",
    "evaluation/my_surveys.html",
    "evaluation/survey_start.html",
    "evaluation/answer_step.html",
    "evaluation/survey_review.html",
    "evaluation/survey_thanks.html",
    "evaluation/survey_closed.html",
    "403.html",
    "404.html",
    "429.html",
    "partials/messages.html",
    "partials/pagination.html",
]

# Kinds that never reach a pupil (staff, leaders and safeguarding leads only). Every other kind is read.
ADULT_ONLY_KINDS = {"facilitator_digest", "school_report", "safeguarding_concern", "report_awaiting"}


def _check(name: str, sentences: list[str]) -> None:
    score = grade(sentences)
    hard = "\n".join(f"  grade {g:4.1f}: {s}" for g, s in hardest(sentences))
    assert score <= GRADE_LIMIT, (
        f"{name}: reading age {score + READING_AGE_OFFSET:.1f} (Flesch-Kincaid grade {score:.1f}, limit "
        f"{GRADE_LIMIT}). Use shorter sentences and shorter words. The hardest:\n{hard}"
    )


@pytest.mark.parametrize("name", PUPIL_TEMPLATES)
def test_pupil_pages_are_in_plain_words(name):
    _check(name, template_sentences(name))


@pytest.mark.parametrize("key", sorted(set(KINDS) - ADULT_ONLY_KINDS))
def test_pupil_notifications_are_in_plain_words(key):
    kind = KINDS[key]
    words = [kind.label, placeholder_text(kind.title), f"When {kind.event}."]
    _check(key, sentences_of_html("<br>".join(words)))


def test_the_adult_only_kinds_exist():
    assert set(KINDS) >= ADULT_ONLY_KINDS  # a renamed kind must not slip out of the measure unseen


def test_the_reasons_a_school_account_is_refused_are_in_plain_words():
    from people.single_sign_on.services import refusal_messages

    for reason, message in refusal_messages(school="Hillside", domain="hillside.sch.uk").items():
        _check(f"the refusal {reason}", sentences_of_html(message))


def test_pupil_emails_are_in_plain_words():
    from people.notifications.services import _single_email

    _check("people/notifications/digest_email.txt", template_sentences("people/notifications/digest_email.txt"))
    pupil = Membership(user=User(username="p", email="p@example.org"), role=Role.PUPIL)
    for key in sorted(set(KINDS) - ADULT_ONLY_KINDS):
        notification = Notification(recipient=pupil, kind=key, title=placeholder_text(KINDS[key].title), url="/x/")
        email = _single_email(notification, None)
        _check(f"the email of {key}", sentences_of_html(email.body.replace("<", "&lt;").replace("\n", "<br>")))


def test_badge_refusals_are_in_plain_words():
    from people.badges.forms import BadgeCodeForm
    from people.badges.services import REFUSALS

    form = BadgeCodeForm(needs_username=True)
    errors = [form.fields[name].error_messages["required"] for name in ("username", "code")]
    _check("people.badges refusals and form errors", [*REFUSALS.values(), *errors])
