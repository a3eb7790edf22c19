import { api, unwrap } from '../../api/client'
import type { paths } from '../../api/schema'

export type AuditQuery = NonNullable<paths['/api/v1/audit-events/']['get']['parameters']['query']>

export const AUDIT_EVENTS_KEY = ['audit-events'] as const

export const fetchAuditEvents = (query: AuditQuery) => unwrap(api.GET('/api/v1/audit-events/', { params: { query } }))
