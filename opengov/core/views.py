from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from opengov.members.models import Member
from opengov.plans.models import ActionPlan, Commitment, PolicyArea

# The key numbers change a few times a day; five minutes of staleness is fine for a landing page.
KEY_NUMBERS_CACHE_KEY = "core:home:key-numbers:v1"
KEY_NUMBERS_TIMEOUT = 5 * 60
RECENT_PLANS = 6


def key_numbers() -> dict[str, int]:
    """The home page's figures: four aggregate queries, whatever the size of the data."""
    return {
        **Member.objects.key_numbers(),
        "action_plans": ActionPlan.objects.count(),
        **Commitment.objects.key_numbers(),
        "policy_areas": PolicyArea.objects.count(),
    }


def home(request: HttpRequest) -> HttpResponse:
    context = {
        "numbers": cache.get_or_set(KEY_NUMBERS_CACHE_KEY, key_numbers, KEY_NUMBERS_TIMEOUT),
        "recent_plans": ActionPlan.objects.most_recent()[:RECENT_PLANS],
    }
    return render(request, "core/home.html", context)


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """Load balancers poll this: 200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return JsonResponse({"status": "ok"})
    except Exception as exc:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "error", "detail": exc.__class__.__name__}, status=503)
