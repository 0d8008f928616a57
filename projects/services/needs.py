"""Writes for co-identify: raising, backing, commenting on and triaging needs."""

from django.db import IntegrityError, transaction

from people.models import Membership
from people.taking_part import took_part
from projects import notifications
from projects.consent import require_taking_part
from projects.counters import count_add
from projects.errors import NotAllowed
from projects.models import Backing, Need, NeedComment, NeedStatus
from projects.services.answering import WAITING_STATUSES, need_answered, need_wait_start
from projects.services.safeguarding import content_screen


def _pupil_only_anonymity(author: Membership, hide_author: bool) -> bool:
    # Only pupils may hide their name; adults always write under their name.
    return bool(hide_author and author.is_pupil)


@transaction.atomic
def need_raise(
    *, author: Membership, title: str, problem: str, affects: str, category: str, hide_author: bool = False
) -> Need:
    require_taking_part(author)
    need = Need.objects.create(
        school=author.school,
        author=author,
        hide_author=_pupil_only_anonymity(author, hide_author),
        title=title.strip(),
        problem=problem.strip(),
        affects=affects.strip(),
        category=category,
    )
    need_wait_start(need=need)
    need.save(update_fields=["answerer", "answer_due_on", "first_answer_due_on"])
    # Whoever raises a need backs it: it matters to them.
    Backing.objects.create(need=need, membership=author)
    count_add(Need, need.pk, backer_count=1)
    need.backer_count = 1
    took_part(membership_ids=[author.pk])
    content_screen(target=need, author=author, text=f"{need.title}\n{need.problem}\n{need.affects}")
    return need


def need_back(*, need: Need, membership: Membership) -> bool:
    """Back a need; backing twice does nothing. Returns whether a backing was added."""
    if need.status in (NeedStatus.MERGED, NeedStatus.DECLINED):
        raise NotAllowed("This need is closed: back the need it was merged into, or raise a new one.")
    require_taking_part(membership)
    try:
        with transaction.atomic():
            Backing.objects.create(need=need, membership=membership)
            count_add(Need, need.pk, backer_count=1)
    except IntegrityError:
        return False
    took_part(membership_ids=[membership.pk])
    return True


@transaction.atomic
def need_unback(*, need: Need, membership: Membership) -> bool:
    deleted, _ = Backing.objects.filter(need=need, membership=membership).delete()
    if deleted:
        count_add(Need, need.pk, backer_count=-1)
    return bool(deleted)


@transaction.atomic
def need_comment_add(*, need: Need, author: Membership, body: str, hide_author: bool = False) -> NeedComment:
    if need.is_hidden:
        raise NotAllowed("This need is hidden; it cannot take comments.")
    require_taking_part(author)
    comment = NeedComment.objects.create(
        need=need, author=author, body=body.strip(), hide_author=_pupil_only_anonymity(author, hide_author)
    )
    count_add(Need, need.pk, comment_count=1)
    took_part(membership_ids=[author.pk])
    if not content_screen(target=comment, author=author, text=comment.body):
        notifications.notify_need_responded(comment=comment)
    return comment


@transaction.atomic
def need_merge(*, duplicate: Need, into: Need, actor: Membership) -> Need:
    """Merge a duplicate into another need: backings carry over, a person who backed both counts once."""
    if duplicate.pk == into.pk:
        raise NotAllowed("A need cannot be merged into itself.")
    if duplicate.school_id != into.school_id:
        raise NotAllowed("Both needs must belong to the same school.")
    if into.status in (NeedStatus.MERGED, NeedStatus.DECLINED):
        raise NotAllowed("Merge into a need that is still open or in a project.")
    if duplicate.status == NeedStatus.MERGED:
        raise NotAllowed("This need was already merged.")
    notifications.notify_need_merged(need=duplicate, into=into, actor=actor)  # before the backings move
    already = Backing.objects.filter(need=into).values("membership")
    moved = Backing.objects.filter(need=duplicate).exclude(membership__in=already).update(need=into)
    Backing.objects.filter(need=duplicate).delete()
    count_add(Need, into.pk, backer_count=moved)
    Need.objects.filter(pk=duplicate.pk).update(backer_count=0)
    # Earlier merges into the duplicate now point at the surviving need.
    Need.objects.filter(merged_into=duplicate).update(merged_into=into)
    need_answered(needs=[duplicate.pk])
    duplicate.status = NeedStatus.MERGED
    duplicate.merged_into = into
    duplicate.answer_due_on = None
    duplicate.save(update_fields=["status", "merged_into", "updated_at"])
    return into


@transaction.atomic
def need_decline(*, need: Need, actor: Membership, reason: str) -> Need:
    reason = reason.strip()
    if not reason:
        raise NotAllowed("Give a reason: everyone who backed this need will read it.")
    if need.status not in WAITING_STATUSES:
        raise NotAllowed("Only an open need can be declined.")
    need_answered(needs=[need.pk])
    need.status = NeedStatus.DECLINED
    need.decline_reason = reason
    need.answer_due_on = None
    need.save(update_fields=["status", "decline_reason", "updated_at"])
    notifications.notify_need_declined(need=need, actor=actor)
    return need


@transaction.atomic
def need_reopen(*, need: Need, actor: Membership) -> Need:
    if need.status != NeedStatus.DECLINED:
        raise NotAllowed("Only a declined need can be reopened.")
    need.status = NeedStatus.OPEN
    need.decline_reason = ""
    # Reopened, it waits for an answer again, with a new deadline.
    need_wait_start(need=need)
    need.save(update_fields=["status", "decline_reason", "answerer", "answer_due_on", "updated_at"])
    return need
