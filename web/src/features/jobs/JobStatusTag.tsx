import { useTranslation } from 'react-i18next'
import type { JobStatus } from '../../api/types'
import { StatusTag, type StatusTone } from '../../components/StatusTag'

const TONES: Record<JobStatus, StatusTone> = {
  queued: 'waiting',
  running: 'working',
  succeeded: 'success',
  failed: 'error',
  cancelled: 'stopped',
}

/** Queued and running jobs change on their own; pages poll them until they finish. */
export function isJobFinished(status: JobStatus): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'cancelled'
}

export function JobStatusTag({ status }: { status: JobStatus }) {
  const { t } = useTranslation()
  return <StatusTag tone={TONES[status]}>{t(`jobs.statuses.${status}`)}</StatusTag>
}
