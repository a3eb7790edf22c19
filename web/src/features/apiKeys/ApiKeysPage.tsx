import { PlusOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { Button, Modal, Tag, Typography, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiKey, ApiKeyCreated } from '../../api/types'
import { ConfirmDelete } from '../../components/ConfirmDelete'
import { CopyableSecret } from '../../components/CopyableSecret'
import { DataTable } from '../../components/DataTable'
import { formatDateTime } from '../../components/format'
import { PageHeader } from '../../components/PageHeader'
import { useList } from '../../hooks/useList'
import { API_KEYS_KEY, fetchApiKeys, revokeApiKey } from './api'
import { CreateApiKeyModal } from './CreateApiKeyModal'
import { apiKeyStatus, type ApiKeyStatus } from './keyStatus'

const STATUS_COLORS: Record<ApiKeyStatus, string> = { active: 'green', revoked: 'red', expired: 'default' }

export default function ApiKeysPage() {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [creating, setCreating] = useState(false)
  const [created, setCreated] = useState<ApiKeyCreated>()
  const list = useList({ queryKey: API_KEYS_KEY, fetchPage: fetchApiKeys })
  const refresh = () => queryClient.invalidateQueries({ queryKey: API_KEYS_KEY })

  const columns: TableColumnsType<ApiKey> = [
    { title: t('fields.name'), dataIndex: 'name' },
    { title: t('apiKeys.prefix'), dataIndex: 'prefix', render: (prefix: string) => <Typography.Text code>{prefix}</Typography.Text> },
    {
      title: t('apiKeys.scopes'),
      dataIndex: 'scopes',
      render: (scopes: ApiKey['scopes']) => scopes.map((scope) => <Tag key={scope}>{t(`apiKeys.scopeLabels.${scope}`)}</Tag>),
    },
    {
      title: t('apiKeys.project'),
      dataIndex: 'project_name',
      render: (name: string | null) => name ?? <Typography.Text type="secondary">{t('apiKeys.anyProject')}</Typography.Text>,
    },
    {
      title: t('apiKeys.status'),
      key: 'status',
      render: (_, key) => {
        const status = apiKeyStatus(key)
        return <Tag color={STATUS_COLORS[status]}>{t(`apiKeys.statuses.${status}`)}</Tag>
      },
    },
    { title: t('fields.createdAt'), dataIndex: 'created_at', render: formatDateTime },
    { title: t('apiKeys.expiresAt'), dataIndex: 'expires_at', render: (value: string | null) => formatDateTime(value) || t('apiKeys.never') },
    { title: t('apiKeys.lastUsed'), dataIndex: 'last_used_at', render: (value: string | null) => formatDateTime(value) || t('apiKeys.never') },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, key) =>
        !key.revoked_at && (
          <ConfirmDelete
            title={t('apiKeys.revokeConfirm', { name: key.name })}
            description={t('apiKeys.revokeDescription')}
            actionLabel={t('apiKeys.revoke')}
            successMessage={t('apiKeys.revoked', { name: key.name })}
            onConfirm={async () => {
              await revokeApiKey(key.id)
              await refresh()
            }}
          />
        ),
    },
  ]

  return (
    <>
      <PageHeader
        title={t('nav.apiKeys')}
        subtitle={t('apiKeys.subtitle')}
        actions={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('apiKeys.new')}
          </Button>
        }
      />
      <DataTable<ApiKey> query={list.query} rows={list.rows} columns={columns} pagination={list.pagination} emptyText={t('apiKeys.empty')} />
      {creating && (
        <CreateApiKeyModal
          onClose={() => setCreating(false)}
          onCreated={(key) => {
            setCreating(false)
            setCreated(key)
            void refresh()
          }}
        />
      )}
      {created && <NewKeySecretModal apiKey={created} onDone={() => setCreated(undefined)} />}
    </>
  )
}

/** Shows a new key's secret; closing it (only via the button) drops the secret from the page. */
function NewKeySecretModal({ apiKey, onDone }: { apiKey: ApiKeyCreated; onDone: () => void }) {
  const { t } = useTranslation()
  return (
    <Modal
      open
      title={t('apiKeys.createdTitle', { name: apiKey.name })}
      closable={false}
      maskClosable={false}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onDone}>
          {t('apiKeys.secretStored')}
        </Button>
      }
    >
      <CopyableSecret secret={apiKey.key} />
    </Modal>
  )
}
