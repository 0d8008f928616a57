"""Safeguarding rules every app uses: the school's word list (words.py) and school hours (hours.py)."""
