"""The notification kinds of projects (needs, projects, stages, delivery, moderation).

Registered into people's registry from ProjectsConfig.ready; `projects.notifications` sends them.
Titles are in plain words: pupils read them.
"""

from django.urls import reverse

from people.notifications.kinds import Kind, register_kind

NEED_DECLINED = register_kind(
    Kind(
        key="need_declined",
        label="Your need was declined",
        event="staff decline a need you raised (with the reason)",
        recipients="the need's author",
        title="Your need “{need}” was declined",
        app="projects",
    )
)
NEED_MERGED = register_kind(
    Kind(
        key="need_merged",
        label="A need was joined with another",
        event="staff merge a need you raised or backed into another one",
        recipients="the need's author and backers",
        title="“{need}” was joined with “{into}”: your backing carried over",
        app="projects",
    )
)
NEED_IN_PROJECT = register_kind(
    Kind(
        key="need_in_project",
        label="A need became a project",
        event="a project is started from a need you raised or backed",
        recipients="the need's author and backers",
        title="“{need}” is now a project: {project}",
        app="projects",
    )
)
STAGE_MOVED = register_kind(
    Kind(
        key="stage_moved",
        label="Your project moved on a stage",
        event="a project you are in moves to its next stage",
        recipients="the project's members",
        title="{project} moved on to {stage}",
        link=lambda transition: transition.project.get_absolute_url(),
        app="projects",
    )
)
STAGE_BACK = register_kind(
    Kind(
        key="stage_back",
        label="Your project went back a stage",
        event="a project you are in goes back a stage (with the reason)",
        recipients="the project's members",
        title="{project} went back to {stage}",
        link=lambda transition: transition.project.get_absolute_url(),
        app="projects",
    )
)
STAGE_PROPOSED = register_kind(
    Kind(
        key="stage_proposed",
        label="A stage move waits for you",
        event="a pupil lead or facilitator proposes the next stage",
        recipients="the other side: facilitators, or pupil leads",
        title="{project}: moving on to {stage} waits for you to confirm",
        link=lambda proposal: proposal.project.get_absolute_url(),
        app="projects",
    )
)
JOIN_REQUESTED = register_kind(
    Kind(
        key="join_requested",
        label="Someone asked to join",
        event="someone asks to join a project",
        recipients="the project's pupil leads and facilitators",
        title="{person} asked to join {project}",
        link=lambda join_request: join_request.project.get_absolute_url(),
        app="projects",
    )
)
JOIN_ANSWERED = register_kind(
    Kind(
        key="join_answered",
        label="Your request to join was answered",
        event="a lead or facilitator answers your request to join",
        recipients="the one who asked",
        title="Your request to join {project} was {answer}",
        link=lambda join_request: join_request.project.get_absolute_url(),
        app="projects",
    )
)
MEMBER_JOINED = register_kind(
    Kind(
        key="member_joined",
        label="Someone joined your project",
        event="a request to join a project you are in is accepted",
        recipients="the project's members",
        title="{person} joined {project}",
        link=lambda project_membership: project_membership.project.get_absolute_url(),
        app="projects",
    )
)
PROJECT_TAKEN_ON = register_kind(
    Kind(
        key="project_taken_on",
        label="A teacher took your project on",
        event="a member of staff becomes a project's facilitator",
        recipients="the project's pupil leads",
        title="{person} took on your project {project}",
        link=lambda project_membership: project_membership.project.get_absolute_url(),
        app="projects",
    )
)
TASK_ASSIGNED = register_kind(
    Kind(
        key="task_assigned",
        label="A task was given to you",
        event="someone adds a task with you as an owner",
        recipients="the task's owners",
        title="New task for you: {task}",
        link=lambda task: reverse("projects:task_detail", args=[task.pk]),
        app="projects",
    )
)
GOAL_SET = register_kind(
    Kind(
        key="goal_set",
        label="A personal goal was set with you",
        event="a member of staff agrees a personal goal with you",
        recipients="the pupil (and a parent with consent who asked for copies)",
        title="You have a new goal: {goal}",
        app="projects",
    )
)
GOAL_MET = register_kind(
    Kind(
        key="goal_met",
        label="You met a goal",
        event="your member of staff marks your goal met",
        recipients="the pupil (and a parent with consent who asked for copies)",
        title="Well done! You met your goal: {goal}",
        app="projects",
    )
)
GOAL_PROPOSED = register_kind(
    Kind(
        key="goal_proposed",
        label="A pupil proposed a goal",
        event="a pupil of a project you facilitate proposes a personal goal for you to agree",
        recipients="the project's facilitators",
        title="{pupil} proposed a goal to agree with you: {goal}",
        app="projects",
    )
)
GOAL_AGREED = register_kind(
    Kind(
        key="goal_agreed",
        label="Your goal was agreed",
        event="a member of staff agrees the goal you proposed",
        recipients="the pupil",
        title="Your goal was agreed: {goal}",
        app="projects",
    )
)
GOAL_CHANGE_ASKED = register_kind(
    Kind(
        key="goal_change_asked",
        label="A change to your goal was asked",
        event="a member of staff asks you to change the goal you proposed (with the reason)",
        recipients="the pupil",
        title="Please change your goal a little: {goal}",
        app="projects",
    )
)
CONTENT_HIDDEN = register_kind(
    Kind(
        key="content_hidden",
        label="Something you wrote was hidden",
        event="staff hide something you wrote (the reason is on it)",
        recipients="its author",
        title="Something you wrote was hidden by staff. You can read why on it.",
        app="projects",
    )
)
VOTE_OPENED = register_kind(
    Kind(
        key="vote_opened",
        label="A vote for you",
        event="a vote is set up that you may take part in",
        recipients="everyone who may vote",
        title="You can vote: {decision} ({project}), from {opens}",
        app="projects",
    )
)
VOTE_RESULT = register_kind(
    Kind(
        key="vote_result",
        label="A vote's result",
        event="a vote you could take part in closes and its result is published",
        recipients="everyone who could vote",
        title="Result published: {decision} ({project})",
        app="projects",
    )
)
VOTE_ADOPTION = register_kind(
    Kind(
        key="vote_adoption",
        label="Leadership's answer to a vote",
        event="leadership says whether it adopts a vote's result (and why not)",
        recipients="everyone who could vote",
        title="Leadership {answer} the result of {decision}",
        app="projects",
    )
)
NEED_RESPONDED = register_kind(
    Kind(
        key="need_responded",
        label="Staff replied to your need",
        event="a member of staff comments on a need you raised",
        recipients="the need's author",
        title="Staff replied to your need “{need}”",
        app="projects",
    )
)
SESSION_PLANNED = register_kind(
    Kind(
        key="session_planned",
        label="A session was planned",
        event="a session of a project you are in is planned",
        recipients="the project's members",
        title="{project}: session on {day} in {place}",
        app="projects",
    )
)
SESSION_CHANGED = register_kind(
    Kind(
        key="session_changed",
        label="A session moved",
        event="the date or place of a session of a project you are in changes",
        recipients="the project's members",
        title="{project}: the session is now on {day} in {place}",
        app="projects",
    )
)
NEED_NOT_NOW = register_kind(
    Kind(
        key="need_not_now",
        label="Your need: not now",
        event="staff answer a need you raised or backed “not now” (with the reason and the date they look again)",
        recipients="the need's author and backers",
        title="“{need}”: not now. We will look again on {day}",
        app="projects",
    )
)
NEED_ANSWERS_DUE = register_kind(
    Kind(
        key="need_answers_due",
        label="Needs waiting for your answer",
        event="a need you answer is past its deadline, or its look-again date has come (once a day, on school days)",
        recipients="the need's answerer (or the leaders when nobody is named) and the school's leaders",
        link=lambda subject: reverse("projects:needs_to_answer"),
        app="projects",
    )
)
PICTURE_APPROVED = register_kind(
    Kind(
        key="picture_approved",
        label="Your picture was checked",
        event="a member of staff checks a picture you added to an idea or a need",
        recipients="the person who added it",
        title="A teacher checked your picture on “{on}”: everyone who can see it now sees the picture",
        app="projects",
    )
)
PICTURE_REMOVED = register_kind(
    Kind(
        key="picture_removed",
        label="A picture you added was taken down",
        event="a member of staff removes a picture you added to an idea or a need",
        recipients="the person who added it",
        title="A teacher took down a picture you added to “{on}”. You can ask them about it.",
        app="projects",
    )
)
SESSION_CANCELLED = register_kind(
    Kind(
        key="session_cancelled",
        label="A session was cancelled",
        event="a session of a project you are in is cancelled (with the reason)",
        recipients="the project's members",
        title="{project}: the session on {day} is cancelled",
        app="projects",
    )
)
TASK_DUE_TOMORROW = register_kind(
    Kind(
        key="task_due_tomorrow",
        label="A task is due tomorrow",
        event="an open task you own is due tomorrow",
        recipients="the task's owners",
        title="Due tomorrow: {task}",
        link=lambda task: reverse("projects:task_detail", args=[task.pk]),
        app="projects",
    )
)
