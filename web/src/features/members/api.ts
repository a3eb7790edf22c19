import { api, unwrap } from '../../api/client'
import {
  ORGANIZATION_ROLES,
  PROJECT_ROLES,
  type OrganizationMember,
  type OrganizationRole,
  type Page,
  type ProjectMember,
  type ProjectRole,
} from '../../api/types'
import type { PageParams } from '../../hooks/useList'

type Member = OrganizationMember | ProjectMember
export type MemberRole = OrganizationRole | ProjectRole

/** Members of an organization or of a project: the same endpoints with different roles. */
export interface MembersApi<TRole extends MemberRole> {
  queryKey: readonly unknown[]
  roles: readonly TRole[]
  /** Preselected when adding someone. */
  defaultRole: TRole
  list: (params: PageParams) => Promise<Page<Member>>
  add: (body: { email: string; role: TRole }) => Promise<Member>
  changeRole: (memberId: number, role: TRole) => Promise<Member>
  remove: (memberId: number) => Promise<void>
}

export function organizationMembersApi(id: number): MembersApi<OrganizationRole> {
  const path = { id }
  return {
    queryKey: ['organizations', id, 'members'],
    roles: ORGANIZATION_ROLES,
    defaultRole: 'member',
    list: (query) => unwrap(api.GET('/api/v1/organizations/{id}/members/', { params: { path, query } })),
    add: (body) => unwrap(api.POST('/api/v1/organizations/{id}/members/', { params: { path }, body })),
    changeRole: (member_id, role) =>
      unwrap(
        api.PATCH('/api/v1/organizations/{id}/members/{member_id}/', {
          params: { path: { id, member_id } },
          body: { role },
        }),
      ),
    remove: (member_id) =>
      unwrap(api.DELETE('/api/v1/organizations/{id}/members/{member_id}/', { params: { path: { id, member_id } } })),
  }
}

export function projectMembersApi(id: number): MembersApi<ProjectRole> {
  const path = { id }
  return {
    queryKey: ['projects', id, 'members'],
    roles: PROJECT_ROLES,
    defaultRole: 'developer',
    list: (query) => unwrap(api.GET('/api/v1/projects/{id}/members/', { params: { path, query } })),
    add: (body) => unwrap(api.POST('/api/v1/projects/{id}/members/', { params: { path }, body })),
    changeRole: (member_id, role) =>
      unwrap(
        api.PATCH('/api/v1/projects/{id}/members/{member_id}/', { params: { path: { id, member_id } }, body: { role } }),
      ),
    remove: (member_id) =>
      unwrap(api.DELETE('/api/v1/projects/{id}/members/{member_id}/', { params: { path: { id, member_id } } })),
  }
}
