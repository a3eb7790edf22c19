import { useCurrentUser } from '../auth/AuthProvider'
import { canDeleteProjectResources, canWriteProjectResources } from './permissions'
import { useWorkspace } from './WorkspaceProvider'

/**
 * What the signed-in user may do with the resources (datasets, versions, jobs…) of a project of
 * the current organization. Only hides buttons: the API remains the authority.
 */
export function useProjectAccess(projectId: number | undefined) {
  const user = useCurrentUser()
  const { organization, projects } = useWorkspace()
  const projectRole = projects.find((project) => project.id === projectId)?.role
  return {
    canWrite: canWriteProjectResources(user, organization?.role, projectRole),
    canDelete: canDeleteProjectResources(user, organization?.role, projectRole),
  }
}
