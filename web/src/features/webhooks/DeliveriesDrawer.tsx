import { Drawer, Typography, type TableColumnsType } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Webhook, WebhookDelivery } from '../../api/types'
import { CursorNav } from '../../components/CursorNav'
import { DataTable } from '../../components/DataTable'
import { formatDateTime } from '../../components/format'
import { useCursorList } from '../../hooks/useCursorList'
import { fetchDeliveries, WEBHOOKS_KEY } from './api'
import { DeliveryStatusTag } from './DeliveryStatusTag'

/** A webhook's delivery log, newest first, with each delivery's outcome. */
export function DeliveriesDrawer({ webhook, onClose }: { webhook: Webhook; onClose: () => void }) {
  const { t } = useTranslation()
  const list = useCursorList({
    queryKey: [...WEBHOOKS_KEY, webhook.id, 'deliveries'],
    fetchPage: (params) => fetchDeliveries(webhook.id, params),
    pageSize: 20,
  })
  const columns: TableColumnsType<WebhookDelivery> = [
    { title: t('webhooks.time'), dataIndex: 'created_at', render: formatDateTime, className: 'nowrap' },
    { title: t('webhooks.event'), dataIndex: 'event_type' },
    { title: t('webhooks.status'), dataIndex: 'status', render: (status: WebhookDelivery['status']) => <DeliveryStatusTag status={status} /> },
    { title: t('webhooks.attempts'), dataIndex: 'attempts', width: 90 },
    {
      title: t('webhooks.outcome'),
      key: 'outcome',
      render: (_, delivery) => (
        <>
          {delivery.response_status !== null && <Typography.Text code>HTTP {delivery.response_status}</Typography.Text>}{' '}
          {delivery.error && <Typography.Text type="danger">{delivery.error}</Typography.Text>}
          {delivery.status === 'pending' && delivery.next_attempt_at && (
            <Typography.Text type="secondary">{t('webhooks.nextAttempt', { time: formatDateTime(delivery.next_attempt_at) })}</Typography.Text>
          )}
        </>
      ),
    },
  ]
  return (
    <Drawer open width={880} title={t('webhooks.deliveriesOf', { name: webhook.name })} onClose={onClose}>
      <DataTable<WebhookDelivery> query={list.query} rows={list.rows} columns={columns} pagination={false} emptyText={t('webhooks.noDeliveries')} />
      <CursorNav list={list} />
    </Drawer>
  )
}
