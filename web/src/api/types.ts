import type { components } from './schema'

// Enums are reached through the objects that use them: drf-spectacular renames enum
// components (ActionEnum → Action3c5Enum…) when another model adds a field of the same name.
type Schemas = components['schemas']

export type Me = Schemas['Me']
export type OidcConfig = Schemas['OidcConfig']
export type Organization = Schemas['Organization']
export type OrganizationRequest = Schemas['OrganizationRequest']
export type Project = Schemas['Project']
export type ProjectRequest = Schemas['ProjectRequest']
export type OrganizationMember = Schemas['OrganizationMember']
export type OrganizationRole = OrganizationMember['role']
export type ProjectMember = Schemas['ProjectMember']
export type ProjectRole = ProjectMember['role']
export type ApiKey = Schemas['ApiKey']
export type ApiKeyCreated = Schemas['ApiKeyCreated']
export type ApiKeyRequest = Schemas['ApiKeyRequest']
export type ApiKeyScope = ApiKey['scopes'][number]
export type AuditEvent = Schemas['AuditEvent']
export type AuditAction = AuditEvent['action']

/** One page of a page-number paginated list. */
export interface Page<T> {
  count: number
  next?: string | null
  previous?: string | null
  results: T[]
}

/** One page of a cursor paginated list (audit events, later logs and metrics). */
export interface CursorPage<T> {
  next?: string | null
  previous?: string | null
  results: T[]
}

export const ORGANIZATION_ROLES = ['owner', 'admin', 'member', 'viewer'] as const satisfies readonly OrganizationRole[]
export const PROJECT_ROLES = ['owner', 'maintainer', 'developer', 'viewer'] as const satisfies readonly ProjectRole[]
export const API_KEY_SCOPES = ['read', 'write', 'admin'] as const satisfies readonly ApiKeyScope[]
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'revoke',
  'login',
  'login_failed',
  'logout',
] as const satisfies readonly AuditAction[]
