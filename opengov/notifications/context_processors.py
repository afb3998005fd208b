from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def unread(request: HttpRequest) -> dict[str, SimpleLazyObject[int]]:
    """``unread_notifications``: counted only if a template reads it (one query, signed-in users only)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: user.notifications.unread().count())}
