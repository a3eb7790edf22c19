import { Descriptions, Drawer, Table, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { AuditEvent } from '../../api/types'
import { formatDateTime } from '../../components/format'
import { ActionTag } from './ActionTag'
import { ActorCell } from './ActorCell'
import { fieldChanges, formatChangeValue, type FieldChange } from './changes'
import { objectTypeLabel } from './objectTypes'

interface AuditEventDrawerProps {
  event: AuditEvent | undefined
  projectName: (id: number | null) => string
  onClose: () => void
}

/** Everything about one audit event, with the fields it changed as before/after rows. */
export function AuditEventDrawer({ event, projectName, onClose }: AuditEventDrawerProps) {
  const { t } = useTranslation()
  return (
    <Drawer open={event !== undefined} onClose={onClose} width={640} title={t('audit.detailTitle')}>
      {event && (
        <>
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={t('audit.time')}>{formatDateTime(event.time)}</Descriptions.Item>
            <Descriptions.Item label={t('audit.action')}>
              <ActionTag action={event.action} />
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.actor')}>
              <ActorCell event={event} />
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.objectType')}>
              {objectTypeLabel(event.object_type, t)}{' '}
              {event.object_id && <Typography.Text type="secondary">#{event.object_id}</Typography.Text>}
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.objectName')}>{event.object_repr || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('audit.project')}>{projectName(event.project) || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('audit.requestId')}>
              {event.request_id ? <Typography.Text copyable>{event.request_id}</Typography.Text> : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.ip')}>{event.ip ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('audit.changes')}
          </Typography.Title>
          <Table<FieldChange>
            rowKey="field"
            size="small"
            pagination={false}
            dataSource={fieldChanges(event.changes)}
            locale={{ emptyText: t('audit.noChanges') }}
            columns={[
              { title: t('audit.field'), dataIndex: 'field' },
              { title: t('audit.before'), dataIndex: 'before', render: (value: unknown) => <ChangeValue value={value} /> },
              { title: t('audit.after'), dataIndex: 'after', render: (value: unknown) => <ChangeValue value={value} /> },
            ]}
          />
        </>
      )}
    </Drawer>
  )
}

function ChangeValue({ value }: { value: unknown }) {
  return <Typography.Text style={{ wordBreak: 'break-all' }}>{formatChangeValue(value)}</Typography.Text>
}
