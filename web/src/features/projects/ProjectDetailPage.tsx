import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, Card, Descriptions, Skeleton, Tabs, Tag } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams } from 'react-router'
import { ConfirmDelete } from '../../components/ConfirmDelete'
import { formatDateTime } from '../../components/format'
import { LoadFailed } from '../../components/LoadFailed'
import { PageHeader } from '../../components/PageHeader'
import { useCurrentUser } from '../auth/AuthProvider'
import { projectMembersApi } from '../members/api'
import { MembersPanel } from '../members/MembersPanel'
import { WebhooksPanel } from '../webhooks/WebhooksPanel'
import {
  canChangeProject,
  canDeleteProject,
  canDeleteProjectResources,
  canManageProjectMembers,
  canWriteProjectResources,
} from '../workspace/permissions'
import { useWorkspace } from '../workspace/WorkspaceProvider'
import { deleteProject, fetchProject, PROJECTS_KEY } from './api'
import { ProjectFormModal } from './ProjectFormModal'

export default function ProjectDetailPage() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const { organizations } = useWorkspace()
  const projectId = Number(useParams().projectId)
  const [editing, setEditing] = useState(false)
  const projectQuery = useQuery({ queryKey: [...PROJECTS_KEY, projectId], queryFn: () => fetchProject(projectId) })
  const members = useMemo(() => projectMembersApi(projectId), [projectId])

  if (projectQuery.isPending) return <Skeleton active />
  if (projectQuery.isError) {
    return <LoadFailed title={t('projects.loadFailed')} error={projectQuery.error} backTo="/projects" backLabel={t('projects.backToList')} />
  }
  const project = projectQuery.data
  const organization = organizations.find((org) => org.id === project.organization)
  const orgRole = organization?.role
  return (
    <>
      <PageHeader
        title={project.name}
        subtitle={organization ? `${organization.slug}/${project.slug}` : project.slug}
        actions={
          <>
            {canChangeProject(user, orgRole, project.role) && (
              <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>
            )}
            {canDeleteProject(user, orgRole, project.role) && (
              <ConfirmDelete
                buttonType="default"
                title={t('projects.deleteConfirm', { name: project.name })}
                description={t('projects.deleteDescription')}
                successMessage={t('projects.deleted', { name: project.name })}
                onConfirm={async () => {
                  await deleteProject(project.id)
                  await queryClient.invalidateQueries({ queryKey: PROJECTS_KEY })
                  navigate('/projects', { replace: true })
                }}
              />
            )}
          </>
        }
      />
      <Card>
        <Tabs
          items={[
            {
              key: 'members',
              label: t('members.title'),
              children: (
                <MembersPanel
                  members={members}
                  canManage={canManageProjectMembers(user, orgRole, project.role)}
                  addHint={t('projects.memberHint')}
                />
              ),
            },
            {
              key: 'webhooks',
              label: t('webhooks.title'),
              children: (
                <WebhooksPanel
                  projectId={project.id}
                  canWrite={canWriteProjectResources(user, orgRole, project.role)}
                  canDelete={canDeleteProjectResources(user, orgRole, project.role)}
                />
              ),
            },
            {
              key: 'details',
              label: t('common.details'),
              children: (
                <Descriptions column={1} bordered size="small">
                  <Descriptions.Item label={t('projects.organization')}>{organization?.name ?? project.organization}</Descriptions.Item>
                  <Descriptions.Item label={t('fields.name')}>{project.name}</Descriptions.Item>
                  <Descriptions.Item label={t('fields.slug')}>{project.slug}</Descriptions.Item>
                  <Descriptions.Item label={t('fields.description')}>{project.description || '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('projects.yourRole')}>
                    {project.role ? <Tag>{t(`roles.${project.role}`)}</Tag> : '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('fields.createdAt')}>{formatDateTime(project.created_at)}</Descriptions.Item>
                </Descriptions>
              ),
            },
          ]}
        />
      </Card>
      {editing && <ProjectFormModal project={project} onClose={() => setEditing(false)} />}
    </>
  )
}
