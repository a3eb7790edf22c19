import { Tooltip } from 'antd'
import { useTranslation } from 'react-i18next'
import type { LabelingProjectStatus, LabelTaskStatus } from '../../api/types'
import { StatusTag, type StatusTone } from '../../components/StatusTag'

const PROJECT_TONES: Record<LabelingProjectStatus, StatusTone> = { preparing: 'working', ready: 'success', failed: 'error' }
const TASK_TONES: Record<LabelTaskStatus, StatusTone> = { open: 'waiting', done: 'success', skipped: 'stopped' }

/** A labeling project's status; a failed one tells why on hover. */
export function LabelingStatusTag({ status, error }: { status: LabelingProjectStatus; error?: string }) {
  const { t } = useTranslation()
  const tag = <StatusTag tone={PROJECT_TONES[status]}>{t(`labeling.statuses.${status}`)}</StatusTag>
  // A span, because Tooltip needs an element it can hold a ref to.
  return error ? <Tooltip title={error}><span>{tag}</span></Tooltip> : tag
}

export function TaskStatusTag({ status }: { status: LabelTaskStatus }) {
  const { t } = useTranslation()
  return <StatusTag tone={TASK_TONES[status]}>{t(`labeling.taskStatuses.${status}`)}</StatusTag>
}
