/** Field name → messages, as the API sends in `error.details` for validation failures. */
export type FieldErrors = Record<string, string[]>

/** Every failed API call becomes one of these, whatever went wrong. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: Record<string, unknown>

  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
  }

  get isNetworkError(): boolean {
    return this.status === 0
  }

  /** The details that are lists of messages, i.e. validation errors keyed by field name. */
  get fieldErrors(): FieldErrors {
    const fields: FieldErrors = {}
    for (const [name, value] of Object.entries(this.details)) {
      const messages = collectMessages(value)
      if (messages.length > 0) fields[name] = messages
    }
    return fields
  }
}

function collectMessages(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(collectMessages)
  if (value && typeof value === 'object') return Object.values(value).flatMap(collectMessages)
  return []
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Turns an error response (body already parsed, or text) into an ApiError. */
export function apiErrorFromResponse(status: number, body: unknown): ApiError {
  const envelope = isRecord(body) && isRecord(body.error) ? body.error : null
  if (envelope) {
    const code = typeof envelope.code === 'string' ? envelope.code : 'error'
    const message = typeof envelope.message === 'string' ? envelope.message : `Request failed (${status})`
    const details = isRecord(envelope.details) ? envelope.details : {}
    return new ApiError(status, code, message, details)
  }
  return new ApiError(status, status >= 500 ? 'server_error' : 'error', `Request failed (${status})`)
}

export function networkError(cause: unknown): ApiError {
  const error = new ApiError(0, 'network_error', cause instanceof Error ? cause.message : String(cause))
  error.cause = cause
  return error
}
