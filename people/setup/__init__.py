"""Setting up a school: the operator creates it and invites its first leader; the leader follows a
checklist (safeguarding leads, charter, sign-in, roster, staff, consent) that shows what is done."""
