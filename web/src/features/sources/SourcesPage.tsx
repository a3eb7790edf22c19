import { CameraOutlined, DownloadOutlined, EditOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { Button, Space, Tag, Typography, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DataSource, Project } from '../../api/types'
import { ConfirmDelete } from '../../components/ConfirmDelete'
import { DataTable } from '../../components/DataTable'
import { ListActions } from '../../components/ListActions'
import { PageHeader } from '../../components/PageHeader'
import { useList } from '../../hooks/useList'
import { RequireProject } from '../workspace/RequireProject'
import { useProjectAccess } from '../workspace/useProjectAccess'
import { deleteSource, fetchSources, SOURCES_KEY } from './api'
import { LastConnectionTest, TestConnectionButton } from './ConnectionTest'
import { ConsumeModal } from './ConsumeModal'
import { SnapshotModal } from './SnapshotModal'
import { SourceFormModal } from './SourceFormModal'
import { DATABASE_KINDS, SOURCE_SETTINGS, sourceLocation } from './sourceSettings'

export default function SourcesPage() {
  const { t } = useTranslation()
  return (
    <RequireProject title={t('nav.sources')} message={t('sources.chooseProject')}>
      {(project) => <ProjectSources project={project} />}
    </RequireProject>
  )
}

/** Which dialog is open, and for which source. */
type Dialog = { kind: 'create' } | { kind: 'edit' | 'snapshot' | 'consume'; source: DataSource }

function ProjectSources({ project }: { project: Project }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const access = useProjectAccess(project.id)
  const [search, setSearch] = useState('')
  const [dialog, setDialog] = useState<Dialog>()
  const close = () => setDialog(undefined)

  const list = useList({
    queryKey: [...SOURCES_KEY, 'list', project.id, search],
    fetchPage: (params) => fetchSources({ ...params, project: project.id, search: search || undefined }),
  })

  const columns: TableColumnsType<DataSource> = [
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
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, source) => (
        <Space size={0}>
          {access.canWrite && DATABASE_KINDS.includes(source.kind) && (
            <Button type="link" size="small" icon={<CameraOutlined />} onClick={() => setDialog({ kind: 'snapshot', source })}>
              {t('sources.snapshot')}
            </Button>
          )}
          {access.canWrite && source.kind === 'kafka' && (
            <Button type="link" size="small" icon={<DownloadOutlined />} onClick={() => setDialog({ kind: 'consume', source })}>
              {t('sources.consume')}
            </Button>
          )}
          {access.canWrite && (
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit', source })}>
              {t('common.edit')}
            </Button>
          )}
          {access.canDelete && (
            <ConfirmDelete
              title={t('sources.deleteConfirm', { name: source.name })}
              description={t('sources.deleteDescription')}
              successMessage={t('sources.deleted', { name: source.name })}
              onConfirm={async () => {
                await deleteSource(source.id)
                await queryClient.invalidateQueries({ queryKey: SOURCES_KEY })
              }}
            />
          )}
        </Space>
      ),
    },
  ]

  return (
    <>
      <PageHeader
        title={t('nav.sources')}
        subtitle={t('sources.subtitle', { project: project.name })}
        actions={<ListActions onSearch={setSearch} createLabel={t('sources.new')} onCreate={access.canWrite ? () => setDialog({ kind: 'create' }) : undefined} />}
      />
      <DataTable<DataSource>
        query={list.query}
        rows={list.rows}
        columns={columns}
        pagination={list.pagination}
        emptyText={search ? t('table.noMatches') : t('sources.empty')}
      />
      {dialog?.kind === 'create' && <SourceFormModal project={project} onClose={close} />}
      {dialog?.kind === 'edit' && <SourceFormModal project={project} source={dialog.source} onClose={close} />}
      {dialog?.kind === 'snapshot' && <SnapshotModal source={dialog.source} onClose={close} />}
      {dialog?.kind === 'consume' && <ConsumeModal source={dialog.source} onClose={close} />}
    </>
  )
}
