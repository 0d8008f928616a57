"""Pictures on ideas and needs: checking and re-encoding an upload (images.py)."""
