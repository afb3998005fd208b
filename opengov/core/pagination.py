"""The API's pagination (DEFAULT_PAGINATION_CLASS). Its own module because DRF imports that setting while defining
GenericAPIView: this file must not import rest_framework.generics (core/api.py does, through drf-spectacular)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import exceptions, pagination
from rest_framework.request import Request

from .queries import MAX_ID, parse_id


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=2&page_size=100``; the page size is capped so one request cannot ask for everything."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> Any:
        # DRF quietly ignores a malformed page size (page_size=null gives the default): refuse it like any
        # other malformed parameter, so a client learns of its mistake.
        errors = {}
        for name, maximum in ((self.page_query_param, MAX_ID), (self.page_size_query_param, self.max_page_size)):
            raw = request.query_params.get(name)
            if raw is not None and ((parsed := parse_id(raw)) is None or parsed > maximum):
                errors[name] = [_("Give a whole number from 1 to %(max)s.") % {"max": maximum}]
        if errors:
            raise exceptions.ValidationError(errors)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        bounds = {self.page_query_param: MAX_ID, self.page_size_query_param: self.max_page_size}
        for parameter in parameters:
            parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": bounds[parameter["name"]]}
        return parameters


# ---------------------------------------------------------------------------------------------------------------------
# Integer query parameters: validated before they reach the database (see core.queries.parse_id)
