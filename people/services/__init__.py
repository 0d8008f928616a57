"""Writes for the people app, split by sub-domain and re-exported here."""

from people.services.accounts import (
    PasswordResetNotAllowed,
    pupil_password_reset,
    user_deactivate,
    user_set_own_password,
)
from people.services.invitations import (
    ConsentChangeNotAllowed,
    InvitationError,
    guardian_link_set_consent,
    parent_invitation_accept,
    parent_invitation_problem,
    parent_invitation_send,
)
from people.services.reading import user_set_easy_read
from people.services.roster import (
    RosterImportError,
    RosterInvalid,
    roster_import_cards_viewed,
    roster_import_clear_cards,
    roster_import_clear_expired_cards,
    roster_import_confirm,
    roster_import_preview,
)

__all__ = [
    "ConsentChangeNotAllowed",
    "InvitationError",
    "PasswordResetNotAllowed",
    "RosterImportError",
    "RosterInvalid",
    "guardian_link_set_consent",
    "parent_invitation_accept",
    "parent_invitation_problem",
    "parent_invitation_send",
    "pupil_password_reset",
    "roster_import_cards_viewed",
    "roster_import_clear_cards",
    "roster_import_clear_expired_cards",
    "roster_import_confirm",
    "roster_import_preview",
    "user_deactivate",
    "user_set_easy_read",
    "user_set_own_password",
]
