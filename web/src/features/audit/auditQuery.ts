import type { AuditQuery } from './api'
import type { AuditFilterValues } from './AuditFilters'

/**
 * The API query for the chosen filters; empty filters are left out. `until` is exclusive.
 * Without an organization the query covers everything the caller may see (operators: the platform).
 */
export function auditQueryFromFilters(organization: number | undefined, filters: AuditFilterValues): AuditQuery {
  const [from, to] = filters.period ?? [null, null]
  const query: AuditQuery = organization === undefined ? {} : { organization }
  if (filters.action?.length) query.action = filters.action
  if (filters.actor?.trim()) query.actor = filters.actor.trim()
  if (filters.object_type?.trim()) query.object_type = filters.object_type.trim()
  if (filters.project !== undefined) query.project = filters.project
  if (filters.search?.trim()) query.search = filters.search.trim()
  if (from) query.since = from.startOf('day').toISOString()
  if (to) query.until = to.add(1, 'day').startOf('day').toISOString()
  return query
}
