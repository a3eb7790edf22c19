import { PlusOutlined, SendOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App, Button, Flex, Modal, Space, Switch, Tag, Typography, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { describeError } from '../../api/describeError'
import type { Webhook, WebhookCreated } from '../../api/types'
import { ConfirmDelete } from '../../components/ConfirmDelete'
import { CopyableSecret } from '../../components/CopyableSecret'
import { DataTable } from '../../components/DataTable'
import { useList } from '../../hooks/useList'
import { deleteWebhook, fetchWebhooks, pingWebhook, setWebhookActive, WEBHOOKS_KEY } from './api'
import { DeliveriesDrawer } from './DeliveriesDrawer'
import { WebhookFormModal } from './WebhookFormModal'

interface WebhooksPanelProps {
  projectId: number
  /** Whether the signed-in user may create, pause and ping (project developers and up)… */
  canWrite: boolean
  /** …and delete (maintainers and up). Only hides buttons: the API remains the authority. */
  canDelete: boolean
}

/** A project's webhooks: list, create (secret shown once), pause, ping, delete, deliveries. */
export function WebhooksPanel({ projectId, canWrite, canDelete }: WebhooksPanelProps) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [creating, setCreating] = useState(false)
  const [created, setCreated] = useState<WebhookCreated>()
  const [watching, setWatching] = useState<Webhook>()
  const queryKey = [...WEBHOOKS_KEY, 'list', projectId]
  const list = useList({ queryKey, fetchPage: (params) => fetchWebhooks({ ...params, project: projectId }) })
  const refresh = () => queryClient.invalidateQueries({ queryKey: WEBHOOKS_KEY })

  const toggle = useMutation({
    mutationFn: ({ webhook, active }: { webhook: Webhook; active: boolean }) => setWebhookActive(webhook.id, active),
    onSuccess: refresh,
    onError: (error) => void message.error(describeError(error, t)),
  })
  const ping = useMutation({
    mutationFn: (webhook: Webhook) => pingWebhook(webhook.id),
    onSuccess: (delivery) => {
      if (delivery.status === 'succeeded') void message.success(t('webhooks.pingOk', { status: delivery.response_status }))
      else void message.warning(t('webhooks.pingFailed', { error: delivery.error }))
      return refresh()
    },
    onError: (error) => void message.error(describeError(error, t)),
  })

  const columns: TableColumnsType<Webhook> = [
    { title: t('fields.name'), dataIndex: 'name' },
    { title: t('webhooks.url'), dataIndex: 'url', render: (url: string) => <Typography.Text code>{url}</Typography.Text> },
    {
      title: t('webhooks.eventTypes'),
      dataIndex: 'event_types',
      render: (types: string[] | undefined) =>
        types?.length ? types.map((type) => <Tag key={type}>{type}</Tag>) : <Typography.Text type="secondary">{t('webhooks.allEvents')}</Typography.Text>,
    },
    {
      title: t('webhooks.active'),
      key: 'active',
      render: (_, webhook) => (
        <Switch
          aria-label={t('webhooks.activeOf', { name: webhook.name })}
          checked={webhook.is_active ?? true}
          disabled={!canWrite || toggle.isPending}
          onChange={(active) => toggle.mutate({ webhook, active })}
        />
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, webhook) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setWatching(webhook)}>
            {t('webhooks.deliveries')}
          </Button>
          {canWrite && (
            <Button type="link" size="small" icon={<SendOutlined />} loading={ping.isPending && ping.variables?.id === webhook.id} onClick={() => ping.mutate(webhook)}>
              {t('webhooks.ping')}
            </Button>
          )}
          {canDelete && (
            <ConfirmDelete
              title={t('webhooks.deleteConfirm', { name: webhook.name })}
              description={t('webhooks.deleteDescription')}
              successMessage={t('webhooks.deleted', { name: webhook.name })}
              onConfirm={async () => {
                await deleteWebhook(webhook.id)
                await refresh()
              }}
            />
          )}
        </Space>
      ),
    },
  ]

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">{t('webhooks.subtitle')}</Typography.Text>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('webhooks.new')}
          </Button>
        )}
      </Flex>
      <DataTable<Webhook> query={list.query} rows={list.rows} columns={columns} pagination={list.pagination} emptyText={t('webhooks.empty')} />
      {creating && (
        <WebhookFormModal
          projectId={projectId}
          onClose={() => setCreating(false)}
          onCreated={(webhook, generated) => {
            setCreating(false)
            if (generated) setCreated(webhook)
            else void message.success(t('webhooks.created', { name: webhook.name }))
            void refresh()
          }}
        />
      )}
      {created && (
        <Modal
          open
          title={t('webhooks.createdTitle', { name: created.name })}
          closable={false}
          maskClosable={false}
          keyboard={false}
          footer={
            <Button type="primary" onClick={() => setCreated(undefined)}>
              {t('webhooks.secretStored')}
            </Button>
          }
        >
          <CopyableSecret secret={created.secret} />
        </Modal>
      )}
      {watching && <DeliveriesDrawer webhook={watching} onClose={() => setWatching(undefined)} />}
    </>
  )
}
