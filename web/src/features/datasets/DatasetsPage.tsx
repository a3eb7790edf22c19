import { useQueryClient } from '@tanstack/react-query'
import { Tag, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { Dataset, Project } from '../../api/types'
import { ConfirmDelete } from '../../components/ConfirmDelete'
import { DataTable } from '../../components/DataTable'
import { formatDateTime } from '../../components/format'
import { ListActions } from '../../components/ListActions'
import { PageHeader } from '../../components/PageHeader'
import { useList } from '../../hooks/useList'
import { RequireProject } from '../workspace/RequireProject'
import { useProjectAccess } from '../workspace/useProjectAccess'
import { DATASETS_KEY, deleteDataset, fetchDatasets } from './api'
import { DatasetFormModal } from './DatasetFormModal'
import { FormatTag } from './FormatTag'

export default function DatasetsPage() {
  const { t } = useTranslation()
  return (
    <RequireProject title={t('nav.datasets')} message={t('datasets.chooseProject')}>
      {(project) => <ProjectDatasets project={project} />}
    </RequireProject>
  )
}

function ProjectDatasets({ project }: { project: Project }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const access = useProjectAccess(project.id)
  const [search, setSearch] = useState('')
  const [creating, setCreating] = useState(false)

  const list = useList({
    queryKey: [...DATASETS_KEY, 'list', project.id, search],
    fetchPage: (params) => fetchDatasets({ ...params, project: project.id, search: search || undefined }),
  })

  const columns: TableColumnsType<Dataset> = [
    { title: t('fields.name'), dataIndex: 'name', render: (name, dataset) => <Link to={`/data/datasets/${dataset.id}`}>{name}</Link> },
    { title: t('datasets.format'), dataIndex: 'format', render: (format: Dataset['format']) => <FormatTag format={format} /> },
    { title: t('datasets.tags'), dataIndex: 'tags', render: (tags: string[] = []) => tags.map((tag) => <Tag key={tag}>{tag}</Tag>) },
    { title: t('datasets.versions'), dataIndex: 'version_count', align: 'right' },
    { title: t('datasets.updatedAt'), dataIndex: 'updated_at', render: formatDateTime, className: 'nowrap' },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, dataset) =>
        access.canDelete && (
          <ConfirmDelete
            title={t('datasets.deleteConfirm', { name: dataset.name })}
            description={t('datasets.deleteDescription')}
            successMessage={t('datasets.deleted', { name: dataset.name })}
            onConfirm={async () => {
              await deleteDataset(dataset.id)
              await queryClient.invalidateQueries({ queryKey: DATASETS_KEY })
            }}
          />
        ),
    },
  ]

  return (
    <>
      <PageHeader
        title={t('nav.datasets')}
        subtitle={t('datasets.subtitle', { project: project.name })}
        actions={<ListActions onSearch={setSearch} createLabel={t('datasets.new')} onCreate={access.canWrite ? () => setCreating(true) : undefined} />}
      />
      <DataTable<Dataset>
        query={list.query}
        rows={list.rows}
        columns={columns}
        pagination={list.pagination}
        emptyText={search ? t('table.noMatches') : t('datasets.empty')}
      />
      {creating && <DatasetFormModal project={project} onClose={() => setCreating(false)} />}
    </>
  )
}
