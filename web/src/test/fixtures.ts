import type { ApiKey, AuditEvent, Me, Organization, OrganizationMember, Page, Project } from '../api/types'

export const me: Me = {
  id: 1,
  email: 'ada@example.com',
  full_name: 'Ada Lovelace',
  is_staff: false,
  is_superuser: false,
  date_joined: '2026-01-01T00:00:00Z',
  last_login: null,
  organizations: [{ id: 10, name: 'Acme', slug: 'acme', role: 'owner' }],
}

export const organization: Organization = {
  id: 10,
  name: 'Acme',
  slug: 'acme',
  description: '',
  storage_quota_bytes: 0,
  role: 'owner',
  created_at: '2026-01-02T00:00:00Z',
  updated_at: '2026-01-02T00:00:00Z',
}

export const project: Project = {
  id: 20,
  organization: 10,
  name: 'Vision',
  slug: 'vision',
  description: '',
  role: 'owner',
  created_at: '2026-01-03T00:00:00Z',
  updated_at: '2026-01-03T00:00:00Z',
}

export const member: OrganizationMember = {
  id: 30,
  user: { id: 2, email: 'grace@example.com', full_name: 'Grace Hopper' },
  role: 'member',
  created_at: '2026-01-04T00:00:00Z',
}

export const apiKey: ApiKey = {
  id: 40,
  name: 'CI pipeline',
  prefix: 'zt_ab12',
  scopes: ['read'],
  created_at: '2026-01-05T00:00:00Z',
  expires_at: null,
  last_used_at: null,
  revoked_at: null,
}

export const auditEvent: AuditEvent = {
  id: 50,
  time: '2026-01-06T08:30:00Z',
  action: 'update',
  actor: 'ada@example.com',
  actor_id: 1,
  actor_api_key: '',
  organization: 10,
  project: 20,
  object_type: 'project',
  object_id: '20',
  object_repr: 'acme/vision',
  changes: { name: ['Vision', 'Vision 2'], description: ['', 'Sees things'] },
  request_id: 'req-123',
  ip: '127.0.0.1',
}

export function page<T>(results: T[]): Page<T> {
  return { count: results.length, next: null, previous: null, results }
}

/** What the signed-in frame loads: the user, and the organization and project switchers. */
export function shellRoutes() {
  return {
    'GET /api/v1/me/': { body: me },
    'GET /api/v1/organizations/': { body: page([organization]) },
    'GET /api/v1/projects/': { body: page([project]) },
  }
}
