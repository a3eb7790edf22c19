from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import RefreshToken

from platform_core.api.viewsets import (
    ScopedCreateMixin,
    ScopedGenericViewSet,
    UnscopedAPIView,
    UnscopedViewSet,
    acting_user,
)
from platform_core.audit import record_event
from platform_core.errors import Forbidden, ServiceUnavailable
from platform_core.identity import oidc
from platform_core.identity.api.serializers import (
    ApiKeyCreatedSerializer,
    ApiKeySerializer,
    AuthConfigSerializer,
    MeSerializer,
    MeUpdateSerializer,
    OidcExchangeSerializer,
    RefreshSerializer,
    TokenObtainSerializer,
    TokenPairSerializer,
    UserSerializer,
)
from platform_core.identity.authentication import BearerAuthentication
from platform_core.identity.choices import ApiKeyScope
from platform_core.identity.permissions import ApiKeyScopePermission, IsPlatformOperator
from platform_core.identity.services import create_api_key, create_user, revoke_api_key, update_user
from platform_core.identity.throttling import LoginThrottle
from platform_core.models import ApiKey, AuditAction, User


def _signed_in(request: Request, user: User) -> Response:
    user_logged_in.send(sender=type(user), request=request, user=user)
    record_event(AuditAction.LOGIN, actor=user, obj=user)
    return Response(TokenPairSerializer.for_user(user))


class TokenObtainView(UnscopedAPIView):
    dangerously_not_tenant_scoped = "signs in: no one is authenticated yet"
    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    throttle_classes = [LoginThrottle]
    # Every failed sign-in is audited, even one with text the database cannot store: the
    # serializer refuses it and the audit record drops what cannot be stored.
    parser_classes = [JSONParser]

    @extend_schema(request=TokenObtainSerializer, responses=TokenPairSerializer, auth=[])
    def post(self, request: Request) -> Response:
        serializer = TokenObtainSerializer(data=request.data, context={"request": request})
        if not serializer.is_valid():
            email = request.data.get("email") if isinstance(request.data, dict) else None
            record_event(
                AuditAction.LOGIN_FAILED,
                actor=None,
                object_type="platform_core.user",
                object_repr=str(email or "")[:200],
            )
            serializer.is_valid(raise_exception=True)
        return _signed_in(request, serializer.validated_data["user"])


class TokenRefreshView(UnscopedAPIView):
    dangerously_not_tenant_scoped = "trades a refresh token for new tokens of its own user"
    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    throttle_classes = [LoginThrottle]

    @extend_schema(request=RefreshSerializer, responses=TokenPairSerializer, auth=[])
    def post(self, request: Request) -> Response:
        serializer = RefreshSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            refresh = RefreshToken(serializer.validated_data["refresh"])
            # convention: allow raw-queryset -- the refresh token's own user, no tenant's data
            user = User.objects.get(pk=refresh["user_id"], is_active=True)
            refresh.blacklist()
        except (TokenError, User.DoesNotExist, KeyError):
            raise serializers.ValidationError(
                {"refresh": ["The refresh token is invalid, expired or already used."]}
            ) from None
        return Response(TokenPairSerializer.for_user(user))


class LogoutView(UnscopedAPIView):
    dangerously_not_tenant_scoped = "revokes the caller's own refresh token"
    permission_classes = [IsAuthenticated, ApiKeyScopePermission]

    @extend_schema(request=RefreshSerializer, responses={204: None})
    def post(self, request: Request) -> Response:
        serializer = RefreshSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            refresh = RefreshToken(serializer.validated_data["refresh"])
            if str(refresh["user_id"]) != str(acting_user(request).pk):
                raise TokenError("The refresh token belongs to another user.")
            refresh.blacklist()
        except (TokenError, KeyError):
            raise serializers.ValidationError(
                {"refresh": ["The refresh token is invalid or expired."]}
            ) from None
        user = acting_user(request)
        record_event(AuditAction.LOGOUT, actor=user, obj=user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AuthConfigView(UnscopedAPIView):
    dangerously_not_tenant_scoped = "the platform's sign-in options, shown before sign-in"
    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    @extend_schema(responses=AuthConfigSerializer, auth=[])
    def get(self, request: Request) -> Response:
        options = oidc.config()
        data: dict[str, Any] = {
            "enabled": oidc.is_enabled(),
            "issuer": options["ISSUER"],
            "client_id": options["CLIENT_ID"],
            "authorization_endpoint": "",
            "token_endpoint": "",
            "end_session_endpoint": "",
            "scopes": ["openid", "email", "profile"],
        }
        if data["enabled"]:
            try:
                document = oidc.discovery()
            except AuthenticationFailed as exc:
                raise ServiceUnavailable(
                    str(exc.detail), code="identity_provider_unavailable"
                ) from exc
            for name in ("authorization_endpoint", "token_endpoint", "end_session_endpoint"):
                data[name] = document.get(name, "")
        return Response({"oidc": data})


class OidcExchangeView(UnscopedAPIView):
    """Trades a token from the identity provider for a platform token pair."""

    dangerously_not_tenant_scoped = "signs in through the identity provider"

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    throttle_classes = [LoginThrottle]

    def get_authenticate_header(self, request: Request) -> str:
        # Without it DRF turns a rejected provider token into 403; it is a 401.
        return BearerAuthentication().authenticate_header(request)

    @extend_schema(request=OidcExchangeSerializer, responses=TokenPairSerializer, auth=[])
    def post(self, request: Request) -> Response:
        if not oidc.is_enabled():
            raise serializers.ValidationError("Single sign-on is not configured on this platform.")
        serializer = OidcExchangeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token = (
            serializer.validated_data.get("id_token") or serializer.validated_data["access_token"]
        )
        user, _claims = oidc.authenticate_bearer(token)
        return _signed_in(request, user)


class MeView(UnscopedAPIView):
    dangerously_not_tenant_scoped = "the caller's own account"

    @extend_schema(responses=MeSerializer)
    def get(self, request: Request) -> Response:
        return Response(MeSerializer(request.user).data)

    @extend_schema(request=MeUpdateSerializer, responses=MeSerializer)
    def patch(self, request: Request) -> Response:
        serializer = MeUpdateSerializer(request.user, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        user = update_user(acting_user(request), acting_user(request), **serializer.validated_data)
        return Response(MeSerializer(user).data)


class UserViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    UnscopedViewSet,
):
    """Platform accounts. Operators (staff) only; deactivate instead of deleting."""

    dangerously_not_tenant_scoped = "accounts belong to the platform; only operators reach them"

    # convention: allow raw-queryset -- every account, for operators only (IsPlatformOperator)
    queryset = User.objects.order_by("id")
    serializer_class = UserSerializer
    permission_classes = [IsAuthenticated, ApiKeyScopePermission, IsPlatformOperator]
    api_key_scope = ApiKeyScope.ADMIN
    filterset_fields = ["is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    ordering_fields = ["id", "email", "date_joined"]

    def perform_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        serializer.instance = create_user(
            acting_user(self.request),
            email=data["email"],
            password=data.get("password"),
            full_name=data.get("full_name", ""),
            is_staff=data.get("is_staff", False),
            is_active=data.get("is_active", True),
        )

    def perform_update(self, serializer: Any) -> None:
        actor = acting_user(self.request)
        if serializer.instance.is_superuser and not actor.is_superuser:
            raise Forbidden("Only superusers may change a superuser's account.")
        serializer.instance = update_user(actor, serializer.instance, **serializer.validated_data)


@extend_schema_view(create=extend_schema(responses={201: ApiKeyCreatedSerializer}))
class ApiKeyViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    ScopedCreateMixin,
    mixins.DestroyModelMixin,
    ScopedGenericViewSet,
):
    """Personal API keys, optionally bound to one project. Secret shown once; DELETE revokes."""

    dangerously_unscoped_create = "a key is its creator's own and acts only as them"

    serializer_class = ApiKeySerializer
    api_key_scope = ApiKeyScope.ADMIN
    filterset_fields = ["name", "project"]
    ordering_fields = ["id", "created_at", "last_used_at"]

    def base_queryset(self) -> Any:
        return ApiKey.objects.select_related("project")

    def perform_create(self, serializer: Any) -> None:
        serializer.instance, self.secret = create_api_key(
            self.acting_user, **serializer.validated_data
        )

    def created_response(self, serializer: Any) -> Response:
        data = ApiKeyCreatedSerializer(serializer.instance).data
        data["key"] = self.secret  # shown only in this response; stored as a hash
        return Response(data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance: ApiKey) -> None:
        revoke_api_key(self.acting_user, instance)
