import { api, unwrap } from '../../api/client'
import type { WebhookRequest } from '../../api/types'
import type { CursorParams } from '../../hooks/useCursorList'
import type { PageParams } from '../../hooks/useList'

/** Prefix of every webhook query; invalidate it after any change to webhooks. */
export const WEBHOOKS_KEY = ['webhooks'] as const

export const fetchWebhooks = (query: PageParams & { project: number }) =>
  unwrap(api.GET('/api/v1/webhooks/', { params: { query } }))

export const fetchEventTypes = () => unwrap(api.GET('/api/v1/webhooks/event-types/'))

export const createWebhook = (body: WebhookRequest) => unwrap(api.POST('/api/v1/webhooks/', { body }))

export const setWebhookActive = (id: number, is_active: boolean) =>
  unwrap(api.PATCH('/api/v1/webhooks/{id}/', { params: { path: { id } }, body: { is_active } }))

export const deleteWebhook = (id: number) => unwrap(api.DELETE('/api/v1/webhooks/{id}/', { params: { path: { id } } }))

export const pingWebhook = (id: number) => unwrap(api.POST('/api/v1/webhooks/{id}/ping/', { params: { path: { id } } }))

export const fetchDeliveries = (id: number, query: CursorParams) =>
  unwrap(api.GET('/api/v1/webhooks/{id}/deliveries/', { params: { path: { id }, query } }))
