"""Where webhook URLs are checked: when a webhook is saved and again before every attempt.

This is the one place an outbound-address policy applies to webhooks, so every connection
the relay makes for a user has passed it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from platform_core.errors import InvalidInput

MAX_URL_LENGTH = 2000


def check_outbound_url(url: str) -> str:
    """``url`` if the platform may send events to it, else ``InvalidInput`` on ``url``."""

    def refuse(reason: str) -> InvalidInput:
        return InvalidInput(f"The webhook URL is refused: {reason}", details={"url": [reason]})

    if len(url) > MAX_URL_LENGTH:
        raise refuse(f"At most {MAX_URL_LENGTH} characters.")
    if any(ord(character) < 33 or ord(character) == 127 for character in url):
        raise refuse("No spaces or control characters.")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (parsing it checks its range)
    except ValueError as exc:
        raise refuse(f"Not a valid URL ({exc}).") from None
    if parts.scheme not in ("https", "http"):
        raise refuse("Must start with https:// or http://.")
    if not parts.hostname:
        raise refuse("Must name a host.")
    if parts.username is not None or parts.password is not None:
        raise refuse("Must not carry credentials; the signature authenticates the platform.")
    if parts.fragment:
        raise refuse("Must not have a #fragment.")
    return url
