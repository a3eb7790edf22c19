import { useQueryClient } from '@tanstack/react-query'
import { Tag, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { LabelingProject, Project } from '../../api/types'
import { ConfirmDelete } from '../../components/ConfirmDelete'
import { DataTable } from '../../components/DataTable'
import { formatDateTime } from '../../components/format'
import { ListActions } from '../../components/ListActions'
import { PageHeader } from '../../components/PageHeader'
import { useList } from '../../hooks/useList'
import { VersionRef } from '../datasets/refs'
import { RequireProject } from '../workspace/RequireProject'
import { useProjectAccess } from '../workspace/useProjectAccess'
import { deleteLabelingProject, fetchLabelingProjects, LABELING_KEY } from './api'
import { labelColor } from './labelColors'
import { LabelingProgress } from './LabelingProgress'
import { LabelingProjectFormModal } from './LabelingProjectFormModal'
import { LabelingStatusTag } from './statusTags'

/** Labels shown in a row; the rest are counted. */
const SHOWN_LABELS = 4

export default function LabelingProjectsPage() {
  const { t } = useTranslation()
  return (
    <RequireProject title={t('nav.labeling')} message={t('labeling.chooseProject')}>
      {(project) => <ProjectLabeling project={project} />}
    </RequireProject>
  )
}

function ProjectLabeling({ project }: { project: Project }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const access = useProjectAccess(project.id)
  const [search, setSearch] = useState('')
  const [creating, setCreating] = useState(false)

  const list = useList({
    queryKey: [...LABELING_KEY, 'list', project.id, search],
    fetchPage: (params) => fetchLabelingProjects({ ...params, project: project.id, search: search || undefined }),
    pollWhile: (page) => page.results.some((row) => row.status === 'preparing'),
  })

  const columns: TableColumnsType<LabelingProject> = [
    { title: t('fields.name'), dataIndex: 'name', render: (name, row) => <Link to={`/data/labeling/${row.id}`}>{name}</Link> },
    { title: t('labeling.kind'), dataIndex: 'kind', render: (kind: LabelingProject['kind']) => t(`labeling.kinds.${kind}`) },
    { title: t('labeling.version'), dataIndex: 'version', render: (version: number) => <VersionRef id={version} /> },
    {
      title: t('labeling.labels'),
      dataIndex: 'labels',
      render: (labels: string[]) => (
        <>
          {labels.slice(0, SHOWN_LABELS).map((label) => (
            <Tag key={label} color={labelColor(labels, label)}>
              {label}
            </Tag>
          ))}
          {labels.length > SHOWN_LABELS && <Tag>+{labels.length - SHOWN_LABELS}</Tag>}
        </>
      ),
    },
    { title: t('labeling.status'), dataIndex: 'status', render: (_, row) => <LabelingStatusTag status={row.status} error={row.error} /> },
    { title: t('labeling.progress'), key: 'progress', render: (_, row) => <LabelingProgress project={row} /> },
    { title: t('fields.createdAt'), dataIndex: 'created_at', render: formatDateTime, className: 'nowrap' },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, row) =>
        access.canDelete && (
          <ConfirmDelete
            title={t('labeling.deleteConfirm', { name: row.name })}
            description={t('labeling.deleteDescription')}
            successMessage={t('labeling.deleted', { name: row.name })}
            onConfirm={async () => {
              await deleteLabelingProject(row.id)
              await queryClient.invalidateQueries({ queryKey: LABELING_KEY })
            }}
          />
        ),
    },
  ]

  return (
    <>
      <PageHeader
        title={t('nav.labeling')}
        subtitle={t('labeling.subtitle', { project: project.name })}
        actions={<ListActions onSearch={setSearch} createLabel={t('labeling.new')} onCreate={access.canWrite ? () => setCreating(true) : undefined} />}
      />
      <DataTable<LabelingProject>
        query={list.query}
        rows={list.rows}
        columns={columns}
        pagination={list.pagination}
        quietRefetch
        emptyText={search ? t('table.noMatches') : t('labeling.empty')}
      />
      {creating && <LabelingProjectFormModal project={project} onClose={() => setCreating(false)} />}
    </>
  )
}
