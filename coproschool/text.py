"""Text as people send it."""

# C0 control characters other than tab, line feed and carriage return, and DEL. PostgreSQL refuses NUL in
# text and JSON outright (a 500 where a person typed or pasted something odd); the others only garble
# pages and CSVs. Removed from every request by coproschool.middleware.ControlCharacterMiddleware, and
# by services that take text from elsewhere.
_CONTROL_CHARACTERS = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def without_control_characters(text: str) -> str:
    return text.translate(_CONTROL_CHARACTERS)
