from django.utils.functional import SimpleLazyObject

from people.notifications.selectors import unread_count


def unread_notifications(request):
    """The header's unread badge: one COUNT query, and only on pages that show it."""
    membership = getattr(request, "membership", None)
    if not membership:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(recipient=membership))}
