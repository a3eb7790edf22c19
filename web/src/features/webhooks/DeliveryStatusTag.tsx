import { useTranslation } from 'react-i18next'
import type { DeliveryStatus } from '../../api/types'
import { StatusTag, type StatusTone } from '../../components/StatusTag'

const TONES: Record<DeliveryStatus, StatusTone> = { pending: 'working', succeeded: 'success', failed: 'error' }

export function DeliveryStatusTag({ status }: { status: DeliveryStatus }) {
  const { t } = useTranslation()
  return <StatusTag tone={TONES[status]}>{t(`webhooks.statuses.${status}`)}</StatusTag>
}
