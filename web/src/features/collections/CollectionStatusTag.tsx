import { Tooltip } from 'antd'
import { useTranslation } from 'react-i18next'
import type { VectorCollection } from '../../api/types'
import { StatusTag, type StatusTone } from '../../components/StatusTag'

const TONES: Record<VectorCollection['status'], StatusTone> = { building: 'working', ready: 'success', failed: 'error' }

/** A collection's status, with how far a build has got; a failed one tells why on hover. */
export function CollectionStatusTag({ collection }: { collection: Pick<VectorCollection, 'status' | 'progress' | 'error'> }) {
  const { t } = useTranslation()
  const { status, progress, error } = collection
  const text =
    status === 'building' && progress !== null
      ? t('collections.buildingProgress', { percent: Math.floor(progress * 100) })
      : t(`collections.statuses.${status}`)
  const tag = <StatusTag tone={TONES[status]}>{text}</StatusTag>
  // A span, because Tooltip needs an element it can hold a ref to.
  return error ? <Tooltip title={error}><span>{tag}</span></Tooltip> : tag
}
