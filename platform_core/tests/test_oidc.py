"""OIDC sign-in against a real provider (oauth2-mock-server on 127.0.0.1).

Tokens are RS256-signed by the provider and verified by the platform through the
provider's discovery document and JWKS; nothing on the provider side is mocked.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from platform_core.identity import oidc
from platform_core.models import AuditEvent, OrganizationMembership, User
from tests.factories import PASSWORD, add_org_member, client_for, make_organization, make_user
from tests.servers.oidc import OidcProvider, running_oidc_provider

if TYPE_CHECKING:  # the test client's response type exists in the stubs only
    from rest_framework.response import _MonkeyPatchedResponse as Response

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

AUDIENCE = "zhongtai"
CLIENT_ID = "zhongtai-web"
GROUP_ROLE_MAP = {
    "acme-admins": {"organization": "acme", "role": "admin"},
    "acme-members": {"organization": "acme", "role": "member"},
    "globex-viewers": {"organization": "globex", "role": "viewer"},
    "ghost-members": {"organization": "no-such-org", "role": "member"},
}

EXCHANGE_URL = "/api/v1/auth/oidc/exchange/"
ME_URL = "/api/v1/me/"
CONFIG_URL = "/api/v1/auth/config/"

SIGN_IN_PATHS = ["bearer", "exchange"]


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OidcProvider]:
    with running_oidc_provider(tmp_path_factory.mktemp("oidc")) as running:
        yield running


@pytest.fixture(autouse=True)
def oidc_settings(settings: Any, provider: OidcProvider) -> Iterator[None]:
    settings.OIDC = {
        "ISSUER": provider.issuer,
        "AUDIENCE": AUDIENCE,
        "CLIENT_ID": CLIENT_ID,
        "EMAIL_CLAIM": "email",
        "GROUPS_CLAIM": "groups",
        "GROUP_ROLE_MAP": GROUP_ROLE_MAP,
    }
    oidc.forget_provider_metadata()
    yield
    oidc.forget_provider_metadata()


def token_for(provider: OidcProvider, sub: str, **claims: Any) -> str:
    """A provider token for ``sub``, aimed at the platform unless ``aud`` is given."""
    return provider.issue_token(**{"sub": sub, "aud": AUDIENCE, **claims})


def exchange(token: str, field: str = "access_token") -> Response:
    response: Response = client_for().post(EXCHANGE_URL, {field: token}, format="json")
    return response


def me_with(token: str) -> Response:
    response: Response = client_for(token=token).get(ME_URL)
    return response


def sign_in(path: str, token: str) -> Response:
    """Present a provider token as a bearer token on the API, or trade it via the exchange."""
    return me_with(token) if path == "bearer" else exchange(token)


def assert_error(response: Response, status: int, message_part: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}
    error: dict[str, Any] = body["error"]
    assert set(error) == {"code", "message", "details"}
    assert message_part in error["message"]
    return error


def org_roles(user: User) -> dict[str, str]:
    memberships = OrganizationMembership.objects.filter(user=user).select_related("organization")
    return {membership.organization.slug: membership.role for membership in memberships}


def closed_port() -> int:
    """A 127.0.0.1 port nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def forged_token(provider: OidcProvider, **claims: Any) -> str:
    """Valid-looking claims under the provider's key id, but signed with another RSA key."""
    kid = provider.jwks()["keys"][0]["kid"]
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = int(time.time())
    payload = {"iss": provider.issuer, "aud": AUDIENCE, "iat": now, "exp": now + 600, **claims}
    return jwt.encode(payload, key, algorithm="RS256", headers={"kid": kid})


# --- sign-in ----------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["access_token", "id_token"])
def test_exchange_creates_the_user_and_returns_working_platform_tokens(
    provider: OidcProvider, field: str
) -> None:
    token = token_for(provider, "kc-ada", email="Ada@Example.com", name="Ada Lovelace")

    response = exchange(token, field)

    assert response.status_code == 200, response.content
    pair = response.json()
    assert set(pair) == {"access", "refresh"}
    user = User.objects.get(oidc_subject="kc-ada")
    assert user.email == "ada@example.com"
    assert user.full_name == "Ada Lovelace"
    assert not user.has_usable_password()
    assert AuditEvent.objects.filter(action="login", actor=user).count() == 1

    me = client_for(token=pair["access"]).get(ME_URL)
    assert me.status_code == 200, me.content
    assert me.json()["id"] == user.pk
    assert me.json()["email"] == "ada@example.com"

    refreshed = client_for().post(
        "/api/v1/auth/token/refresh/", {"refresh": pair["refresh"]}, format="json"
    )
    assert refreshed.status_code == 200, refreshed.content
    assert client_for(token=refreshed.json()["access"]).get(ME_URL).status_code == 200


def test_second_login_links_the_same_user_by_subject_even_if_the_email_changed(
    provider: OidcProvider,
) -> None:
    first = exchange(token_for(provider, "kc-bob", email="bob@example.com"))
    assert first.status_code == 200, first.content
    user = User.objects.get(oidc_subject="kc-bob")

    second = exchange(token_for(provider, "kc-bob", email="robert@example.org"))

    assert second.status_code == 200, second.content
    assert User.objects.count() == 1
    me = client_for(token=second.json()["access"]).get(ME_URL)
    assert me.json()["id"] == user.pk


def test_a_known_subject_signs_in_without_an_email_claim(provider: OidcProvider) -> None:
    assert exchange(token_for(provider, "kc-carol", email="carol@example.com")).status_code == 200
    user = User.objects.get(oidc_subject="kc-carol")

    response = me_with(token_for(provider, "kc-carol"))

    assert response.status_code == 200, response.content
    assert response.json()["id"] == user.pk


def test_existing_password_user_with_the_same_email_is_linked_not_duplicated(
    provider: OidcProvider,
) -> None:
    grace = make_user("grace@example.com")

    response = exchange(
        token_for(provider, "kc-grace", email="GRACE@example.com", email_verified=True)
    )

    assert response.status_code == 200, response.content
    assert User.objects.count() == 1
    grace.refresh_from_db()
    assert grace.oidc_subject == "kc-grace"
    assert client_for(token=response.json()["access"]).get(ME_URL).json()["id"] == grace.pk
    password_login = client_for().post(
        "/api/v1/auth/token/", {"email": "grace@example.com", "password": PASSWORD}, format="json"
    )
    assert password_login.status_code == 200, password_login.content


@pytest.mark.parametrize("path", SIGN_IN_PATHS)
def test_an_unverified_email_does_not_take_over_an_existing_account(
    provider: OidcProvider, path: str
) -> None:
    grace = make_user("grace@example.com")
    token = token_for(provider, "kc-mallory", email="grace@example.com", email_verified=False)

    assert_error(sign_in(path, token), 401, "has not verified this email address")

    grace.refresh_from_db()
    assert grace.oidc_subject == ""
    assert User.objects.count() == 1


def test_provider_bearer_token_works_directly_on_the_api(provider: OidcProvider) -> None:
    token = token_for(provider, "kc-dan", email="dan@example.com", groups=["acme-members"])
    acme = make_organization(make_user("owner@acme.example.com"), slug="acme")

    response = me_with(token)

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["email"] == "dan@example.com"
    assert body["id"] == User.objects.get(oidc_subject="kc-dan").pk
    assert [(org["slug"], org["role"]) for org in body["organizations"]] == [(acme.slug, "member")]
    # The same token again signs in the same user instead of creating another one.
    assert me_with(token).json()["id"] == body["id"]
    assert User.objects.filter(oidc_subject="kc-dan").count() == 1


@pytest.mark.parametrize("path", SIGN_IN_PATHS)
def test_a_token_without_email_for_an_unknown_subject_is_refused(
    provider: OidcProvider, path: str
) -> None:
    token = token_for(provider, "kc-nobody", email=None)

    assert_error(sign_in(path, token), 401, "no 'email' claim")

    assert not User.objects.exists()


@pytest.mark.parametrize("path", SIGN_IN_PATHS)
def test_a_disabled_account_cannot_sign_in_with_the_provider(
    provider: OidcProvider, path: str
) -> None:
    erin = make_user("erin@example.com", is_active=False)
    token = token_for(provider, "kc-erin", email="erin@example.com")

    assert_error(sign_in(path, token), 401, "This account is disabled.")
    erin.refresh_from_db()
    assert erin.oidc_subject == ""


# --- groups -> organization roles ------------------------------------------------------------


def test_group_mapping_creates_and_updates_memberships_and_leaves_other_orgs_alone(
    provider: OidcProvider,
) -> None:
    owner = make_user("owner@example.com")
    make_organization(owner, slug="acme")
    make_organization(owner, slug="globex")
    initech = make_organization(owner, slug="initech")
    heidi = make_user("heidi@example.com")
    add_org_member(initech, heidi, "admin")

    def sign_in_with_groups(*groups: str) -> None:
        token = token_for(provider, "kc-heidi", email="heidi@example.com", groups=list(groups))
        response = exchange(token)
        assert response.status_code == 200, response.content

    sign_in_with_groups("acme-members", "globex-viewers", "ghost-members", "not-mapped")
    assert org_roles(heidi) == {"acme": "member", "globex": "viewer", "initech": "admin"}

    # Promoted at the provider: the strongest mapped role wins.
    sign_in_with_groups("acme-members", "acme-admins", "globex-viewers")
    assert org_roles(heidi) == {"acme": "admin", "globex": "viewer", "initech": "admin"}

    # Demoted at the provider.
    sign_in_with_groups("acme-members")
    assert org_roles(heidi)["acme"] == "member"
    assert org_roles(heidi)["initech"] == "admin"
    assert (
        AuditEvent.objects.filter(
            action="update", object_type="platform_core.organizationmembership", actor=heidi
        ).count()
        == 2
    )


def test_group_mapping_never_leaves_an_organization_without_an_owner(
    provider: OidcProvider,
) -> None:
    founder = make_user("founder@example.com")
    acme = make_organization(founder, slug="acme")
    token = token_for(provider, "kc-founder", email="founder@example.com", groups=["acme-members"])

    response = exchange(token)

    assert response.status_code == 200, response.content
    assert org_roles(founder) == {"acme": "owner"}

    # With another owner in place the mapping applies to the founder like to anyone else.
    add_org_member(acme, make_user("cofounder@example.com"), "owner")
    assert exchange(token).status_code == 200
    assert org_roles(founder) == {"acme": "member"}


# --- rejected tokens ---------------------------------------------------------------------


def _expired(provider: OidcProvider) -> str:
    now = int(time.time())
    return token_for(provider, "kc-x", email="x@example.com", iat=now - 7200, exp=now - 3600)


def _wrong_audience(provider: OidcProvider) -> str:
    return token_for(provider, "kc-x", email="x@example.com", aud="another-application")


def _wrong_issuer(provider: OidcProvider) -> str:
    # Signed by the real provider key: only the issuer is wrong.
    return token_for(provider, "kc-x", email="x@example.com", iss="https://evil.example.com")


def _other_key(provider: OidcProvider) -> str:
    return forged_token(provider, sub="kc-x", email="x@example.com")


REJECTED = {
    "expired": (_expired, "Signature has expired"),
    "wrong audience": (_wrong_audience, "Audience doesn't match"),
    "wrong issuer": (_wrong_issuer, "Invalid issuer"),
    "signed by another key": (_other_key, "Signature verification failed"),
}


@pytest.mark.parametrize("path", SIGN_IN_PATHS)
@pytest.mark.parametrize("case", list(REJECTED))
def test_invalid_provider_tokens_are_rejected(provider: OidcProvider, case: str, path: str) -> None:
    make_token, reason = REJECTED[case]

    response = sign_in(path, make_token(provider))

    error = assert_error(response, 401, f"The identity provider's token is not valid: {reason}")
    assert error["code"] == "authentication_failed"
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'
    assert not User.objects.exists()


@pytest.mark.parametrize("path", SIGN_IN_PATHS)
def test_garbage_is_not_a_provider_token(provider: OidcProvider, path: str) -> None:
    assert_error(sign_in(path, "not-a-jwt"), 401, "The identity provider's token is not valid")


# --- configuration --------------------------------------------------------------------------


def test_exchange_when_oidc_is_not_configured_answers_400(
    settings: Any, provider: OidcProvider
) -> None:
    settings.OIDC = {**settings.OIDC, "ISSUER": ""}
    token = token_for(provider, "kc-ivan", email="ivan@example.com")

    error = assert_error(exchange(token), 400, "Single sign-on is not configured")
    assert error["code"] == "invalid"
    # Nor is the provider's token accepted as a bearer token.
    assert_error(me_with(token), 401, "The token is invalid or expired.")
    assert not User.objects.exists()


def test_auth_config_reports_the_provider_endpoints_from_discovery(provider: OidcProvider) -> None:
    response = client_for().get(CONFIG_URL)

    assert response.status_code == 200, response.content
    assert response.json()["oidc"] == {
        "enabled": True,
        "issuer": provider.issuer,
        "client_id": CLIENT_ID,
        "authorization_endpoint": f"{provider.issuer}/authorize",
        "token_endpoint": f"{provider.issuer}/token",
        "end_session_endpoint": f"{provider.issuer}/endsession",
        "scopes": ["openid", "email", "profile"],
    }


def test_auth_config_reports_disabled_without_an_issuer(settings: Any) -> None:
    settings.OIDC = {**settings.OIDC, "ISSUER": ""}

    response = client_for().get(CONFIG_URL)

    assert response.status_code == 200, response.content
    oidc_config = response.json()["oidc"]
    assert oidc_config["enabled"] is False
    assert oidc_config["authorization_endpoint"] == ""


# --- provider outages ---------------------------------------------------------------------


@pytest.mark.parametrize("path", SIGN_IN_PATHS)
def test_unreachable_provider_is_a_clear_401(
    settings: Any, provider: OidcProvider, path: str
) -> None:
    token = token_for(provider, "kc-judy", email="judy@example.com")
    settings.OIDC = {**settings.OIDC, "ISSUER": f"http://127.0.0.1:{closed_port()}"}

    assert_error(sign_in(path, token), 401, "The identity provider cannot be reached.")
    assert not User.objects.exists()


@pytest.mark.parametrize("path", SIGN_IN_PATHS)
def test_provider_going_down_after_discovery_is_a_clear_401(
    settings: Any, tmp_path: Path, path: str
) -> None:
    with running_oidc_provider(tmp_path) as short_lived:
        settings.OIDC = {**settings.OIDC, "ISSUER": short_lived.issuer}
        token = token_for(short_lived, "kc-ken", email="ken@example.com")
        assert client_for().get(CONFIG_URL).status_code == 200  # discovery is now cached

    response = sign_in(path, token)

    assert_error(response, 401, "The identity provider cannot be reached.")
    assert not User.objects.exists()


def test_auth_config_answers_503_while_the_provider_is_down(settings: Any) -> None:
    settings.OIDC = {**settings.OIDC, "ISSUER": f"http://127.0.0.1:{closed_port()}"}

    error = assert_error(
        client_for().get(CONFIG_URL), 503, "The identity provider cannot be reached."
    )
    assert error["code"] == "identity_provider_unavailable"


@pytest.mark.parametrize("path", SIGN_IN_PATHS)
def test_discovery_naming_another_issuer_is_refused(
    settings: Any, provider: OidcProvider, path: str
) -> None:
    token = token_for(provider, "kc-lena", email="lena@example.com")
    # The same server reached under another name: its metadata names 127.0.0.1, not localhost.
    settings.OIDC = {**settings.OIDC, "ISSUER": provider.issuer.replace("127.0.0.1", "localhost")}

    assert_error(sign_in(path, token), 401, "metadata names another issuer")
    assert not User.objects.exists()
