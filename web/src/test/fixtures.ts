import type {
  ApiKey,
  AuditEvent,
  Dataset,
  DatasetVersion,
  Job,
  Me,
  Organization,
  OrganizationMember,
  Page,
  Project,
} from '../api/types'

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
  project: null,
  project_name: null,
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

export const dataset: Dataset = {
  id: 60,
  organization: 10,
  project: 20,
  name: 'people',
  description: 'Who is who',
  format: 'csv',
  tags: ['hr'],
  version_count: 1,
  created_by: 1,
  created_at: '2026-01-07T00:00:00Z',
  updated_at: '2026-01-07T00:00:00Z',
}

export const version: DatasetVersion = {
  id: 70,
  organization: 10,
  project: 20,
  dataset: 60,
  number: 1,
  status: 'ready',
  message: '',
  failure_reason: '',
  files: [{ path: 'people.csv', size: 2048, sha256: 'fc6dbcd4ace0fc2aa0b8f2e0409d101adb10b66780c547b23b07c6f5a0a37c35' }],
  total_bytes: 2048,
  row_count: 3,
  schema: [
    { name: 'name', type: 'string' },
    { name: 'age', type: 'int64' },
  ],
  validation_report: { files: [{ path: 'people.csv', rows: 3 }], bad_row_count: 0, bad_rows: [], schema_mismatches: [], warnings: [] },
  parents: [],
  produced_by: null,
  created_by: 1,
  created_at: '2026-01-07T01:00:00Z',
  updated_at: '2026-01-07T01:00:00Z',
  ready_at: '2026-01-07T01:00:05Z',
}

export const job: Job = {
  id: 80,
  organization: 10,
  project: 20,
  kind: 'processing',
  name: 'Adults only',
  status: 'running',
  spec: { steps: [{ op: 'filter', where: { column: 'age', op: '>=', value: 18 } }] },
  inputs: [70],
  target_dataset: 60,
  outputs: [],
  source: null,
  orchestrator: 'local',
  external_id: '',
  error: '',
  created_by: 1,
  created_at: '2026-01-08T00:00:00Z',
  updated_at: '2026-01-08T00:00:00Z',
  started_at: '2026-01-08T00:00:01Z',
  finished_at: null,
}

/** Makes `project` the one chosen in the header, as project-scoped pages need. */
export function chooseProject(id = project.id) {
  localStorage.setItem('zt.project', String(id))
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
