import { api, unwrap } from '../../api/client'
import type { OrganizationRequest } from '../../api/types'
import type { PageParams } from '../../hooks/useList'

/** Prefix of every organizations query; invalidate it after any change to organizations. */
export const ORGANIZATIONS_KEY = ['organizations'] as const

export const fetchOrganizations = (query: PageParams & { search?: string }) =>
  unwrap(api.GET('/api/v1/organizations/', { params: { query } }))

export const fetchOrganization = (id: number) =>
  unwrap(api.GET('/api/v1/organizations/{id}/', { params: { path: { id } } }))

export const createOrganization = (body: OrganizationRequest) => unwrap(api.POST('/api/v1/organizations/', { body }))

export const updateOrganization = (id: number, body: OrganizationRequest) =>
  unwrap(api.PATCH('/api/v1/organizations/{id}/', { params: { path: { id } }, body }))

export const deleteOrganization = (id: number) =>
  unwrap(api.DELETE('/api/v1/organizations/{id}/', { params: { path: { id } } }))
