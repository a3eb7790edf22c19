import type { Me, OrganizationRole, ProjectRole } from '../../api/types'

// Mirrors platform_core/permissions/roles.py, only to hide buttons the API would refuse;
// the API remains the authority and its refusals are shown as errors.

type Role<T> = T | null | undefined

function isOperator(user: Me): boolean {
  return user.is_staff || user.is_superuser
}

export function canChangeOrganization(user: Me, role: Role<OrganizationRole>): boolean {
  return isOperator(user) || role === 'owner' || role === 'admin'
}

export function canDeleteOrganization(user: Me, role: Role<OrganizationRole>): boolean {
  return isOperator(user) || role === 'owner'
}

/** Organization owners and admins manage members of the organization and of its projects. */
export function canManageMembers(user: Me, role: Role<OrganizationRole>): boolean {
  return canChangeOrganization(user, role)
}

export function canReadAuditLog(user: Me, role: Role<OrganizationRole>): boolean {
  return canChangeOrganization(user, role)
}

export function canCreateProject(user: Me, role: Role<OrganizationRole>): boolean {
  return isOperator(user) || role === 'owner' || role === 'admin' || role === 'member'
}

export function canChangeProject(user: Me, orgRole: Role<OrganizationRole>, projectRole: Role<ProjectRole>) {
  return canChangeOrganization(user, orgRole) || projectRole === 'owner' || projectRole === 'maintainer'
}

export function canDeleteProject(user: Me, orgRole: Role<OrganizationRole>, projectRole: Role<ProjectRole>) {
  return canChangeOrganization(user, orgRole) || projectRole === 'owner'
}

export function canManageProjectMembers(user: Me, orgRole: Role<OrganizationRole>, projectRole: Role<ProjectRole>) {
  return canChangeProject(user, orgRole, projectRole)
}

/** Creating and changing a project's resources (datasets, versions, jobs…): project developers and up. */
export function canWriteProjectResources(user: Me, orgRole: Role<OrganizationRole>, projectRole: Role<ProjectRole>) {
  return canChangeOrganization(user, orgRole) || projectRole === 'owner' || projectRole === 'maintainer' || projectRole === 'developer'
}

export function canDeleteProjectResources(user: Me, orgRole: Role<OrganizationRole>, projectRole: Role<ProjectRole>) {
  return canChangeProject(user, orgRole, projectRole)
}
