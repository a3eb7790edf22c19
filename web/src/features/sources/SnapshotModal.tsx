import { Form, Input } from 'antd'
import { useTranslation } from 'react-i18next'
import type { DataSource } from '../../api/types'
import { startSnapshot } from './api'
import { IngestionFormModal } from './IngestionFormModal'

interface SnapshotValues {
  dataset: number
  query: string
}

/** Snapshots a read-only SQL query of a database source into a new Parquet version. */
export function SnapshotModal({ source, onClose }: { source: DataSource; onClose: () => void }) {
  const { t } = useTranslation()
  return (
    <IngestionFormModal<SnapshotValues>
      title={t('sources.snapshotTitle', { name: source.name })}
      source={source}
      format="parquet"
      start={(values) => startSnapshot(source.id, values)}
      onClose={onClose}
    >
      <Form.Item
        name="query"
        label={t('sources.query')}
        extra={t('sources.queryHelp')}
        rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
      >
        <Input.TextArea rows={6} spellCheck={false} style={{ fontFamily: 'monospace' }} placeholder="SELECT * FROM orders WHERE created_at >= '2026-01-01'" />
      </Form.Item>
    </IngestionFormModal>
  )
}
