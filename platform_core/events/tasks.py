"""Celery tasks of platform events (autodiscovered); thin wrappers over the services."""

from celery import shared_task

from platform_core.events import delivery, outbox


@shared_task(name=outbox.RELAY_TASK)
def relay_events() -> None:
    outbox.relay_events()


@shared_task(name=delivery.DELIVER_TASK)
def deliver_webhook(delivery_id: int) -> None:
    delivery.deliver(delivery_id)


@shared_task(name="platform_core.sweep_events")
def sweep_events() -> None:
    outbox.sweep()
