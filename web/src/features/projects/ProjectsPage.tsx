import { EditOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { Button, Space, Tag, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { Project } from '../../api/types'
import { ConfirmDelete } from '../../components/ConfirmDelete'
import { DataTable } from '../../components/DataTable'
import { formatDate } from '../../components/format'
import { ListActions } from '../../components/ListActions'
import { PageHeader } from '../../components/PageHeader'
import { useList } from '../../hooks/useList'
import { useCurrentUser } from '../auth/AuthProvider'
import { canChangeProject, canCreateProject, canDeleteProject } from '../workspace/permissions'
import { NoOrganizationYet } from '../workspace/NoOrganizationYet'
import { useWorkspace } from '../workspace/WorkspaceProvider'
import { deleteProject, fetchProjects, PROJECTS_KEY } from './api'
import { ProjectFormModal } from './ProjectFormModal'

export default function ProjectsPage() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const queryClient = useQueryClient()
  const { organization, isLoading } = useWorkspace()
  const [search, setSearch] = useState('')
  const [creating, setCreating] = useState(false)
  const [editing, setEditing] = useState<Project>()

  const list = useList({
    queryKey: [...PROJECTS_KEY, 'list', organization?.id, search],
    fetchPage: (params) => fetchProjects({ ...params, organization: organization?.id, search: search || undefined }),
    enabled: organization !== undefined,
  })

  if (!isLoading && !organization) return <NoOrganizationYet title={t('nav.projects')} />
  const orgRole = organization?.role

  const columns: TableColumnsType<Project> = [
    { title: t('fields.name'), dataIndex: 'name', render: (name, project) => <Link to={`/projects/${project.id}`}>{name}</Link> },
    { title: t('fields.slug'), dataIndex: 'slug' },
    { title: t('projects.yourRole'), dataIndex: 'role', render: (role: Project['role']) => role && <Tag>{t(`roles.${role}`)}</Tag> },
    { title: t('fields.createdAt'), dataIndex: 'created_at', render: formatDate },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, project) => (
        <Space size={0}>
          {canChangeProject(user, orgRole, project.role) && (
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(project)}>
              {t('common.edit')}
            </Button>
          )}
          {canDeleteProject(user, orgRole, project.role) && (
            <ConfirmDelete
              title={t('projects.deleteConfirm', { name: project.name })}
              description={t('projects.deleteDescription')}
              successMessage={t('projects.deleted', { name: project.name })}
              onConfirm={async () => {
                await deleteProject(project.id)
                await queryClient.invalidateQueries({ queryKey: PROJECTS_KEY })
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
        title={t('nav.projects')}
        subtitle={organization && t('projects.subtitle', { organization: organization.name })}
        actions={<ListActions onSearch={setSearch} createLabel={t('projects.new')} onCreate={organization && canCreateProject(user, orgRole) ? () => setCreating(true) : undefined} />}
      />
      <DataTable<Project>
        query={list.query}
        rows={list.rows}
        columns={columns}
        pagination={list.pagination}
        emptyText={search ? t('table.noMatches') : t('projects.empty')}
      />
      {creating && organization && <ProjectFormModal organization={organization} onClose={() => setCreating(false)} />}
      {editing && <ProjectFormModal project={editing} onClose={() => setEditing(undefined)} />}
    </>
  )
}
