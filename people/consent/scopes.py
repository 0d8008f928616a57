"""The registry of consent scopes: each is one thing a school may ask a parent or carer to agree to.

A scope carries its plain words for the parent and for the pupil, and what it stops when the answer
is not "given" (`gates`, shown on the consent page so both know exactly what changes).
Adding a scope is one `scope_register(...)` call here and nothing else.
"""

from dataclasses import dataclass

TAKING_PART = "taking_part"
OFF_SITE = "off_site"
PICTURES = "pictures"
NAME_BEYOND_PROJECT = "name_beyond_project"


@dataclass(frozen=True)
class ConsentScope:
    key: str
    label: str
    question: str  # asked of the parent
    for_pupil: str  # what the pupil reads about it
    gates: str  # what happens while consent is not given, in plain words, for the parent
    pupil_gates: str  # the same, for the pupil


SCOPES: dict[str, ConsentScope] = {}


def scope_register(scope: ConsentScope) -> ConsentScope:
    SCOPES[scope.key] = scope
    return scope


def scope_get(key: str) -> ConsentScope:
    return SCOPES[key]


scope_register(
    ConsentScope(
        key=TAKING_PART,
        label="Taking part",
        question="Do you agree to your child taking part in school co-production projects?",
        for_pupil="Your parent or carer agrees that you take part in projects.",
        gates="Until this is given, your child cannot join or lead a project, raise or comment on needs and ideas, "
        "or vote. What they already wrote stays, with their name hidden from pupils and parents.",
        pupil_gates="Until they agree, you cannot join or lead a project, raise or comment on needs and ideas, "
        "or vote. What you already wrote stays, with your name hidden.",
    )
)
scope_register(
    ConsentScope(
        key=OFF_SITE,
        label="Off-site sessions",
        question="Do you agree to your child going to project sessions held away from the school site?",
        for_pupil="Your parent or carer agrees that you go to project sessions away from school.",
        gates="Until this is given, your child shows as “no consent” on every off-site session and its register.",
        pupil_gates="Until they agree, you show as “no consent” on sessions held away from school.",
    )
)
scope_register(
    ConsentScope(
        key=PICTURES,
        label="Pictures",
        question="Do you agree to pictures of your child being taken and shown in their projects?",
        for_pupil="Your parent or carer agrees that pictures of you are shown in your projects.",
        gates="Until this is given, your child cannot add pictures (drawings, photos of models) to ideas and "
        "needs, and staff read this answer before taking any pictures.",
        pupil_gates="Until they agree, you cannot add pictures to ideas and needs, "
        "and staff do not take pictures of you.",
    )
)
scope_register(
    ConsentScope(
        key=NAME_BEYOND_PROJECT,
        label="Name shown beyond their project",
        question="Do you agree to your child's name being shown to pupils and parents outside their project?",
        for_pupil="Your parent or carer agrees that your name is shown outside your projects.",
        gates="Until this is given, people outside your child's projects see “A pupil” instead of their name "
        "(staff still see it, to keep everyone safe).",
        pupil_gates="Until they agree, people outside your projects see “A pupil” instead of your name.",
    )
)
