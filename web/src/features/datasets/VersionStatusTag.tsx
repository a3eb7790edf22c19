import { Tooltip } from 'antd'
import { useTranslation } from 'react-i18next'
import type { VersionStatus } from '../../api/types'
import { StatusTag, type StatusTone } from '../../components/StatusTag'

const TONES: Record<VersionStatus, StatusTone> = {
  uploading: 'working',
  validating: 'working',
  ready: 'success',
  failed: 'error',
}

/** Uploading and validating versions change on their own; pages poll them until they settle. */
export function isVersionSettled(status: VersionStatus): boolean {
  return status === 'ready' || status === 'failed'
}

/** A version's status; a failed one tells why on hover. */
export function VersionStatusTag({ status, failureReason }: { status: VersionStatus; failureReason?: string }) {
  const { t } = useTranslation()
  const tag = <StatusTag tone={TONES[status]}>{t(`datasets.statuses.${status}`)}</StatusTag>
  return failureReason ? (
    <Tooltip title={failureReason}>
      <span>{tag}</span>
    </Tooltip>
  ) : (
    tag
  )
}
