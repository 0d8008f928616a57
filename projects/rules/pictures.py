"""Rules for pictures on ideas and needs: who may add one, remove one, and check them.

Whether the parents agreed to pictures is not a rule here: a pupil without that consent still opens
the page and reads why they cannot add one (the service refuses it too).
"""

import rules

from people.rules import is_staff_member, may_take_part
from projects.rules.ideas import is_idea_author, is_idea_lead_or_facilitator


@rules.predicate
def is_need_author(membership, need) -> bool:
    return need is not None and need.author_id == membership.pk


@rules.predicate
def is_picture_uploader(membership, picture) -> bool:
    return picture is not None and picture.uploaded_by_id == membership.pk


rules.add_rule("projects.add_idea_picture", (is_idea_author | is_idea_lead_or_facilitator) & may_take_part)
rules.add_rule("projects.add_need_picture", (is_need_author | is_staff_member) & may_take_part)
rules.add_rule("projects.remove_picture", is_picture_uploader | is_staff_member)
rules.add_rule("projects.review_pictures", is_staff_member)
