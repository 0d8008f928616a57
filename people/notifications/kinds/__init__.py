"""Notification kinds: the registry (registry.py) and people's own kinds (people.py)."""

from people.notifications.kinds.registry import (
    KINDS,
    Channel,
    Kind,
    audience,
    kind_choices,
    kind_get,
    register_audience,
    register_kind,
)

__all__ = ["KINDS", "Channel", "Kind", "audience", "kind_choices", "kind_get", "register_audience", "register_kind"]
