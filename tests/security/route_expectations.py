"""Who may open each route, declared once: the authorization matrix (test_authorization_matrix.py)
requests every route as every role and compares with this table. A route missing here fails it.

`who` are the roles that get the page for their own school's object (see tests/security/world.py for
who owns what: the pupil leads the project and owns the task, goal and notification; the classmate
is another pupil with nothing of their own; staff facilitates; the parent is the pupil's; dsl is the
safeguarding lead). Every other signed-in role gets 403, or 404 when listed in `hidden_from` (the
object is scoped to its owner, so to anyone else it does not exist); anonymous visitors are sent to
sign in. Another school's object is a 404.
"""

from dataclasses import dataclass, field

from tests.security.world import MEMBER_ROLES, ROLES

PUBLIC = frozenset(ROLES)
MEMBERS = frozenset(MEMBER_ROLES)  # signed in with a school membership
STAFF = frozenset({"staff", "dsl", "leader"})  # staff and leaders: `is_staff_member`
RUNS_PROJECT = frozenset({"pupil", "staff"})  # the project's pupil lead and its facilitator
PUPILS = frozenset({"pupil", "classmate"})  # any pupil of the school
NOBODY = frozenset()


@dataclass(frozen=True)
class Route:
    who: frozenset[str]
    # URL kwarg -> world attribute: its pk, or the attribute itself when dotted ("invitation.token").
    args: dict[str, str] = field(default_factory=dict)
    fixed: dict[str, str] = field(default_factory=dict)  # URL kwargs that are not objects
    methods: tuple[str, ...] = ("GET",)  # ("POST",) for POST-only routes: a GET is never a 2xx there
    post_who: frozenset[str] | None = None  # when POST is for fewer roles than GET
    hidden_from: frozenset[str] = NOBODY
    login_url: str = "account_login"
    # False for routes whose object is not school-scoped by design (an emailed token is the permission).
    school_scoped: bool = True


FORM = ("GET", "POST")
POST = ("POST",)

ROUTES: dict[str, Route] = {
    "home": Route(MEMBERS),
    "what_happened": Route(frozenset({"leader", "dsl"})),  # the audit log: leaders and the safeguarding lead
    "styleguide": Route(STAFF),  # the living style page (docs/design.md)
    "healthz": Route(PUBLIC),
    # allauth: sign-in, sign-out and password reset are public; the account pages need a sign-in.
    "account_login": Route(PUBLIC, methods=FORM),
    # Signing out asks to confirm (GET); POSTing it would sign the test client out. Anonymous: to sign in.
    "account_logout": Route(MEMBERS),
    "account_inactive": Route(PUBLIC),
    "account_signup": Route(PUBLIC, methods=FORM),  # closed unless an invitation is in the session
    "account_reauthenticate": Route(MEMBERS),
    "account_email": Route(MEMBERS),
    "account_email_verification_sent": Route(PUBLIC),
    "account_change_password": Route(MEMBERS, methods=FORM),
    "account_set_password": Route(MEMBERS),
    "account_reset_password": Route(PUBLIC, methods=FORM),
    "account_confirm_login_code": Route(MEMBERS),  # without a sign-in under way: back to sign in
    "account_confirm_email": Route(PUBLIC, fixed={"key": "not-a-key"}),
    "account_reset_password_from_key_done": Route(PUBLIC),
    "account_reset_password_from_key": Route(PUBLIC, fixed={"uidb36": "1", "key": "set-not-a-key"}),
    "account_reset_password_done": Route(PUBLIC),
    # Single sign-on through the school's provider (people.single_sign_on): allauth's confirmation page (GET)
    # and the way back, which without a sign-in under way says that signing in did not work (400).
    "openid_connect_login": Route(PUBLIC, args={"provider_id": "school.slug"}, school_scoped=False),
    "openid_connect_callback": Route(PUBLIC, args={"provider_id": "school.slug"}, school_scoped=False),
    # allauth.mfa: everyone signed in manages their own second sign-in step (people.second_step); adding or
    # removing one first asks for the password again (a redirect, not a refusal). Another person's passkey
    # or a step the person never set up does not exist for them.
    "mfa_index": Route(MEMBERS),
    "mfa_authenticate": Route(MEMBERS),  # without a sign-in under way: back to sign in, which sends home
    "mfa_reauthenticate": Route(MEMBERS),
    "mfa_activate_totp": Route(MEMBERS, methods=FORM),
    "mfa_deactivate_totp": Route(NOBODY, methods=FORM, hidden_from=MEMBERS),
    "mfa_view_recovery_codes": Route(NOBODY, hidden_from=MEMBERS),  # nobody in the world has codes yet
    "mfa_generate_recovery_codes": Route(MEMBERS, methods=FORM),
    "mfa_download_recovery_codes": Route(NOBODY, hidden_from=MEMBERS),
    "mfa_list_webauthn": Route(MEMBERS),
    "mfa_add_webauthn": Route(MEMBERS, methods=FORM),
    "mfa_reauthenticate_webauthn": Route(MEMBERS),
    # First the password again; then a passkey that is not the person's own is a 404 (test_second_step.py).
    "mfa_remove_webauthn": Route(MEMBERS, fixed={"pk": "999999"}, methods=FORM),
    "mfa_edit_webauthn": Route(MEMBERS, fixed={"pk": "999999"}, methods=FORM),
    # The admin is for platform operators (is_staff users), none of the school roles.
    "admin:login": Route(PUBLIC, login_url="admin:login"),
    "admin:logout": Route(NOBODY, login_url="admin:index", school_scoped=False),  # to the index, then sign in
    # people
    "people:list": Route(STAFF),
    "people:pupil_search": Route(STAFF),  # the goal form's pupil picker
    "people:detail": Route(STAFF, args={"pk": "pupil"}),
    "people:invite_parent": Route(STAFF, args={"pk": "pupil"}, methods=POST),
    "people:reset_password": Route(STAFF, args={"pk": "pupil"}, methods=FORM),
    # QR badges (people.badges): staff give, reissue and stop a pupil's badge; signing in with one is public.
    "people:badge": Route(STAFF, args={"pk": "pupil"}),
    "people:badge_issue": Route(STAFF, args={"pk": "pupil"}, methods=FORM),
    "people:badge_card": Route(STAFF, args={"pk": "pupil"}),  # a new badge's card, once; else back to the badge
    "people:badge_revoke": Route(STAFF, args={"pk": "pupil"}, methods=FORM),
    "people:badge_sign_in": Route(PUBLIC, methods=FORM),
    "people:badge_sign_in_school": Route(
        PUBLIC, args={"school_slug": "school.slug"}, methods=FORM, school_scoped=False
    ),
    "people:roster_upload": Route(STAFF, methods=FORM),
    "people:roster_import": Route(STAFF, args={"pk": "roster_import"}, methods=FORM),
    "people:roster_cards": Route(STAFF, args={"pk": "roster_import"}, methods=FORM),
    "people:roster_sync_upload": Route(STAFF, methods=FORM),
    "people:roster_sync": Route(STAFF, args={"pk": "roster_sync"}, methods=FORM),
    "people:invitation": Route(PUBLIC, args={"token": "invitation.token"}, school_scoped=False),
    # Calendar feeds: everyone makes their own address; the feed's secret is its permission (no sign-in).
    "people:calendar": Route(MEMBERS),
    "people:calendar_new": Route(MEMBERS, methods=FORM),
    "people:calendar_feed": Route(PUBLIC, args={"secret": "calendar.secret"}, school_scoped=False),
    "people:consent": Route(frozenset({"parent"}), args={"pk": "guardian_link"}, methods=FORM),
    "people:first_password": Route(MEMBERS),
    "people:my_data": Route(MEMBERS),  # a JSON download of the person's own data (privacy)
    "people:easy_read": Route(MEMBERS, methods=POST),  # the person's own easy-read setting
    "people:person_data": Route(STAFF, args={"pk": "pupil"}),  # a pupil's data for a subject access request
    # Privacy: the special-category page is a 404 until the school records a basis (world.py leaves it off).
    "people:special_category": Route(NOBODY, args={"pk": "pupil"}, hidden_from=STAFF),
    "people:leave": Route(STAFF, args={"pk": "pupil"}, methods=FORM),
    "people:erase": Route(frozenset({"leader"}), args={"pk": "pupil"}, methods=FORM),
    "people:school_privacy": Route(frozenset({"leader"}), methods=FORM),
    "people:school_second_step": Route(frozenset({"leader"}), methods=FORM),  # ask adults for a second step
    "people:second_step": Route(MEMBERS),  # why and how to set up a second step; sends on whoever needs none
    "people:second_step_continue": Route(MEMBERS),  # back to where the person was going
    # A new school's setup (people.setup): its leaders; the operator's page is for superusers only.
    "people:setup": Route(frozenset({"leader"})),
    "people:setup_staff": Route(frozenset({"leader"}), methods=FORM),
    "people:setup_staff_cancel": Route(frozenset({"leader"}), args={"pk": "staff_invitation"}, methods=POST),
    "people:setup_safeguarding_leads": Route(frozenset({"leader"}), methods=FORM),
    "people:setup_sign_in": Route(frozenset({"leader"}), methods=FORM),
    "people:setup_sign_in_off": Route(frozenset({"leader"}), methods=FORM),
    # A school's own sign-in page and finding it: before signing in, so open to everyone.
    "people:school_find": Route(PUBLIC),
    "people:school_sign_in": Route(PUBLIC, args={"slug": "school.slug"}, school_scoped=False),
    "people:staff_invitation": Route(PUBLIC, args={"token": "staff_invitation.token"}, school_scoped=False),
    "people:operator_schools": Route(NOBODY, methods=FORM, school_scoped=False),
    # notifications
    "notifications:inbox": Route(MEMBERS),
    "notifications:mark_read": Route(
        frozenset({"pupil"}), args={"pk": "notification"}, methods=POST, hidden_from=MEMBERS - {"pupil"}
    ),
    "notifications:mark_all_read": Route(MEMBERS, methods=POST),
    "notifications:preferences": Route(MEMBERS, methods=FORM),
    "notifications:failed_emails": Route(STAFF),
    "notifications:retry_email": Route(STAFF, args={"pk": "failed_email"}, methods=POST),
    # needs
    "projects:need_list": Route(MEMBERS),
    "projects:need_create": Route(MEMBERS, methods=FORM),
    "projects:need_export": Route(MEMBERS, fixed={"fmt": "csv"}),
    "projects:need_detail": Route(MEMBERS, args={"pk": "need"}),
    "projects:need_back": Route(MEMBERS, args={"pk": "need"}, methods=POST),
    "projects:need_withdraw": Route(MEMBERS, args={"pk": "need"}, methods=POST),
    "projects:need_comment": Route(MEMBERS, args={"pk": "need"}, methods=POST),
    "projects:need_merge": Route(STAFF, args={"pk": "need"}, methods=FORM),
    "projects:need_decline": Route(STAFF, args={"pk": "need"}, methods=FORM),
    "projects:need_reopen": Route(STAFF, args={"pk": "need"}, methods=POST),
    "projects:need_not_now": Route(STAFF, args={"pk": "need"}, methods=FORM),
    "projects:needs_to_answer": Route(STAFF),
    "projects:needs_answering": Route(frozenset({"leader"}), methods=FORM),
    "projects:holiday_add": Route(frozenset({"leader"}), methods=POST),
    "projects:holiday_remove": Route(frozenset({"leader"}), args={"pk": "holiday"}, methods=POST),
    "projects:you_said": Route(MEMBERS),
    "projects:project_what_changed": Route(RUNS_PROJECT, args={"pk": "project"}, methods=FORM),
    # projects and stages
    "projects:project_list": Route(MEMBERS),
    "projects:project_start": Route(STAFF | PUPILS, methods=FORM),
    "projects:need_search": Route(STAFF | PUPILS),  # the needs picker of starting and editing a project
    # The picker of idea authors and peer roles: the project's members (pupil lead, facilitator) and staff.
    "projects:member_search": Route(RUNS_PROJECT | STAFF, args={"pk": "project"}),
    "projects:project_detail": Route(MEMBERS, args={"pk": "project"}),
    "projects:project_edit": Route(RUNS_PROJECT, args={"pk": "project"}, methods=FORM),
    "projects:project_take_on": Route(frozenset({"dsl", "leader"}), args={"pk": "project"}, methods=POST),
    "projects:project_join": Route(frozenset({"parent", "classmate"}), args={"pk": "project"}, methods=FORM),
    "projects:join_request_decide": Route(
        RUNS_PROJECT | STAFF, args={"pk": "project", "request_pk": "join_request"}, methods=POST
    ),
    "projects:member_set_role": Route(
        RUNS_PROJECT, args={"pk": "project", "member_pk": "project_member"}, methods=POST
    ),
    "projects:stage_propose": Route(RUNS_PROJECT, args={"pk": "project"}, methods=POST),
    "projects:stage_confirm": Route(
        RUNS_PROJECT, args={"pk": "project", "proposal_pk": "stage_proposal"}, methods=POST
    ),
    "projects:stage_back": Route(RUNS_PROJECT, args={"pk": "project"}, methods=POST),
    "projects:stage_override": Route(frozenset({"staff"}), args={"pk": "project"}, methods=FORM),
    # ideas
    "projects:idea_list": Route(MEMBERS, args={"pk": "project"}),
    "projects:idea_create": Route(RUNS_PROJECT, args={"pk": "project"}, methods=FORM),
    "projects:idea_detail": Route(MEMBERS, args={"pk": "idea"}),
    "projects:idea_edit": Route(RUNS_PROJECT, args={"pk": "idea"}, methods=FORM),
    "projects:idea_shortlist": Route(RUNS_PROJECT, args={"pk": "idea"}, methods=POST),
    "projects:idea_comment": Route(RUNS_PROJECT | STAFF, args={"pk": "idea"}, methods=POST),
    # decisions
    "projects:decision_list": Route(MEMBERS, args={"pk": "project"}),
    "projects:decision_create": Route(RUNS_PROJECT, args={"pk": "project"}, methods=FORM),
    "projects:votes_waiting": Route(MEMBERS),
    "projects:decision_detail": Route(MEMBERS, args={"pk": "decision"}),
    "projects:decision_edit": Route(RUNS_PROJECT, args={"pk": "decision"}, methods=FORM),
    "projects:decision_vote": Route(RUNS_PROJECT, args={"pk": "decision"}, methods=POST),
    # Easy read's ballot, one idea per screen: each screen posts the choices so far (nothing is stored).
    "projects:decision_ballot_step": Route(RUNS_PROJECT, args={"pk": "decision"}, methods=FORM),
    # The project's facilitator alone closes a vote early or gives it more time (a confirmation page, then POST).
    "projects:decision_close_now": Route(frozenset({"staff"}), args={"pk": "decision"}, methods=FORM),
    "projects:decision_extend": Route(frozenset({"staff"}), args={"pk": "decision"}, methods=FORM),
    "projects:decision_adoption": Route(frozenset({"leader"}), args={"pk": "decision"}, methods=FORM),
    "projects:decision_turnout_csv": Route(STAFF, args={"pk": "decision"}),
    # delivery
    "projects:task_board": Route(MEMBERS, args={"pk": "project"}),
    "projects:task_create": Route(RUNS_PROJECT, args={"pk": "project"}, methods=FORM),
    "projects:task_detail": Route(MEMBERS, args={"pk": "task"}, methods=FORM, post_who=RUNS_PROJECT),
    "projects:task_set_status": Route(RUNS_PROJECT, args={"pk": "task"}, methods=POST),
    "projects:checklist_toggle": Route(RUNS_PROJECT, args={"pk": "task", "item_pk": "checklist_item"}, methods=POST),
    "projects:session_list": Route(RUNS_PROJECT | STAFF, args={"pk": "project"}),
    "projects:session_create": Route(RUNS_PROJECT, args={"pk": "project"}, methods=FORM),
    "projects:session_detail": Route(RUNS_PROJECT | STAFF, args={"pk": "session"}, methods=FORM, post_who=RUNS_PROJECT),
    "projects:session_edit": Route(RUNS_PROJECT, args={"pk": "session"}, methods=FORM),
    "projects:session_cancel": Route(RUNS_PROJECT, args={"pk": "session"}, methods=POST),
    "projects:peer_roles": Route(MEMBERS, args={"pk": "project"}, methods=FORM, post_who=RUNS_PROJECT),
    "projects:peer_role_remove": Route(RUNS_PROJECT, args={"pk": "project", "role_pk": "peer_role"}, methods=POST),
    "projects:goal_list": Route(MEMBERS),
    "projects:goal_create": Route(STAFF, methods=FORM),
    "projects:goal_detail": Route(
        frozenset({"pupil", "parent", "staff"}),
        args={"pk": "goal"},
        methods=FORM,
        post_who=frozenset({"pupil", "staff"}),
    ),
    "projects:goal_set_met": Route(frozenset({"staff"}), args={"pk": "goal"}, methods=POST),
    # A pupil proposes a goal in their project; its facilitator agrees it or asks for a change.
    "projects:goal_propose": Route(frozenset({"pupil"}), args={"pk": "project"}, methods=FORM),
    "projects:goal_revise": Route(frozenset({"pupil"}), args={"pk": "proposed_goal"}, methods=FORM),
    "projects:goal_agree": Route(frozenset({"staff"}), args={"pk": "proposed_goal"}, methods=POST),
    "projects:goal_ask_change": Route(frozenset({"staff"}), args={"pk": "proposed_goal"}, methods=FORM),
    "projects:portfolio": Route(MEMBERS - {"classmate"}, args={"pk": "pupil"}),  # the pupil, parent, staff
    "projects:portfolio_record": Route(MEMBERS - {"classmate"}, args={"pk": "pupil"}),  # the same, as a PDF
    # The facilitator dashboard is for staff; its stage move also needs the project's facilitator.
    "projects:dashboard": Route(STAFF),
    "projects:dashboard_move": Route(frozenset({"staff"}), args={"pk": "project"}, methods=POST),
    # charter, moderation, safeguarding
    "projects:charter": Route(MEMBERS),
    "projects:charter_edit": Route(frozenset({"leader"}), methods=FORM),
    "projects:report": Route(MEMBERS, args={"pk": "need"}, fixed={"kind": "need"}, methods=FORM),
    # pictures: added by who may edit the idea (its pupil lead, the facilitator) or by the need's author and
    # staff; the file is for whoever sees the idea; staff check them. The world's `picture` is checked already,
    # its `waiting_picture` is not.
    "projects:idea_picture_add": Route(RUNS_PROJECT, args={"pk": "idea"}, methods=FORM),
    "projects:need_picture_add": Route(STAFF | {"pupil"}, args={"pk": "need"}, methods=FORM),
    "projects:picture_file": Route(MEMBERS, args={"pk": "picture"}, fixed={"size": "thumb"}),
    "projects:picture_queue": Route(STAFF),
    "projects:picture_approve": Route(STAFF, args={"pk": "waiting_picture"}, methods=POST),
    "projects:picture_remove": Route(STAFF | {"pupil"}, args={"pk": "picture"}, methods=POST),
    "projects:moderation": Route(STAFF),
    "projects:report_act": Route(STAFF, args={"pk": "report"}, fixed={"action": "dismiss"}, methods=POST),
    "projects:safeguarding": Route(frozenset({"dsl"})),
    "projects:safeguarding_record": Route(frozenset({"dsl"}), args={"pk": "safeguarding_report"}, methods=POST),
    "projects:safeguarding_words": Route(frozenset({"dsl"}), methods=FORM),
    "projects:safeguarding_concern": Route(frozenset({"dsl"}), args={"pk": "safeguarding_report"}, methods=FORM),
    "projects:tell_trusted_adult": Route(PUPILS, methods=FORM),
    "projects:tell_trusted_adult_sent": Route(PUPILS),
    # surveys: answering (the survey is for pupils) and building (staff)
    "evaluation:mine": Route(MEMBERS),
    "evaluation:start": Route(PUPILS, args={"pk": "survey"}),
    "evaluation:answer": Route(PUPILS, args={"pk": "survey"}, methods=FORM),
    "evaluation:review": Route(PUPILS, args={"pk": "survey"}, methods=FORM),
    "evaluation:thanks": Route(PUPILS, args={"pk": "survey"}),
    "evaluation:list": Route(STAFF),
    "evaluation:new": Route(STAFF, methods=FORM),
    "evaluation:from_template": Route(STAFF, methods=FORM),
    "evaluation:builder": Route(STAFF, args={"pk": "survey"}),
    "evaluation:edit": Route(STAFF, args={"pk": "survey"}, methods=FORM),
    "evaluation:status": Route(STAFF, args={"pk": "survey"}, methods=POST),
    "evaluation:twin": Route(STAFF, args={"pk": "survey"}, methods=POST),
    "evaluation:copy": Route(STAFF, args={"pk": "survey"}, methods=POST),
    "evaluation:preview": Route(STAFF, args={"pk": "survey"}),
    "evaluation:results": Route(STAFF, args={"pk": "survey"}),
    "evaluation:results_csv": Route(STAFF, args={"pk": "survey"}),
    "evaluation:named_responses": Route(STAFF, args={"pk": "named_survey"}),
    "evaluation:question_new": Route(STAFF, args={"pk": "survey"}, methods=FORM),
    "evaluation:question_edit": Route(STAFF, args={"pk": "survey", "question_pk": "question"}, methods=FORM),
    "evaluation:question_delete": Route(STAFF, args={"pk": "survey", "question_pk": "question"}, methods=FORM),
    "evaluation:question_move": Route(STAFF, args={"pk": "survey", "question_pk": "question"}, methods=POST),
    # project report (staff, leaders, the project's members), its sign-off (leaders) and reflections
    "evaluation:project_report": Route(STAFF | {"pupil"}, args={"pk": "project"}),
    "evaluation:project_report_sign_off": Route(frozenset({"leader"}), args={"pk": "project"}, methods=FORM),
    "evaluation:project_reflections": Route(
        STAFF | {"pupil"}, args={"pk": "project"}, methods=FORM, post_who=RUNS_PROJECT
    ),
    "evaluation:reflection_hide": Route(STAFF, args={"pk": "reflection"}, methods=POST),
    # the school report, its CSV and the PDF exports (staff and leaders; with no dates, the current term)
    "evaluation:school_report": Route(STAFF),
    "evaluation:school_report_csv": Route(STAFF),
    "evaluation:report_export_create": Route(STAFF, methods=POST),
    "evaluation:report_export_panel": Route(STAFF),
    "evaluation:report_export_download": Route(STAFF, args={"pk": "report_export"}),
    # invitations to pupils not yet heard: staff send them; the invited pupil answers (anyone else's is a 404)
    "evaluation:invite_pupils": Route(STAFF, methods=FORM),
    "evaluation:invitation_respond": Route(
        frozenset({"pupil"}), args={"pk": "pupil_invitation"}, methods=POST, hidden_from=frozenset({"classmate"})
    ),
}

# Whole URL prefixes declared at once. Django's admin (its ~130 routes grow with every registered
# model) is for platform operators only: every school role, signed in or not, is sent to the admin's
# sign-in page, whatever the object id.
PREFIXES: dict[str, Route] = {
    "admin/": Route(NOBODY, login_url="admin:login", school_scoped=False),
}

# Values for the admin's URL arguments (any id will do: nobody here gets past the admin's sign-in).
ADMIN_ARGS = {"app_label": "people", "object_id": "1", "content_type_id": "1", "url": "nowhere/", "id": "1"}
