"""A valid POST for each state-changing route, made against a world (tests/security/world.py) by a
role allowed to make it. The mass-assignment test adds fields to them; the fuzz test replaces their
values with junk. Routes of allauth and the admin are left to those projects' own tests.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.security.world import ROSTER_CSV, small_jpeg


@dataclass(frozen=True)
class Post:
    role: str
    data: object  # world -> dict of form fields
    query: str = ""  # e.g. "?q=1" for the answer step
    files: tuple[str, ...] = field(default_factory=tuple)  # fields sent as uploaded files


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _in(days: int) -> str:
    return _local(timezone.now() + timedelta(days=days))


def _day(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def _roster(_w) -> dict:
    return {"file": SimpleUploadedFile("pupils.csv", ROSTER_CSV.replace(b"Amara", b"Zara"), "text/csv")}


def _picture(field: str) -> dict:
    return {field: SimpleUploadedFile("plan.jpg", small_jpeg(), "image/jpeg"), "alt_text": "A plan"}


POSTS: dict[str, Post] = {
    "people:invite_parent": Post("staff", lambda w: {"email": "new.carer@example.org"}),
    "people:reset_password": Post("staff", lambda w: {}),
    "people:badge_issue": Post("staff", lambda w: {}),
    "people:roster_upload": Post("staff", _roster, files=("file",)),
    "people:roster_cards": Post("staff", lambda w: {}),
    "people:consent": Post("parent", lambda w: {"status": "withdrawn"}),
    "people:easy_read": Post("pupil", lambda w: {"easy_read": "on"}),
    "notifications:mark_read": Post("pupil", lambda w: {}),
    "notifications:mark_all_read": Post("pupil", lambda w: {}),
    "notifications:preferences": Post("staff", lambda w: {"kinds": ["announcement"], "weekly_digest": "on"}),
    "notifications:retry_email": Post("staff", lambda w: {}),
    "projects:need_create": Post(
        "pupil",
        lambda w: {
            "title": "Cold classrooms",
            "problem": "Heating off.",
            "affects": "Year 8",
            "category": "facilities",
        },
    ),
    "projects:need_back": Post("staff", lambda w: {}),
    "projects:need_comment": Post("parent", lambda w: {"body": "Same at home time."}),
    "projects:need_merge": Post("staff", lambda w: {"into": w.need2.pk}),
    "projects:need_decline": Post("staff", lambda w: {"reason": "Already fixed."}),
    "projects:need_not_now": Post(
        "staff",
        lambda w: {
            "reason": "The budget is spent.",
            "look_again_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
        },
    ),
    "projects:needs_answering": Post("leader", lambda w: {"answerer": w.staff.pk, "answer_days": "10"}),
    "projects:holiday_add": Post(
        "leader", lambda w: {"name": "Half term", "first_day": "2027-02-15", "last_day": "2027-02-19"}
    ),
    "projects:project_start": Post(
        "pupil", lambda w: {"title": "Warm rooms", "summary": "Get the heating on.", "needs": [w.need2.pk]}
    ),
    "projects:project_edit": Post(
        "staff",
        lambda w: {
            "title": "Renamed",
            "summary": "New summary",
            "what_you_get_back": "Skills",
            "visibility": "members",
            "needs": [w.need.pk],
        },
    ),
    "projects:project_take_on": Post("leader", lambda w: {}),
    "projects:project_join": Post("parent", lambda w: {"message": "I can help on Fridays."}),
    "projects:join_request_decide": Post("staff", lambda w: {"decision": "accept"}),
    "projects:member_set_role": Post("staff", lambda w: {"role": "lead"}),
    "projects:stage_confirm": Post("staff", lambda w: {"decision": "decline"}),
    "projects:stage_back": Post("staff", lambda w: {"to_stage": "co_identify", "reason": "More needs first."}),
    "projects:stage_override": Post("staff", lambda w: {"reason": "The group agreed in the meeting."}),
    "projects:idea_create": Post(
        "pupil",
        lambda w: {
            "title": "Blankets",
            "description": "Lend blankets.",
            "who_it_helps": "All",
            "authors": [w.pupil.pk],
        },
    ),
    "projects:idea_edit": Post(
        "pupil",
        lambda w: {"title": "Better", "description": "Changed.", "who_it_helps": "All", "authors": [w.pupil.pk]},
    ),
    "projects:idea_shortlist": Post("staff", lambda w: {"shortlisted": "0"}),
    "projects:idea_comment": Post("leader", lambda w: {"body": "Good idea."}),
    "projects:decision_edit": Post(
        "staff",
        lambda w: {
            "title": "Which one first?",
            "method": "approval",
            "options": [w.idea.pk, w.idea2.pk],
            "electorate_project_members": "on",
            "opens_at": _local(w.decision.opens_at),
            "closes_at": _in(9),
        },
    ),
    "projects:decision_vote": Post("pupil", lambda w: {"choices": [w.idea.pk]}),
    "projects:decision_close_now": Post("staff", lambda w: {}),
    "projects:decision_extend": Post(
        "staff", lambda w: {"closes_at": _local(w.decision.closes_at + timedelta(days=2))}
    ),
    "projects:task_create": Post(
        "pupil", lambda w: {"title": "Ask the caretaker", "owners": [w.pupil.pk], "checklist": "Write\nSend"}
    ),
    "projects:task_detail": Post("staff", lambda w: {"title": "Ask the head", "owners": [w.pupil2.pk]}),
    "projects:task_set_status": Post("pupil", lambda w: {"status": "doing"}),
    "projects:checklist_toggle": Post("pupil", lambda w: {}),
    "projects:session_create": Post(
        "staff", lambda w: {"held_on": timezone.localdate().isoformat(), "place": "Hall", "agenda": "Plan"}
    ),
    "projects:session_edit": Post(
        "staff", lambda w: {"held_on": timezone.localdate().isoformat(), "place": "Gym", "agenda": "Review"}
    ),
    "projects:session_detail": Post(
        "staff", lambda w: {"form": "attendance", f"member_{w.pupil.pk}": "present", f"member_{w.pupil2.pk}": "absent"}
    ),
    "projects:session_cancel": Post("staff", lambda w: {"reason": "The hall is booked for exams."}),
    "projects:peer_roles": Post("staff", lambda w: {"kind": "mentor", "holder": w.pupil2.pk, "supports": w.pupil.pk}),
    "projects:peer_role_remove": Post("staff", lambda w: {}),
    "projects:goal_create": Post(
        "staff", lambda w: {"pupil": w.pupil2.pk, "goal": "Chair a meeting", "steps": "Watch"}
    ),
    "projects:goal_detail": Post("pupil", lambda w: {"body": "I spoke twice today."}),
    "projects:goal_set_met": Post("staff", lambda w: {"met": "1"}),
    "projects:goal_propose": Post(
        "pupil",
        lambda w: {"goal": "Chair a meeting", "why": "Braver", "due_on": _day(10), "helpers": [w.pupil2.pk]},
    ),
    "projects:goal_revise": Post("pupil", lambda w: {"goal": "Chair two meetings", "due_on": _day(12)}),
    "projects:goal_agree": Post("staff", lambda w: {}),
    "projects:goal_ask_change": Post("staff", lambda w: {"reason": "A date after half term"}),
    "projects:charter_edit": Post(
        "leader", lambda w: {"term": "Spring", "may_decide": "Lunch clubs.", "budget_money": "250.00"}
    ),
    "projects:idea_picture_add": Post(
        "pupil",
        lambda w: {"saved": SimpleUploadedFile("plan.jpg", small_jpeg()), "alt_text": "A plan"},
        files=("saved",),
    ),
    "projects:need_picture_add": Post(
        "pupil", lambda w: {"photo": SimpleUploadedFile("tap.jpg", small_jpeg()), "alt_text": "A tap"}, files=("photo",)
    ),
    "projects:picture_approve": Post("staff", lambda w: {}),
    "projects:picture_remove": Post("staff", lambda w: {}),
    "projects:report": Post("pupil", lambda w: {"reason": "Unkind words."}),
    "projects:report_act": Post("staff", lambda w: {}),
    "projects:safeguarding_record": Post("dsl", lambda w: {"outcome": "Spoke to the pupil and family."}),
    "projects:safeguarding_concern": Post("dsl", lambda w: {"outcome": "Spoke to the pupil and family."}),
    "projects:safeguarding_words": Post("dsl", lambda w: {"words": "hurt me\nnot safe at home"}),
    "projects:tell_trusted_adult": Post("pupil", lambda w: {"body": "Someone on the bus keeps taking my things."}),
    "projects:dashboard_move": Post("staff", lambda w: {"action": "confirm"}),
    "people:school_privacy": Post("leader", lambda w: {"retention_years": "4"}),
    "people:school_second_step": Post("leader", lambda w: {"need": "on", "confirm": "on"}),  # the world says off
    "people:setup_staff": Post(
        "leader",
        lambda w: {"first_name": "Sam", "last_name": "Okafor", "email": "sam.okafor@example.org", "role": "staff"},
    ),
    "people:setup_staff_cancel": Post("leader", lambda w: {}),
    "people:setup_safeguarding_leads": Post(
        "leader", lambda w: {"leads": [str(w.staff.pk)], "deputies": [str(w.dsl.pk)]}
    ),
    "people:setup_sign_in": Post(
        "leader",
        lambda w: {
            "provider": "microsoft",
            "email_domains": "security.invalid",
            "tenant_id": "0b7a1c52-3f3e-4a43-9d1b-6a2f5e0c9d11",
            "client_id": "app-id",
            "client_secret": "app-secret",
        },
    ),
    "people:setup_sign_in_off": Post("leader", lambda w: {}),
    "people:leave": Post("staff", lambda w: {"confirm": "on"}),
    "people:erase": Post("leader", lambda w: {"confirm": "on"}),
    "evaluation:reflection_hide": Post("staff", lambda w: {"reason": "Names a pupil."}),
    "evaluation:report_export_create": Post("staff", lambda w: {"kind": "school"}),
    "evaluation:invite_pupils": Post("staff", lambda w: {"target": f"need:{w.need2.pk}", "pupils": [w.classmate.pk]}),
    "evaluation:invitation_respond": Post("pupil", lambda w: {"answer": "yes"}),
    "evaluation:answer": Post("pupil", lambda w: {"answer": "4"}, query="?q=1"),
    "evaluation:new": Post(
        "staff", lambda w: {"title": "Lunch survey", "intro": "Tell us.", "audience": "staff", "anonymous": "on"}
    ),
    "evaluation:from_template": Post("staff", lambda w: {"template": "pupil_engagement"}),
    "evaluation:edit": Post(
        "staff", lambda w: {"title": "Renamed survey", "audience": "pupils", "anonymous": "on", "intro": ""}
    ),
    "evaluation:status": Post("staff", lambda w: {"action": "close"}),
    "evaluation:copy": Post("staff", lambda w: {}),
    "evaluation:question_new": Post("staff", lambda w: {"type": "short_text", "text": "What else?", "required": "on"}),
    "evaluation:question_edit": Post("staff", lambda w: {"type": "likert5", "text": "Changed?", "required": "on"}),
    "evaluation:question_delete": Post("staff", lambda w: {}),
    "evaluation:question_move": Post("staff", lambda w: {"direction": "down"}),
}

# POST routes with no valid request from the world as it is (nothing to confirm, a closed decision
# needed...) or that only change the visitor's own session; the matrix still checks who may POST them.
NOT_EXERCISED = {
    "projects:decision_ballot_step": "writes nothing: its screens carry the choices on; decision_vote casts them",
    "people:roster_import": "the world's import is already confirmed",
    "projects:need_reopen": "the world's need is open",
    "projects:holiday_remove": "removes the world's holiday; tests/projects/test_need_answers.py covers it",
    "projects:project_what_changed": "needs a project in co-evaluate; tests/projects/test_need_answers.py covers it",
    "projects:need_withdraw": "nobody in the world backs its need yet; tests/projects/test_needs.py covers it",
    "projects:stage_propose": "the world's project has an open proposal",
    "projects:decision_adoption": "needs a closed decision",
    "projects:decision_create": "needs a project in co-decide; decision_edit posts the same form",
    "evaluation:review": "submits the drafts; covered by tests/evaluation",
    "evaluation:twin": "needs a 'before' survey",
    "evaluation:project_report_sign_off": "needs a project in co-evaluate; tests/evaluation/reports cover it",
    "evaluation:project_reflections": "needs a project in co-evaluate; tests/evaluation/reports cover it",
    "people:calendar_new": "a new random address; tests/projects/test_calendar_feed.py covers it",
    "people:operator_schools": "for the installation's superusers only; tests/people/test_school_setup.py covers it",
    "people:roster_sync_upload": "a zip of CSV files; tests/people/roster_sync/test_roster_sync_pages.py covers it",
    "people:roster_sync": "applies a sync preview; tests/people/roster_sync/test_roster_sync_pages.py covers it",
    "people:special_category": "off until the school records a lawful basis (a 404 for everyone)",
    "people:badge_revoke": "the world's pupil has no badge; tests/people/badges/test_badge_views.py covers it",
    "people:badge_sign_in": "signs in, not signed-in members; tests/people/badges/test_badge_views.py covers it",
    "people:badge_sign_in_school": "signs in, not signed-in members; tests/people/badges/test_badge_views.py covers it",
}
