from platform_core.audit.context import AuditContext, audit_context, bind_audit_context
from platform_core.audit.recorder import record_event, snapshot, tracked_changes

__all__ = [
    "AuditContext",
    "audit_context",
    "bind_audit_context",
    "record_event",
    "snapshot",
    "tracked_changes",
]
