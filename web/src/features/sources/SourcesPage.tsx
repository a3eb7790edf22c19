import { CameraOutlined, DownloadOutlined, EditOutlined } from '@ant-design/icons'
import { Button, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DataSource } from '../../api/types'
import { ProjectListPage } from '../workspace/ProjectListPage'
import { deleteSource, fetchSources, SOURCES_KEY } from './api'
import { LastConnectionTest, TestConnectionButton } from './ConnectionTest'
import { ConsumeModal } from './ConsumeModal'
import { SnapshotModal } from './SnapshotModal'
import { SourceFormModal } from './SourceFormModal'
import { DATABASE_KINDS, SOURCE_SETTINGS, sourceLocation } from './sourceSettings'

/** Which dialog a row opened, and for which source. */
type Dialog = { kind: 'edit' | 'snapshot' | 'consume'; source: DataSource }

export default function SourcesPage() {
  const { t } = useTranslation()
  const [dialog, setDialog] = useState<Dialog>()
  const close = () => setDialog(undefined)
  return (
    <ProjectListPage<DataSource>
      title={t('nav.sources')}
      chooseProject={t('sources.chooseProject')}
      subtitle={(project) => t('sources.subtitle', { project: project.name })}
      createLabel={t('sources.new')}
      emptyText={t('sources.empty')}
      queryKey={SOURCES_KEY}
      fetchPage={fetchSources}
      columns={(access) => [
        {
          title: t('fields.name'),
          dataIndex: 'name',
          render: (name: string, source) => (
            <Space direction="vertical" size={0}>
              <Typography.Text strong>{name}</Typography.Text>
              {source.description && <Typography.Text type="secondary">{source.description}</Typography.Text>}
            </Space>
          ),
        },
        { title: t('sources.kind'), dataIndex: 'kind', render: (kind: DataSource['kind']) => <Tag color="purple">{t(`sources.kinds.${kind}`)}</Tag> },
        {
          title: t('sources.location'),
          key: 'location',
          render: (_, source) => {
            const location = sourceLocation(source.kind, source.config)
            return (
              location && (
                <Typography.Text code ellipsis={{ tooltip: location }} style={{ maxWidth: 240 }}>
                  {location}
                </Typography.Text>
              )
            )
          },
        },
        {
          title: t('sources.secrets'),
          key: 'secrets',
          render: (_, source) => {
            if (SOURCE_SETTINGS[source.kind].length === 0) return '—'
            return source.has_secrets ? <Tag color="green">{t('sources.secretSet')}</Tag> : <Tag>{t('sources.secretNotSet')}</Tag>
          },
        },
        {
          title: t('sources.lastTest'),
          key: 'lastTest',
          render: (_, source) => <LastConnectionTest source={source} action={access.canWrite && <TestConnectionButton source={source} />} />,
        },
      ]}
      rowActions={(source, access) =>
        access.canWrite && (
          <>
            {DATABASE_KINDS.includes(source.kind) && (
              <Button type="link" size="small" icon={<CameraOutlined />} onClick={() => setDialog({ kind: 'snapshot', source })}>
                {t('sources.snapshot')}
              </Button>
            )}
            {source.kind === 'kafka' && (
              <Button type="link" size="small" icon={<DownloadOutlined />} onClick={() => setDialog({ kind: 'consume', source })}>
                {t('sources.consume')}
              </Button>
            )}
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit', source })}>
              {t('common.edit')}
            </Button>
          </>
        )
      }
      deletion={{
        remove: deleteSource,
        confirm: (source) => t('sources.deleteConfirm', { name: source.name }),
        description: t('sources.deleteDescription'),
        deleted: (source) => t('sources.deleted', { name: source.name }),
      }}
      createDialog={(project, onClose) => <SourceFormModal project={project} onClose={onClose} />}
      dialogs={(project) => (
        <>
          {dialog?.kind === 'edit' && <SourceFormModal project={project} source={dialog.source} onClose={close} />}
          {dialog?.kind === 'snapshot' && <SnapshotModal source={dialog.source} onClose={close} />}
          {dialog?.kind === 'consume' && <ConsumeModal source={dialog.source} onClose={close} />}
        </>
      )}
    />
  )
}
