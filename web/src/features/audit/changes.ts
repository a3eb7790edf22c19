import dayjs from 'dayjs'
import type { AuditEvent } from '../../api/types'

export interface FieldChange {
  field: string
  before: unknown
  after: unknown
}

/** An event's `changes` ({field: [old, new]}) as rows; anything of another shape is shown as the new value. */
export function fieldChanges(changes: AuditEvent['changes']): FieldChange[] {
  if (!changes || typeof changes !== 'object' || Array.isArray(changes)) return []
  return Object.entries(changes as Record<string, unknown>).map(([field, value]) =>
    Array.isArray(value) && value.length === 2
      ? { field, before: value[0], after: value[1] }
      : { field, before: undefined, after: value },
  )
}

/** How a changed value reads in a table cell. */
export function formatChangeValue(value: unknown): string {
  if (value === undefined) return ''
  if (value === null) return '∅'
  if (typeof value === 'string') return value
  return JSON.stringify(value)
}

/** Events per calendar day over the last `days` days, oldest first, days without events as 0. */
export function countEventsPerDay(events: Pick<AuditEvent, 'time'>[], days: number, today = dayjs()) {
  const counts = new Map<string, number>()
  for (let offset = days - 1; offset >= 0; offset--) counts.set(today.subtract(offset, 'day').format('YYYY-MM-DD'), 0)
  for (const event of events) {
    const day = dayjs(event.time).format('YYYY-MM-DD')
    const count = counts.get(day)
    if (count !== undefined) counts.set(day, count + 1)
  }
  return [...counts].map(([day, count]) => ({ day, count }))
}
