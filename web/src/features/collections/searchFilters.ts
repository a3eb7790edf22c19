import type { SchemaColumn } from '../../api/types'

export type FilterOperator = 'eq' | 'in' | 'gte' | 'lte'

/** One condition of the search form: a metadata column compared with what was typed. */
export interface FilterCondition {
  column?: string
  operator?: FilterOperator
  value?: string
}

type FilterValue = string | number | boolean
type ColumnFilter = FilterValue | { in: FilterValue[] } | { gte?: FilterValue; lte?: FilterValue }

const NUMERIC_TYPE = /^(u?int\d*|float\d*|double|halffloat|decimal.*)$/

/** What was typed, as the column's type reads it: a number for numeric columns, true/false for booleans. */
export function typedValue(text: string, type: string | undefined): FilterValue {
  const trimmed = text.trim()
  if (type && NUMERIC_TYPE.test(type) && trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed)
  if (type === 'bool' && (trimmed === 'true' || trimmed === 'false')) return trimmed === 'true'
  return trimmed
}

/**
 * The search's `filters`: per column a value, {"in": [...]} (typed as comma-separated values), or
 * {"gte", "lte"} (both bounds of one column combine). Unfinished conditions are left out.
 */
export function toSearchFilters(conditions: FilterCondition[], columns: SchemaColumn[]): Record<string, ColumnFilter> {
  const filters: Record<string, ColumnFilter> = {}
  for (const { column, operator, value } of conditions) {
    if (!column || !operator || value === undefined || value.trim() === '') continue
    const type = columns.find((candidate) => candidate.name === column)?.type
    if (operator === 'eq') filters[column] = typedValue(value, type)
    else if (operator === 'in') filters[column] = { in: value.split(/[,，]/).filter((item) => item.trim()).map((item) => typedValue(item, type)) }
    else {
      const current = filters[column]
      const range = typeof current === 'object' && !('in' in current) ? current : {}
      filters[column] = { ...range, [operator]: typedValue(value, type) }
    }
  }
  return filters
}
