import logging

from platform_core.audit.context import audit_context


class RequestContextFilter(logging.Filter):
    """Adds the current request id to every log record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            # django.request logs a response after the middleware has unbound the
            # context, but hands over the request itself.
            request = getattr(record, "request", None)
            record.request_id = (
                getattr(request, "request_id", None) or audit_context().request_id or None
            )
        return True
