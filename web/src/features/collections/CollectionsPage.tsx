import { useQueryClient } from '@tanstack/react-query'
import { Space, Tag, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { Project, VectorCollection } from '../../api/types'
import { ConfirmDelete } from '../../components/ConfirmDelete'
import { DataTable } from '../../components/DataTable'
import { formatDateTime } from '../../components/format'
import { ListActions } from '../../components/ListActions'
import { PageHeader } from '../../components/PageHeader'
import { useList } from '../../hooks/useList'
import { VersionRef } from '../datasets/refs'
import { RequireProject } from '../workspace/RequireProject'
import { useProjectAccess } from '../workspace/useProjectAccess'
import { COLLECTIONS_KEY, deleteCollection, fetchCollections } from './api'
import { CollectionFormModal } from './CollectionFormModal'
import { CollectionStatusTag } from './CollectionStatusTag'
import { RebuildButton } from './RebuildButton'

export default function CollectionsPage() {
  const { t } = useTranslation()
  return (
    <RequireProject title={t('nav.collections')} message={t('collections.chooseProject')}>
      {(project) => <ProjectCollections project={project} />}
    </RequireProject>
  )
}

function ProjectCollections({ project }: { project: Project }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const access = useProjectAccess(project.id)
  const [search, setSearch] = useState('')
  const [creating, setCreating] = useState(false)

  const list = useList({
    queryKey: [...COLLECTIONS_KEY, 'list', project.id, search],
    fetchPage: (params) => fetchCollections({ ...params, project: project.id, search: search || undefined }),
    pollWhile: (page) => page.results.some((collection) => collection.status === 'building'),
  })

  const columns: TableColumnsType<VectorCollection> = [
    { title: t('fields.name'), dataIndex: 'name', render: (name, collection) => <Link to={`/data/collections/${collection.id}`}>{name}</Link> },
    { title: t('collections.version'), dataIndex: 'version', render: (version: number) => <VersionRef id={version} /> },
    { title: t('collections.textColumn'), dataIndex: 'text_column', render: (column: string) => <Tag color="blue">{column}</Tag> },
    {
      title: t('collections.metadataColumns'),
      dataIndex: 'metadata_columns',
      render: (names: string[] = []) => (names.length ? names.map((name) => <Tag key={name}>{name}</Tag>) : '—'),
    },
    { title: t('collections.status'), key: 'status', render: (_, collection) => <CollectionStatusTag collection={collection} /> },
    { title: t('collections.items'), dataIndex: 'item_count', align: 'right' },
    { title: t('fields.createdAt'), dataIndex: 'created_at', render: formatDateTime, className: 'nowrap' },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, collection) => (
        <Space size={0}>
          {access.canWrite && <RebuildButton collection={collection} />}
          {access.canDelete && (
            <ConfirmDelete
              title={t('collections.deleteConfirm', { name: collection.name })}
              description={t('collections.deleteDescription')}
              successMessage={t('collections.deleted', { name: collection.name })}
              onConfirm={async () => {
                await deleteCollection(collection.id)
                await queryClient.invalidateQueries({ queryKey: COLLECTIONS_KEY })
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
        title={t('nav.collections')}
        subtitle={t('collections.subtitle', { project: project.name })}
        actions={<ListActions onSearch={setSearch} createLabel={t('collections.new')} onCreate={access.canWrite ? () => setCreating(true) : undefined} />}
      />
      <DataTable<VectorCollection>
        query={list.query}
        rows={list.rows}
        columns={columns}
        pagination={list.pagination}
        quietRefetch
        emptyText={search ? t('table.noMatches') : t('collections.empty')}
      />
      {creating && <CollectionFormModal project={project} onClose={() => setCreating(false)} />}
    </>
  )
}
