import { useParams } from 'react-router'
import { useCurrentUser } from '../auth/AuthProvider'
import { organizationMembersApi } from '../members/api'
import { canChangeOrganization, canDeleteOrganization, canManageMembers } from '../workspace/permissions'
import { WorkspaceDetailPage } from '../workspace/WorkspaceDetailPage'
import { deleteOrganization, fetchOrganization, ORGANIZATIONS_KEY } from './api'
import { OrganizationFormModal } from './OrganizationFormModal'

export default function OrganizationDetailPage() {
  const user = useCurrentUser()
  return (
    <WorkspaceDetailPage
      section="organizations"
      id={Number(useParams().organizationId)}
      queryKey={ORGANIZATIONS_KEY}
      fetch={fetchOrganization}
      remove={deleteOrganization}
      members={organizationMembersApi}
      view={(org) => ({
        subtitle: org.slug,
        canEdit: canChangeOrganization(user, org.role),
        canDelete: canDeleteOrganization(user, org.role),
        canManageMembers: canManageMembers(user, org.role),
      })}
      editDialog={(org, onClose) => <OrganizationFormModal organization={org} onClose={onClose} />}
    />
  )
}
