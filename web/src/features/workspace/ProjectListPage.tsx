import { useQueryClient, type QueryKey } from '@tanstack/react-query'
import { Space, type TableColumnsType } from 'antd'
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Page, Project } from '../../api/types'
import { ConfirmDelete } from '../../components/ConfirmDelete'
import { DataTable } from '../../components/DataTable'
import { ListActions } from '../../components/ListActions'
import { PageHeader } from '../../components/PageHeader'
import { useList, type PageParams } from '../../hooks/useList'
import { RequireProject } from './RequireProject'
import { useProjectAccess } from './useProjectAccess'

export type ProjectAccess = ReturnType<typeof useProjectAccess>

/** What a project's list asks the API for: a page of one project's rows, optionally searched. */
export interface ProjectListQuery extends PageParams {
  project: number
  search?: string
}

interface ListedRow {
  id: number
  name: string
}

interface ProjectListPageProps<T extends ListedRow> {
  title: string
  /** Shown instead of the list until a project is chosen, e.g. "Choose a project to see its datasets." */
  chooseProject: string
  subtitle: (project: Project) => string
  createLabel: string
  /** What an empty project says, e.g. "No datasets in this project yet." */
  emptyText: string
  /** Prefix of every query of this resource: the list is cached under it and it is invalidated after a deletion. */
  queryKey: QueryKey
  fetchPage: (query: ProjectListQuery) => Promise<Page<T>>
  /** Polls while this holds (e.g. a row is still being built); polling refetches without a spinner. */
  pollWhile?: (page: Page<T>) => boolean
  /** The resource's own columns, or a function of what the user may do; the actions column is added after them. */
  columns: TableColumnsType<T> | ((access: ProjectAccess) => TableColumnsType<T>)
  /** Buttons before Delete in a row's actions cell. */
  rowActions?: (row: T, access: ProjectAccess) => ReactNode
  deletion: {
    remove: (id: number) => Promise<unknown>
    confirm: (row: T) => string
    description: string
    deleted: (row: T) => string
  }
  /** The create dialog, opened by the header's create button for users who may write. */
  createDialog: (project: Project, onClose: () => void) => ReactNode
  /** Other dialogs the row actions open. */
  dialogs?: (project: Project) => ReactNode
}

/**
 * The list page of a project's resources (datasets, labeling projects, collections…): asks for a
 * project, then shows its rows with search, create for writers and delete for those who may.
 */
export function ProjectListPage<T extends ListedRow>(props: ProjectListPageProps<T>) {
  return (
    <RequireProject title={props.title} message={props.chooseProject}>
      {(project) => <ProjectList<T> project={project} {...props} />}
    </RequireProject>
  )
}

function ProjectList<T extends ListedRow>({
  project,
  title,
  subtitle,
  createLabel,
  emptyText,
  queryKey,
  fetchPage,
  pollWhile,
  columns,
  rowActions,
  deletion,
  createDialog,
  dialogs,
}: ProjectListPageProps<T> & { project: Project }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const access = useProjectAccess(project.id)
  const [search, setSearch] = useState('')
  const [creating, setCreating] = useState(false)

  const list = useList({
    queryKey: [...queryKey, 'list', project.id, search],
    fetchPage: (params) => fetchPage({ ...params, project: project.id, search: search || undefined }),
    pollWhile,
  })

  const actions: TableColumnsType<T>[number] = {
    title: t('common.actions'),
    key: 'actions',
    render: (_, row) => (
      <Space size={0}>
        {rowActions?.(row, access)}
        {access.canDelete && (
          <ConfirmDelete
            title={deletion.confirm(row)}
            description={deletion.description}
            successMessage={deletion.deleted(row)}
            onConfirm={async () => {
              await deletion.remove(row.id)
              await queryClient.invalidateQueries({ queryKey })
            }}
          />
        )}
      </Space>
    ),
  }

  return (
    <>
      <PageHeader
        title={title}
        subtitle={subtitle(project)}
        actions={<ListActions onSearch={setSearch} createLabel={createLabel} onCreate={access.canWrite ? () => setCreating(true) : undefined} />}
      />
      <DataTable<T>
        query={list.query}
        rows={list.rows}
        columns={[...(typeof columns === 'function' ? columns(access) : columns), actions]}
        pagination={list.pagination}
        quietRefetch={pollWhile !== undefined}
        emptyText={search ? t('table.noMatches') : emptyText}
      />
      {creating && createDialog(project, () => setCreating(false))}
      {dialogs?.(project)}
    </>
  )
}
