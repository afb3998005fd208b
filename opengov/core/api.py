"""What every app's REST API shares: rule-based permissions, the mapping of action errors to HTTP,
pagination, and the OpenAPI pieces that keep the schema accurate.

An app's viewset lists the rule (plans/rules.py etc.) that guards each action in ``permission_rules``
and calls its actions.py functions for every write; this module turns what those functions raise into
the right status code (PermissionDenied 403, ValidationError 400, EditConflict 409).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Protocol, TypeVar, cast

from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import exceptions, permissions, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from .concurrency import EditConflict
from .pagination import PageNumberPagination as PageNumberPagination  # re-exported: apps import it from here
from .queries import MAX_ID, parse_id
from .ratelimit import RateLimited

if TYPE_CHECKING:
    from rest_framework.permissions import _PermissionClass  # a name of the stubs only: what APIView declares

_M = TypeVar("_M", bound=Model)
_M_co = TypeVar("_M_co", bound=Model, covariant=True)

# ---------------------------------------------------------------------------------------------------------------------
# Permissions


class RulesPermission(permissions.BasePermission):
    """Checks the django-rules rule that ``view.permission_rules`` names for the current action.

    Detail actions (update, phase, withdraw, ...) are checked against the object, after get_object().
    Collection actions that create something are checked against the object the new row belongs to
    (the member of a plan, the plan of a commitment): ``view.get_permission_object()``. Unsafe actions
    without a rule are refused, so a new action cannot be left open by forgetting its rule.
    The actions themselves check the same rule again (core.permissions.require): this class gives the
    early, precise answer; the action is the guarantee.
    """

    def _rule(self, view: APIView) -> str | None:
        return getattr(view, "permission_rules", {}).get(getattr(view, "action", None))

    def has_permission(self, request: Request, view: APIView) -> bool:
        if not hasattr(view, (request.method or "").lower()):
            return True  # no such operation (DELETE): let DRF answer 405 rather than 403
        rule = self._rule(view)
        if rule is None:
            return request.method in permissions.SAFE_METHODS
        if not (request.user and request.user.is_authenticated):
            return False  # DRF answers 401 with WWW-Authenticate
        if getattr(view, "detail", False):
            return True  # checked against the object in has_object_permission
        get_object = getattr(view, "get_permission_object", None)
        target = get_object() if get_object else None
        # No target: the request names none (or an unknown one); the serializer reports that as 400.
        return target is None or request.user.has_perm(rule, target)

    def has_object_permission(self, request: Request, view: APIView, obj: Any) -> bool:
        rule = self._rule(view)
        if rule is None:
            return request.method in permissions.SAFE_METHODS
        return bool(request.user and request.user.has_perm(rule, obj))


class EditConflictError(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "edit_conflict"


def _validation_detail(exc: DjangoValidationError) -> dict[str, Any]:
    """A model ValidationError as DRF's field -> messages mapping (``__all__`` becomes non_field_errors)."""
    non_field: str = api_settings.NON_FIELD_ERRORS_KEY
    if hasattr(exc, "error_dict"):
        return {(non_field if field == "__all__" else field): messages for field, messages in exc.message_dict.items()}
    return {non_field: exc.messages}


# The mixin reads what the viewset it is mixed into provides (action, request, get_serializer...): to the checker it
# derives from that viewset; at run time from object, so the MRO stays the viewsets' own.
if TYPE_CHECKING:
    _ViewSet = viewsets.GenericViewSet[Any]
else:
    _ViewSet = object


class RulesViewSetMixin(_ViewSet):
    """Base for viewsets whose writes go through an app's actions.py.

    Set ``permission_rules = {"create": "plans.add_commitment", "update": ..., "phase": ...}``; for
    "create", set ``permission_parent_field`` to the serializer field naming the object the rule is
    checked against. Never define ``destroy``: nothing a user created is deleted.
    """

    # IsAuthenticatedOrReadOnly first: anonymous writes get 401, and drf-spectacular documents public reads.
    # An instance-level Sequence, as APIView declares it, so the viewsets that mix this in type-check.
    permission_classes: Sequence[_PermissionClass] = [
        permissions.IsAuthenticatedOrReadOnly,
        RulesPermission,
    ]
    permission_rules: ClassVar[dict[str, str]] = {}
    permission_parent_field: ClassVar[str | None] = None
    # The serializer of each write action's body; responses always use ``serializer_class``.
    write_serializer_classes: ClassVar[dict[str, type[serializers.BaseSerializer[Any]]]] = {}
    # Every viewset using this mixin sets its serializer_class (GenericAPIView allows None until then).
    serializer_class: type[serializers.BaseSerializer[Any]]

    def get_serializer_class(self) -> type[serializers.BaseSerializer[Any]]:
        chosen = self.write_serializer_classes.get(self.action)
        return chosen or self.serializer_class

    def validate_body(self, instance: Any = None, partial: bool = False) -> Any:
        """The write action's serializer, validated (400 with field messages otherwise).

        Typed Any: each viewset's write serializer has its own methods (``to_model_fields``...)."""
        serializer = self.get_serializer(instance, data=self.request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return serializer

    def respond(self, instance: Any, status_code: int = status.HTTP_200_OK) -> Response:
        """The object as the read endpoints show it (re-read with their annotations, after the write)."""
        fresh = self.get_queryset().get(pk=instance.pk)
        serializer = self.serializer_class(fresh, context=self.get_serializer_context())
        return Response(serializer.data, status=status_code)

    def get_permission_object(self) -> Any:
        """The object a "create" is authorised against, read from the request body; None if absent or unknown."""
        name = self.permission_parent_field
        data = self.request.data
        if not name or not hasattr(data, "get") or data.get(name) in (None, ""):
            return None
        field = self.get_serializer().fields[name]  # type: ignore[attr-defined]  # a write Serializer: it has fields
        try:
            return field.to_internal_value(data.get(name))
        except (exceptions.ValidationError, TypeError, ValueError):
            return None

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, EditConflict):
            version = exc.current.version
            conflict = EditConflictError()
            # Set after init: APIException would turn the version number into a string.
            # The body's shape is EditConflictSerializer's: a message and the current version number.
            conflict.detail = {
                "detail": _(  # type: ignore[dict-item]  # the detail holds a number too (APIException's stubs: text)
                    "This was changed by someone else after you read it, so your changes were not saved. "
                    "Read it again (current version %(version)s) and apply your changes to that version."
                )
                % {"version": version},
                "current_version": version,
            }
            exc = conflict
        elif isinstance(exc, DjangoValidationError):
            exc = exceptions.ValidationError(detail=_validation_detail(exc))
        elif isinstance(exc, RateLimited):
            exc = exceptions.Throttled(wait=exc.retry_after, detail=str(exc))
        response: Response = super().handle_exception(exc)
        return response


# ---------------------------------------------------------------------------------------------------------------------
# Serializer helpers


class PartialUpdateMixin:
    """PATCH for a viewset that defines ``update``: PUT with only some fields (``update`` gets ``partial=True``).

    Only viewsets that can update list it: the router offers (and the schema documents) PATCH wherever a
    ``partial_update`` exists, so a shared default would advertise PATCH on read-only collections."""

    def partial_update(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        # update() comes from the UpdateModelMixin of the viewset this is mixed into.
        response: Response = self.update(request, *args, partial=True, **kwargs)  # type: ignore[attr-defined]
        return response


class VersionField(serializers.IntegerField):
    """The ``version`` a client read; updates must send it back (even PATCH), so edits never cross."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("help_text", _("The version you read. Required on every update, PATCH included."))
        super().__init__(**kwargs)


def absolute_url(request: Request | None, path: str) -> str:
    """Links in API responses are absolute, so a client can follow them as they are."""
    return request.build_absolute_uri(path) if request is not None else path


class VersionedUpdateSerializer(serializers.ModelSerializer[Any]):
    """Changes to an existing object. Send the ``version`` you read (PATCH included): if someone saved a newer
    version meanwhile, nothing is changed and the answer is 409 Conflict."""

    # Why a base class: DRF drops ``required`` for PATCH; validate() and OpenGovAutoSchema keep version required.

    version = VersionField()
    always_required = ("version",)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "version" not in attrs:
            raise exceptions.ValidationError({"version": [_("Send the version you read.")]})
        validated: dict[str, Any] = super().validate(attrs)
        return validated


class _VisibleQuerySet(Protocol[_M_co]):
    """What VisibleRelatedField needs of its queryset: the apps' QuerySets that can hide rows offer visible_to."""

    def visible_to(self, user: Any) -> QuerySet[_M_co]: ...


class VisibleRelatedField(serializers.PrimaryKeyRelatedField[_M]):
    """A related object by id, looked up only among those the requesting user may see (the queryset's
    ``visible_to(user)``): one that exists but is hidden from them is refused with the very message of one that
    does not exist, so a 400 versus 403 difference cannot reveal it. Also what RulesViewSetMixin's
    get_permission_object reads, so the rule is checked only against visible objects."""

    def get_queryset(self) -> QuerySet[_M]:
        request = self.context.get("request")
        # The stubs know only a plain QuerySet; the field is given one of the apps' QuerySets with visible_to.
        queryset = cast("_VisibleQuerySet[_M]", super().get_queryset())
        return queryset.visible_to(getattr(request, "user", None))


class NamedChoiceField(serializers.ChoiceField):
    """A choice field whose OpenAPI enum is a component with a fixed name.

    drf-spectacular names enums after the property ("status"); several different ``status`` choice sets
    would collide and warn. Naming them here keeps the schema clean without project-wide settings.
    """

    def __init__(self, choices: Any, enum_name: str, **kwargs: Any) -> None:
        self.enum_name = enum_name
        super().__init__(choices, **kwargs)


class NamedChoiceFieldExtension(OpenApiSerializerFieldExtension):
    target_class = NamedChoiceField
    match_subclasses = True

    def get_name(self) -> str | None:
        name: str = self.target.enum_name
        return name

    def map_serializer_field(self, auto_schema: AutoSchema, direction: str) -> dict[str, Any]:
        choices = self.target.choices
        return {
            "type": "string",
            "enum": list(choices),
            "description": "\n".join(f"* `{value}` - {label}" for value, label in choices.items()),
        }


_NULL = {"type": "object", "nullable": True, "enum": [None]}


def _model_field_blank(field: Any) -> bool:
    """Whether the model field behind a serializer field allows "" (True when it cannot be told)."""
    model = getattr(getattr(getattr(field, "parent", None), "Meta", None), "model", None)
    if model is None or not field.source or "." in field.source:
        return True
    try:
        return bool(model._meta.get_field(field.source).blank)
    except Exception:  # noqa: BLE001 - a method or property, not a model field
        return True


class OpenGovAutoSchema(AutoSchema):
    """AutoSchema that keeps fields listed in a serializer's ``always_required`` required in PATCH bodies,
    and tags each operation with its router basename (members, action-plan, ...) instead of "v1"."""

    def _map_serializer_field(self, field: Any, direction: str, bypass_extensions: bool = False) -> Any:
        schema = super()._map_serializer_field(field, direction, bypass_extensions)  # type: ignore[no-untyped-call]
        if isinstance(field, serializers.URLField) and isinstance(schema, dict):
            schema = self._map_serializer_field_url(field, schema)
        # A nullable nested object comes out as {allOf: [$ref], nullable: true}; under OpenAPI 3.0.3, nullable does
        # not reach into allOf, so strict validators (and client generators) reject null. Say it explicitly.
        if isinstance(schema, dict) and schema.get("nullable") and len(schema.get("allOf", [])) == 1:
            rest = {key: value for key, value in schema.items() if key not in ("allOf", "nullable")}
            schema = {"oneOf": [*schema["allOf"], _NULL], **rest}
        return schema

    def _map_serializer_field_url(self, field: Any, schema: dict[str, Any]) -> dict[str, Any]:
        """A URL the model lets be empty is sent as "": say so, or clients validating ``format: uri`` reject it."""
        if schema.get("format") != "uri" or "anyOf" in schema or "oneOf" in schema:
            return schema
        if getattr(field, "allow_blank", False) or (field.read_only and _model_field_blank(field)):
            rest = {key: value for key, value in schema.items() if key not in ("type", "format", "maxLength")}
            uri = {key: schema[key] for key in ("type", "format", "maxLength") if key in schema}
            return {"anyOf": [uri, {"type": "string", "maxLength": 0}], **rest}
        return schema

    def _insert_field_validators(self, field: Any, schema: dict[str, Any]) -> None:
        super()._insert_field_validators(field, schema)  # type: ignore[no-untyped-call]
        # A blank-allowed URL becomes oneOf [uri, empty]; a validator that does not check "uri" (most don't by
        # default) finds "" valid under both and rejects it. anyOf says the same thing without that trap.
        if schema.get("oneOf", [None])[-1] == {"type": "string", "maxLength": 0}:
            schema["anyOf"] = schema.pop("oneOf")

    def _get_response_bodies(self, direction: Literal["request", "response"] = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        # What any operation may answer whatever it documents itself, so the schema lists every status the API
        # really sends (the contract test, test_api_contract.py, checks it): a wrong or expired token is 401
        # everywhere; a path naming an object may find none (404); a query string may be malformed (400); a
        # write may be refused by its rule (403); and every throttled operation may answer 429 (core/throttling.py).
        always: dict[str, OpenApiResponse] = {"401": UNAUTHENTICATED}
        if "{" in self.path:
            always["404"] = NOT_FOUND
        # drf-spectacular's AutoSchema internals below are unannotated (no-untyped-call): a stub gap.
        paginated = self._get_pagination_parameters()  # type: ignore[no-untyped-call]
        if self.method in ("GET", "HEAD") and self._get_filter_parameters() + paginated:
            always["400"] = VALIDATION_ERROR
        if paginated:
            always["404"] = NOT_FOUND  # a page after the last
        if self.method not in ("GET", "HEAD", "OPTIONS"):
            always["400"] = VALIDATION_ERROR
            always["403"] = FORBIDDEN
        if self.view.get_throttles():
            always["429"] = THROTTLED
        for code, response in always.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(  # type: ignore[no-untyped-call]  # stub gap, as above
                    response, code, direction=direction
                )
        return responses

    def _get_filter_parameters(self) -> list[dict[str, Any]]:
        # Unannotated in drf-spectacular (a stub gap): a list of OpenAPI parameter objects.
        parameters: list[dict[str, Any]] = super()._get_filter_parameters()  # type: ignore[no-untyped-call]
        # django-filter reads an empty value as "no filter": a choice parameter accepts "" too, so say so.
        for parameter in parameters:
            schema = parameter.get("schema", {})
            if "enum" in schema and "" not in schema["enum"]:
                schema["enum"] = [*schema["enum"], ""]
        return parameters

    def get_tags(self) -> list[str]:
        basename = getattr(self.view, "basename", None)
        return [basename] if basename else super().get_tags()

    def _map_basic_serializer(self, serializer: Any, direction: str) -> dict[str, Any]:
        schema: dict[str, Any] = super()._map_basic_serializer(serializer, direction)  # type: ignore[no-untyped-call]
        always = [name for name in getattr(serializer, "always_required", ()) if name in schema.get("properties", {})]
        if direction == "request" and always:
            schema["required"] = sorted(set(schema.get("required", [])) | set(always))
        return schema


class ErrorSerializer(serializers.Serializer[Any]):
    detail = serializers.CharField()


class EditConflictSerializer(serializers.Serializer[Any]):
    detail = serializers.CharField()
    current_version = serializers.IntegerField()


VALIDATION_ERROR = OpenApiResponse(
    response=OpenApiTypes.OBJECT,
    description=_(
        "Invalid input: each key is a field name (or non_field_errors) with its list of messages; "
        "nested fields give nested lists or objects."
    ),
)
NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Not found.")
UNAUTHENTICATED = OpenApiResponse(ErrorSerializer, description="The token or session sent is not valid.")
FORBIDDEN = OpenApiResponse(ErrorSerializer, description="The rule for this action does not allow it.")
THROTTLED = OpenApiResponse(
    ErrorSerializer, description="Too many requests from this client; the Retry-After header says when to retry."
)


def write_responses(ok: Any, ok_status: int = 200, conflict: bool = False) -> dict[int, Any]:
    """The responses of a write: the object, or why not (one place, so every write documents the same)."""
    responses: dict[int, Any] = {
        ok_status: ok,
        400: VALIDATION_ERROR,
        401: OpenApiResponse(ErrorSerializer, description="No credentials were sent."),
        403: OpenApiResponse(ErrorSerializer, description="The rule for this action does not allow it."),
    }
    if ok_status != 201:
        responses[404] = NOT_FOUND
    if conflict:
        responses[409] = OpenApiResponse(
            EditConflictSerializer, description="Someone saved a newer version since the client read it."
        )
    return responses


def list_responses(serializer: Any) -> dict[int, Any]:
    return {200: serializer, 400: VALIDATION_ERROR, 404: OpenApiResponse(ErrorSerializer, description="No such page.")}


def change_schemas(serializer: Any, thing: str, rule: str, parameters: Sequence[Any] = ()) -> dict[str, Any]:
    """``extend_schema_view`` entries for PUT and PATCH of one kind of object ("an action plan"), guarded by
    ``rule``: every viewset's update and partial update are documented alike."""
    extra: dict[str, Any] = {"parameters": list(parameters)} if parameters else {}
    return {
        "update": extend_schema(
            summary=f"Change {thing} (rule {rule})", **extra, responses=write_responses(serializer, conflict=True)
        ),
        "partial_update": extend_schema(
            summary=f"Change some fields of {thing} (rule {rule})",
            **extra,
            responses=write_responses(serializer, conflict=True),
        ),
    }


# ---------------------------------------------------------------------------------------------------------------------
# Pagination


def id_param(request: Request, name: str) -> int | None:
    """The id in query parameter ``name``, None when absent; 400 naming the parameter when it is not an id."""
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    value = parse_id(raw)
    if value is None:
        raise exceptions.ValidationError(
            {name: [_("Give the id as a whole number from 1 to %(max)s.") % {"max": MAX_ID}]}
        )
    return value


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(filters.NumberFilter):
    """A filter on a row id: whole numbers within 64 bits only (otherwise 400, never a database error)."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class StrictBooleanFilter(filters.BooleanFilter):
    """``true`` or ``false`` only: django-filter's BooleanFilter reads any other word (``null``) as "no filter"."""

    field_class = forms.TypedChoiceField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("choices", [("true", "true"), ("false", "false")])
        kwargs.setdefault("coerce", lambda value: value == "true")
        super().__init__(*args, **kwargs)
        self.extra["widget"] = forms.TextInput  # not BooleanWidget, which turns unknown words into "no filter"


extend_schema_field({"type": "boolean"})(StrictBooleanFilter)
