import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { useCurrentUser } from '../auth/AuthProvider'
import { projectMembersApi } from '../members/api'
import { WebhooksPanel } from '../webhooks/WebhooksPanel'
import {
  canChangeProject,
  canDeleteProject,
  canDeleteProjectResources,
  canManageProjectMembers,
  canWriteProjectResources,
} from '../workspace/permissions'
import { useWorkspace } from '../workspace/WorkspaceProvider'
import { WorkspaceDetailPage } from '../workspace/WorkspaceDetailPage'
import { deleteProject, fetchProject, PROJECTS_KEY } from './api'
import { ProjectFormModal } from './ProjectFormModal'

export default function ProjectDetailPage() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const { organizations } = useWorkspace()
  return (
    <WorkspaceDetailPage
      section="projects"
      id={Number(useParams().projectId)}
      queryKey={PROJECTS_KEY}
      fetch={fetchProject}
      remove={deleteProject}
      members={projectMembersApi}
      view={(project) => {
        const organization = organizations.find((org) => org.id === project.organization)
        const orgRole = organization?.role
        return {
          subtitle: organization ? `${organization.slug}/${project.slug}` : project.slug,
          canEdit: canChangeProject(user, orgRole, project.role),
          canDelete: canDeleteProject(user, orgRole, project.role),
          canManageMembers: canManageProjectMembers(user, orgRole, project.role),
          memberHint: t('projects.memberHint'),
          leadingDetails: [{ label: t('projects.organization'), value: organization?.name ?? project.organization }],
          panels: [
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
          ],
        }
      }}
      editDialog={(project, onClose) => <ProjectFormModal project={project} onClose={onClose} />}
    />
  )
}
