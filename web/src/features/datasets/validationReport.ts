/** The validation report of a version, as data_platform/services/formats/base.py writes it. */
interface ValidationReport {
  badRowCount: number
  badRows: BadRow[]
  schemaMismatches: { file: string; message: string }[]
  warnings: string[]
  /** Versions written by a processing job record the job and its steps instead. */
  producedByJob?: number
  steps: string[]
}

export interface BadRow {
  file: string
  line: number | null
  message: string
  text: string
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

const text = (value: unknown) => (typeof value === 'string' ? value : '')

/** Reads the free-form report the API returns; missing or odd parts read as empty. */
export function readValidationReport(raw: unknown): ValidationReport {
  const report = record(raw)
  const producedBy = report.produced_by_job
  return {
    badRowCount: typeof report.bad_row_count === 'number' ? report.bad_row_count : 0,
    badRows: list(report.bad_rows).map((item) => {
      const row = record(item)
      return { file: text(row.file), line: typeof row.line === 'number' ? row.line : null, message: text(row.message), text: text(row.text) }
    }),
    schemaMismatches: list(report.schema_mismatches).map((item) => ({ file: text(record(item).file), message: text(record(item).message) })),
    warnings: list(report.warnings).map(text).filter(Boolean),
    producedByJob: typeof producedBy === 'number' ? producedBy : undefined,
    steps: list(report.steps).map(text).filter(Boolean),
  }
}
