"""The permission hub: roles and per-object grants decide which rows a user reaches.

Every queryset that reaches a user goes through ``restrict(user, action)``;
single objects are checked with ``user_can``.
"""

from platform_core.permissions.access import user_can, user_can_add
from platform_core.permissions.scope import Scope

__all__ = ["Scope", "user_can", "user_can_add"]
