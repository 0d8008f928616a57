"""The word list the school's safeguarding leads keep: public text matching it is held for a check.

Matching is on whole words and phrases, case-insensitive, so "hurt me" matches "They'll HURT me"
but "hurtle" does not match "hurt". A blank list on the school means the shipped default.
"""

import re

from django.db import transaction

from audit.services import log_action
from people.models import Membership, School

# A starting point, not a diagnosis: phrases a child uses when disclosing harm or a risk to themselves.
DEFAULT_WORDS = (
    "hurt me",
    "hit me",
    "hits me",
    "touched me",
    "touches me",
    "if I tell",
    "don't tell anyone",
    "our secret",
    "scared to go home",
    "kill myself",
    "want to die",
    "self harm",
    "cut myself",
    "abuse",
    "abused",
    "groomed",
    "nude",
    "nudes",
)
MAX_WORDS = 500
MAX_WORD_LENGTH = 100


class WordListInvalid(ValueError):
    """The lead's list cannot be saved; the message says which line and why."""


def words_parse(text: str) -> list[str]:
    """One word or phrase a line; blank lines and repeats dropped. Raises WordListInvalid."""
    words: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        word = " ".join(line.split())
        if not word:
            continue
        if len(word) > MAX_WORD_LENGTH:
            raise WordListInvalid(f"Line {number} is longer than {MAX_WORD_LENGTH} characters.")
        if not re.search(r"\w", word):
            raise WordListInvalid(f"Line {number} has no letters or numbers.")
        if word.lower() not in {w.lower() for w in words}:
            words.append(word)
    if len(words) > MAX_WORDS:
        raise WordListInvalid(f"Keep the list to {MAX_WORDS} words and phrases.")
    return words


def word_list_get(*, school: School) -> list[str]:
    return words_parse(school.safeguarding_words) if school.safeguarding_words.strip() else list(DEFAULT_WORDS)


def text_screen(*, school: School, text: str) -> list[str]:
    """The school's words and phrases found in `text` (empty: nothing to hold)."""
    found = []
    for word in word_list_get(school=school):
        # Spaces in a phrase match any run of spaces; \b keeps "hurt" from matching "hurtle".
        pattern = r"(?<!\w)" + r"\s+".join(re.escape(part) for part in word.split()) + r"(?!\w)"
        if re.search(pattern, text.replace("\u2019", "'"), flags=re.IGNORECASE):
            found.append(word)
    return found


@transaction.atomic
def word_list_set(*, school: School, lead: Membership, text: str) -> list[str]:
    """A safeguarding lead replaces the list; an empty list goes back to the default."""
    if not lead.is_safeguarding_lead or lead.school_id != school.pk:
        raise WordListInvalid("Only the school's safeguarding leads keep the word list.")
    words = words_parse(text)
    school.safeguarding_words = "\n".join(words)
    school.save(update_fields=["safeguarding_words"])
    log_action(actor=lead.user, verb="safeguarding.words", target=school, data={"count": len(words)})
    return words or list(DEFAULT_WORDS)
