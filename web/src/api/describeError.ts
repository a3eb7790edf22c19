import type { TFunction } from 'i18next'
import { ApiError } from './errors'

/** The sentence to show a person for a failed call: the API's own message, or a translated fallback. */
export function describeError(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t('errors.unexpected')
  if (error.isNetworkError) return t('errors.network')
  if (error.status >= 500) return t('errors.server')
  if (error.status === 429) return t('errors.throttled')
  return error.message
}
