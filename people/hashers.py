"""The password hasher: Argon2id at OWASP's minimum cost, cheap enough for a class signing in at once.

PBKDF2 at Django's 1,000,000 rounds costs ~0.4 s of one core a sign-in: thirty pupils signing in
together queue for seconds on a two-core server. Argon2id with 19 MiB, two passes and one lane
(OWASP Password Storage Cheat Sheet) costs ~20 ms and, being memory-hard, resists GPU guessing at
least as well. Existing PBKDF2 hashes still verify and are re-hashed with this one at the next
sign-in (Django does that when the preferred hasher differs).
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2PasswordHasher(Argon2PasswordHasher):
    # The algorithm name stays "argon2": the parameters live in each hash, so Django's own
    # Argon2 hasher can verify these, and a hash made with other parameters is upgraded.
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
