"""What each verb reads as on the "What happened" page, and the kind (verb group) it is filtered by.

A verb's kind is the part before the dot. Sentences name only what the page looks up when it shows them
(the actor, the project, the person, choices such as stages and roles), never what anyone wrote.
Adding a verb: one line here. An unknown verb still shows, as "{actor} did <verb>".
"""

KINDS: dict[str, str] = {
    "stage": "Stage moves and overrides",
    "content": "Hides and restores",
    "report": "Reports dismissed",
    "safeguarding": "Safeguarding outcomes",
    "decision": "Adoption answers",
    "charter": "Charter edits",
    "role": "Role changes",
    "consent": "Consent changes",
    "person": "Erasures",
    "export": "Personal-data and report exports",
    "roster": "Roster imports and syncs",
    "setup": "School setup and staff invitations",
    "need": "Answers to needs and who gives them",
    "invitation": "Invitations to pupils not yet heard",
    "sign_in": "Sign-ins with the school's accounts",
    "second_step": "Second sign-in steps",
    "badge": "Badges given, stopped and signed in with",
}

SENTENCES: dict[str, str] = {
    "stage.move": "{actor} moved “{project}” to {to_stage}",
    "stage.override": "{actor} moved “{project}” to {to_stage}, overriding its gate",
    "content.hide": "{actor} hid content",
    "content.restore": "{actor} restored hidden content",
    "report.dismiss": "{actor} dismissed a report",
    "safeguarding.outcome": "A safeguarding outcome was recorded",
    "reflection.hide": "{actor} hid a reflection in “{project}”",
    "decision.adoption": "{actor} answered whether a decision of “{project}” is adopted: {adopted}",
    "charter.save": "{actor} edited the power-sharing charter",
    "role.project": "{actor} made {person} {to_role} of “{project}”",
    "consent.change": "{actor} changed a consent to {status}",
    "consent.scopes": "{actor} chose what needs a parent's consent",
    "person.erase": "{actor} erased an account",
    "export.person": "{actor} downloaded the personal data of {person}",
    "export.report": "{actor} asked for a {kind} report export",
    "roster.import": "{actor} imported pupils from a file",
    "roster.sync": "{actor} applied a roster sync",
    "setup.school_create": "The school was created by the operator",
    "setup.invite_staff": "{actor} invited a member of staff",
    "setup.join_staff": "{actor} joined the staff through an invitation",
    "setup.cancel_invitation": "{actor} cancelled a staff invitation",
    "setup.safeguarding_leads": "{actor} named the safeguarding leads",
    "setup.sign_in": "{actor} set single sign-on with {kind}",
    "setup.sign_in_off": "{actor} turned single sign-on off",
    "sign_in.sso": "{actor} signed in with {kind}",
    "sign_in.sso_refused": "A sign-in was refused: {kind}",
    "need.not_now": "{actor} answered a need “not now”",
    "need.answering_set": "{actor} chose who answers needs and in how many school days",
    "need.holiday_add": "{actor} added a school holiday",
    "need.holiday_remove": "{actor} removed a school holiday",
    "project.what_changed": "{actor} wrote what changed after “{project}”",
    "invitation.send": "{actor} invited pupils not yet heard to a {kind}",
    "second_step.add": "{actor} set up a second sign-in step: {kind}",
    "second_step.remove": "{actor} removed a second sign-in step: {kind}",
    "second_step.refused": "{actor} was asked to set up a second sign-in step before opening a pupil's data",
    "second_step.school": "{actor} switched the second sign-in step for adults {kind}",
    "badge.issue": "{actor} gave {person} a badge",
    "badge.revoke": "{actor} stopped the badge of {person}",
    "badge.sign_in": "{actor} signed in with their badge",
    "badge.refused": "A badge sign-in was refused",
}

# Verbs whose kind is filed under another kind's filter (one filter for hides of any content).
KIND_VERBS: dict[str, tuple[str, ...]] = {"content": ("content.", "reflection.")}


def kind_of(verb: str) -> str:
    return verb.split(".", 1)[0]


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "someone" if key == "actor" else "—"


# When the actor is the person the entry is about ("Sam Rivera made Sam Rivera facilitator" reads as a mistake).
OWN_SENTENCES = {"role.project": "{actor} became {to_role} of “{project}”"}


def sentence_for(verb: str, values: dict[str, str]) -> str:
    own = values.get("actor") and values.get("actor") == values.get("person") and verb in OWN_SENTENCES
    template = (
        OWN_SENTENCES[verb] if own else SENTENCES.get(verb, "{actor} did " + verb.replace("{", "").replace("}", ""))
    )
    text = template.format_map(_Blank(values))
    return text[0].upper() + text[1:] + "."
