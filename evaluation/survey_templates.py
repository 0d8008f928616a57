"""Survey templates shipped with coproschool. Staff copy one into their school and edit the copy.

Every item here was written for coproschool (none is taken from a published or copyrighted scale).
Agreement items use the 5-point labelled scale, so before/after surveys built from the same
template can be compared question by question.
"""

from dataclasses import dataclass, field

from evaluation.models import Audience

# Question kinds by their keys (evaluation/questions/kinds/).
L5, S10, ONE, ANY, YN, SHORT, LONG = "likert5", "scale0_10", "single", "multiple", "yes_no", "short_text", "long_text"


@dataclass(frozen=True)
class TemplateQuestion:
    type: str
    text: str
    help: str = ""
    required: bool = True
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class SurveyTemplate:
    key: str
    title: str
    description: str
    intro: str
    audience: str
    questions: tuple[TemplateQuestion, ...] = field(default_factory=tuple)
    anonymous: bool = True

    @property
    def audience_label(self) -> str:
        return Audience(self.audience).label


Q = TemplateQuestion
PUPIL_INTRO = (
    "There are no right or wrong answers. Nobody will see who gave which answer: we look at everyone's "
    "answers together to make school better. You can skip the questions that are not marked as needed."
)

TEMPLATES: tuple[SurveyTemplate, ...] = (
    SurveyTemplate(
        key="pupil_engagement",
        title="How school feels for you",
        description="Pupils' engagement with school and learning.",
        intro=PUPIL_INTRO,
        audience=Audience.PUPILS,
        questions=(
            Q(L5, "I look forward to coming to school most days."),
            Q(L5, "What I learn in lessons feels useful to me."),
            Q(L5, "I try my best even when the work is hard."),
            Q(L5, "I take part in things at school beyond lessons (clubs, councils, projects)."),
            Q(S10, "Overall, how much do you enjoy school?", "0 means not at all, 10 means very much."),
            Q(
                ANY,
                "Which of these would make school better for you?",
                "Pick as many as you like.",
                required=False,
                choices=(
                    "More say in what we learn",
                    "More clubs and activities",
                    "Quieter places to work",
                    "More time outside",
                    "Help to catch up",
                ),
            ),
            Q(LONG, "Is there anything else you want to tell us about school?", required=False),
        ),
    ),
    SurveyTemplate(
        key="pupil_confidence",
        title="Your confidence and skills",
        description="Teamwork, speaking up and planning. Use it before and after a project.",
        intro=PUPIL_INTRO,
        audience=Audience.PUPILS,
        questions=(
            Q(L5, "I can work well in a team with people who are not my friends."),
            Q(L5, "When the group disagrees, I can help us find a way forward."),
            Q(L5, "I feel able to say what I think in front of a group."),
            Q(L5, "I can explain my idea to an adult I do not know well."),
            Q(L5, "I can break a big job into smaller steps."),
            Q(L5, "I can plan my time so that things get done by the deadline."),
            Q(
                S10,
                "How confident do you feel about leading something at school?",
                "0 means not at all, 10 means very much.",
            ),
            Q(SHORT, "One skill you would like to get better at:", required=False),
        ),
    ),
    SurveyTemplate(
        key="pupil_belonging",
        title="Belonging and being listened to",
        description="Whether pupils feel they belong and that their views count.",
        intro=PUPIL_INTRO,
        audience=Audience.PUPILS,
        questions=(
            Q(L5, "I feel I belong at this school."),
            Q(L5, "There is at least one adult at school I could talk to about a problem."),
            Q(L5, "Adults at school listen to what pupils say."),
            Q(L5, "When pupils suggest something, it can really change things here."),
            Q(L5, "People like me are treated fairly at this school."),
            Q(YN, "In the last term, did an adult at school ask for your opinion about something that matters?"),
            Q(LONG, "What would make you feel more listened to?", required=False),
        ),
    ),
    SurveyTemplate(
        key="project_outcome",
        title="How did the project go?",
        description="For a project's members at the end: what changed and what they learned.",
        intro="Tell us honestly how the project went, including what did not work. Your answers help the next group.",
        audience=Audience.PUPILS,
        questions=(
            Q(L5, "The project changed something real at school."),
            Q(L5, "My ideas were taken seriously by the group."),
            Q(L5, "Pupils made the important decisions, not only adults."),
            Q(L5, "I would take part in a project like this again."),
            Q(S10, "How much did the project achieve what it set out to do?", "0 means nothing, 10 means everything."),
            Q(
                ONE,
                "What was your main part in the project?",
                choices=(
                    "Coming up with ideas",
                    "Organising and planning",
                    "Doing the work",
                    "Telling others about it",
                    "Something else",
                ),
            ),
            Q(LONG, "What went well?", required=False),
            Q(LONG, "What did not work, and what should the next group do differently?", required=False),
        ),
    ),
    SurveyTemplate(
        key="parent_voice",
        title="Parents' and carers' view",
        description="Parents and carers on their child's voice at school and on how the school involves them.",
        intro="Thank you for taking a few minutes. Your answers are anonymous and read together with everyone else's.",
        audience=Audience.PARENTS,
        questions=(
            Q(L5, "My child feels that their views matter at school."),
            Q(L5, "My child talks at home about things they helped to decide at school."),
            Q(L5, "The school tells me what pupils are working on and why."),
            Q(L5, "I would be welcome to help with a school project if I wanted to."),
            Q(YN, "Has your child taken part in a school project this year?"),
            Q(
                ANY,
                "How would you like to hear about projects?",
                required=False,
                choices=("Email", "School newsletter", "Parents' evening", "A short meeting in school"),
            ),
            Q(LONG, "Anything else you would like the school to know?", required=False),
        ),
    ),
    SurveyTemplate(
        key="staff_view",
        title="Staff view of co-production",
        description="Staff on sharing decisions with pupils: what helps and what gets in the way.",
        intro="Your answers are anonymous. We use them to decide how to support co-production next term.",
        audience=Audience.STAFF,
        questions=(
            Q(L5, "Pupils at this school have real influence over decisions that affect them."),
            Q(L5, "I have the time I need to support pupil-led projects."),
            Q(L5, "I feel confident handing decisions to pupils."),
            Q(L5, "Leaders act on what pupil-led projects decide."),
            Q(
                S10,
                "How much has co-production changed your practice this year?",
                "0 means not at all, 10 means a lot.",
            ),
            Q(
                ANY,
                "What gets in the way of involving pupils more?",
                required=False,
                choices=("Time", "Curriculum pressure", "Behaviour concerns", "Unclear what I may decide", "Budget"),
            ),
            Q(LONG, "One thing that would help you share more decisions with pupils:", required=False),
        ),
    ),
)

TEMPLATES_BY_KEY = {template.key: template for template in TEMPLATES}
