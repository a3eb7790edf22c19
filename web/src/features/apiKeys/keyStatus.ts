import dayjs from 'dayjs'
import type { ApiKey } from '../../api/types'

export type ApiKeyStatus = 'active' | 'revoked' | 'expired'

export function apiKeyStatus(key: Pick<ApiKey, 'revoked_at' | 'expires_at'>, now = dayjs()): ApiKeyStatus {
  if (key.revoked_at) return 'revoked'
  if (key.expires_at && !dayjs(key.expires_at).isAfter(now)) return 'expired'
  return 'active'
}
