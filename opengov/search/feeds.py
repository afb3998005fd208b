"""Atom feeds of what changed in public content: for a member, a policy area, and a search.

Entries are index documents, newest first by when they were last (re)indexed, which follows every write
(indexer: right after commit). Only public content is indexed, so a feed never shows a draft.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from opengov.core import searchables as registry

from .models import SearchDocument
from .query import MAX_QUERY_LENGTH, search

FEED_SIZE = 30


class _DocumentFeed(Feed[SearchDocument, Any]):
    # Any: the object is a Member, a PolicyArea or the query text, depending on the feed.
    feed_type = Atom1Feed

    def items(self, obj: Any) -> Any:
        return self.documents(obj).order_by("-updated_at", "-id")[:FEED_SIZE]

    def documents(self, obj: Any) -> QuerySet[SearchDocument]:
        raise NotImplementedError

    def item_title(self, item: SearchDocument) -> str:
        searchable = registry.get(item.kind)
        return f"{searchable.label if searchable else item.kind}: {item.title}"

    def item_description(self, item: SearchDocument) -> str:
        return item.body[:500]

    def item_link(self, item: SearchDocument) -> str:
        return item.url

    def item_updateddate(self, item: SearchDocument) -> Any:
        return item.updated_at

    def item_pubdate(self, item: SearchDocument) -> Any:
        return item.updated_at

    def item_guid(self, item: SearchDocument) -> str:
        return f"{settings.SITE_URL}{item.url}#{item.updated_at.isoformat()}"


class MemberFeed(_DocumentFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Any:
        return get_object_or_404(apps.get_model("members", "Member"), slug=slug)

    def title(self, obj: Any) -> str:
        return _("%(member)s on the OpenGov Platform: latest changes") % {"member": obj.name}

    def link(self, obj: Any) -> str:
        return str(obj.get_absolute_url())

    def documents(self, obj: Any) -> QuerySet[SearchDocument]:
        return SearchDocument.objects.filter(member_id=obj.pk)


class PolicyAreaFeed(_DocumentFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Any:
        return get_object_or_404(apps.get_model("plans", "PolicyArea"), slug=slug)

    def title(self, obj: Any) -> str:
        return _("%(area)s: latest commitments and changes") % {"area": obj.name}

    def link(self, obj: Any) -> str:
        return str(obj.get_absolute_url())

    def documents(self, obj: Any) -> QuerySet[SearchDocument]:
        area_ids = [obj.pk, *obj.children.values_list("pk", flat=True)]
        return SearchDocument.objects.filter(areas__area_id__in=area_ids).distinct()


class SearchFeed(_DocumentFeed):
    """The best matches of a search, newest change first (a saved search to subscribe to)."""

    def get_object(self, request: HttpRequest) -> str:
        query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
        if not query:
            raise Http404(_("Give words to search for: ?q=..."))
        return query

    def title(self, obj: str) -> str:
        return _("Search: %(query)s") % {"query": obj}

    def link(self, obj: str) -> str:
        return reverse("search:search") + "?" + _urlencode(obj)

    def items(self, obj: str) -> Any:
        hits = search(obj, facets=False).hits
        return sorted((hit.document for hit in hits), key=lambda d: d.updated_at, reverse=True)


def _urlencode(query: str) -> str:
    from urllib.parse import urlencode

    return urlencode({"q": query})
