/**
 * The job builder's steps: the shape the form edits, the schema reaching each step, and the
 * pipeline step the API takes (the grammar of data_platform/services/pipeline/).
 */
import type { PipelineStep, SchemaColumn, StepOp } from '../../api/types'

/** Filter operators (conditions.py); the last two take no value, `in`/`not_in` a list. */
export const CONDITION_OPS = ['==', '!=', '<', '<=', '>', '>=', 'in', 'not_in', 'contains', 'starts_with', 'ends_with', 'is_null', 'not_null'] as const
export type ConditionOp = (typeof CONDITION_OPS)[number]
const NULL_TESTS: readonly ConditionOp[] = ['is_null', 'not_null']
const LIST_OPS: readonly ConditionOp[] = ['in', 'not_in']

/** Types a cast step converts to, and the Arrow type each gives (schema.py). */
export const CAST_TYPES = {
  integer: 'int64',
  float: 'double',
  string: 'string',
  boolean: 'bool',
  datetime: 'timestamp[us]',
  date: 'date32[day]',
} as const
export type CastType = keyof typeof CAST_TYPES

interface ConditionValues {
  column?: string
  op?: ConditionOp
  /** Typed as text; comma-separated for `in` and `not_in`. */
  value?: string
}

/** One step as the builder's form holds it; fields stay optional while it is being filled in. */
export type StepValues =
  | { op: 'select'; columns?: string[] }
  | { op: 'rename'; pairs?: { from?: string; to?: string }[] }
  | { op: 'filter'; match?: 'all' | 'any'; conditions?: ConditionValues[] }
  | { op: 'drop_duplicates'; columns?: string[] }
  | { op: 'fill_missing'; fills?: { column?: string; value?: string }[] }
  | { op: 'cast'; casts?: { column?: string; type?: CastType }[] }
  | { op: 'join'; version?: number; on?: string[]; how?: 'inner' | 'left'; suffix?: string }
  | { op: 'split'; test_fraction?: number; seed?: number; column?: string }
  | { op: 'sample'; by?: 'n' | 'fraction'; n?: number; fraction?: number; seed?: number }

/** What a newly added step starts with. */
export function newStep(op: StepOp): StepValues {
  switch (op) {
    case 'filter':
      return { op, match: 'all', conditions: [{ op: '==' }] }
    case 'rename':
      return { op, pairs: [{}] }
    case 'fill_missing':
      return { op, fills: [{}] }
    case 'cast':
      return { op, casts: [{}] }
    case 'join':
      return { op, how: 'inner', suffix: '_right' }
    case 'split':
      return { op, test_fraction: 0.2, seed: 0, column: 'split' }
    case 'sample':
      return { op, by: 'n', n: 1000, seed: 0 }
    default:
      return { op }
  }
}

export function needsValue(op: ConditionOp | undefined): boolean {
  return op === undefined || !NULL_TESTS.includes(op)
}

/** Column name → Arrow type name, in column order. */
export type Schema = Record<string, string>

export function schemaOf(columns: SchemaColumn[]): Schema {
  return Object.fromEntries(columns.map(({ name, type }) => [name, type]))
}

/** The version the steps transform: the first input that no join step reads. */
export function primaryInput(inputs: number[], steps: StepValues[]): number | undefined {
  const joined = new Set(steps.flatMap((step) => (step.op === 'join' && step.version !== undefined ? [step.version] : [])))
  return inputs.find((input) => !joined.has(input))
}

function filled<T>(items: (T | undefined)[] | undefined): T[] {
  return (items ?? []).filter((item): item is T => item !== undefined && item !== null)
}

/** The schema a step passes on, as far as the form is filled in (the API checks it exactly). */
function schemaAfter(step: StepValues, schema: Schema, inputs: Record<number, Schema>): Schema {
  switch (step.op) {
    case 'select': {
      const columns = filled(step.columns).filter((column) => column in schema)
      return columns.length ? Object.fromEntries(columns.map((column) => [column, schema[column]!])) : schema
    }
    case 'rename': {
      const renames = new Map(filled(step.pairs).flatMap(({ from, to }) => (from && to ? [[from, to]] : [])))
      return Object.fromEntries(Object.entries(schema).map(([name, type]) => [renames.get(name) ?? name, type]))
    }
    case 'cast': {
      const casts = filled(step.casts).flatMap(({ column, type }) => (column && type && column in schema ? [[column, CAST_TYPES[type]]] : []))
      return { ...schema, ...Object.fromEntries(casts) }
    }
    case 'join': {
      const right = step.version === undefined ? undefined : inputs[step.version]
      if (!right) return schema
      const keys = new Set(filled(step.on))
      const suffix = step.suffix || '_right'
      const added = Object.entries(right)
        .filter(([name]) => !keys.has(name))
        .map(([name, type]) => [name in schema ? `${name}${suffix}` : name, type])
      return { ...schema, ...Object.fromEntries(added) }
    }
    case 'split':
      return { ...schema, [step.column || 'split']: 'string' }
    default:
      return schema
  }
}

/** The schema reaching each step, starting from the transformed input's. */
export function schemasBeforeSteps(input: Schema, steps: StepValues[], inputs: Record<number, Schema>): Schema[] {
  const before: Schema[] = []
  let schema = input
  for (const step of steps) {
    before.push(schema)
    schema = schemaAfter(step, schema, inputs)
  }
  return before
}

/** A value typed as text, as the column's type wants it: numbers and booleans for such columns. */
export function typedValue(text: string, type: string | undefined): string | number | boolean {
  const trimmed = text.trim()
  if (type && /^(u?int|float|double|halffloat|decimal)/.test(type)) {
    const number = Number(trimmed)
    return trimmed !== '' && Number.isFinite(number) ? number : text
  }
  if (type === 'bool' && (trimmed === 'true' || trimmed === 'false')) return trimmed === 'true'
  return text
}

function condition({ column, op, value }: ConditionValues, schema: Schema): Record<string, unknown> {
  const type = column === undefined ? undefined : schema[column]
  if (!needsValue(op)) return { column, op }
  const text = value ?? ''
  const typed = op && LIST_OPS.includes(op) ? text.split(',').map((item) => typedValue(item.trim(), type)) : typedValue(text, type)
  return { column, op, value: typed }
}

/** The API's step for one form step, given the schema reaching it. */
function toPipelineStep(step: StepValues, schema: Schema): PipelineStep {
  switch (step.op) {
    case 'rename':
      return { op: step.op, columns: Object.fromEntries(filled(step.pairs).map(({ from, to }) => [from ?? '', to ?? ''])) }
    case 'filter': {
      const conditions = filled(step.conditions).map((item) => condition(item, schema))
      return { op: step.op, where: conditions.length === 1 ? conditions[0] : { [step.match ?? 'all']: conditions } }
    }
    case 'drop_duplicates':
      return step.columns?.length ? { op: step.op, columns: step.columns } : { op: step.op }
    case 'fill_missing':
      return {
        op: step.op,
        values: Object.fromEntries(
          filled(step.fills).map(({ column, value }) => [column ?? '', typedValue(value ?? '', column === undefined ? undefined : schema[column])]),
        ),
      }
    case 'cast':
      return { op: step.op, columns: Object.fromEntries(filled(step.casts).map(({ column, type }) => [column ?? '', type])) }
    case 'sample': {
      const { by, n, fraction, seed } = step
      return by === 'fraction' ? { op: step.op, fraction, seed } : { op: step.op, n, seed }
    }
    default:
      return step
  }
}

/** The API's spec for the form's steps over the chosen inputs (whose schemas are known by version id). */
export function toPipelineSpec(inputs: number[], steps: StepValues[], schemas: Record<number, Schema>): { steps: PipelineStep[] } {
  const primary = primaryInput(inputs, steps)
  const before = schemasBeforeSteps(primary === undefined ? {} : (schemas[primary] ?? {}), steps, schemas)
  return { steps: steps.map((step, index) => toPipelineStep(step, before[index] ?? {})) }
}
