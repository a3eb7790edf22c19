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
export type Dataset = Schemas['Dataset']
export type DatasetRequest = Schemas['DatasetRequest']
export type DatasetFormat = Dataset['format']
export type DatasetVersion = Schemas['DatasetVersion']
export type VersionStatus = DatasetVersion['status']
export type ManifestFile = Schemas['ManifestFile']
export type SchemaColumn = Schemas['Column']
export type ColumnProfile = Schemas['ColumnProfile']
export type Lineage = Schemas['Lineage']
export type VersionSummary = Schemas['VersionSummary']
export type Job = Schemas['Job']
export type JobStatus = Job['status']
export type JobCreateRequest = Schemas['JobCreateRequest']
export type PipelineStep = JobCreateRequest['spec']['steps'][number]
export type StepOp = PipelineStep['op']
export type JobLogLine = Schemas['JobLogLine']
export type DataSource = Schemas['DataSource']
export type DataSourceRequest = Schemas['DataSourceRequest']
export type SourceKind = DataSource['kind']
export type ConnectionTest = Schemas['ConnectionTest']
export type SnapshotRequest = Schemas['SnapshotRequest']
export type KafkaWindowRequest = Schemas['KafkaWindowRequest']
export type LabelingProject = Schemas['LabelingProject']
export type LabelingProjectRequest = Schemas['LabelingProjectRequest']
export type LabelKind = LabelingProject['kind']
export type LabelingProjectStatus = LabelingProject['status']
export type LabelTask = Schemas['LabelTask']
export type LabelTaskStatus = LabelTask['status']
export type VectorCollection = Schemas['VectorCollection']
export type VectorCollectionRequest = Schemas['VectorCollectionRequest']
export type CollectionStatus = VectorCollection['status']
export type SearchRequest = Schemas['SearchRequestRequest']
export type SearchHit = Schemas['SearchHit']
export type Webhook = Schemas['Webhook']
export type WebhookCreated = Schemas['WebhookCreated']
export type WebhookRequest = Schemas['WebhookRequest']
export type WebhookDelivery = Schemas['WebhookDelivery']
export type DeliveryStatus = WebhookDelivery['status']
export type EventType = Schemas['EventType']

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
export const DATASET_FORMATS = ['csv', 'parquet', 'jsonl', 'image_zip'] as const satisfies readonly DatasetFormat[]
/** The formats processing jobs read and write (data_platform/services/pipeline/io.py). */
export const TABULAR_FORMATS = ['csv', 'parquet', 'jsonl'] as const satisfies readonly DatasetFormat[]
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const satisfies readonly JobStatus[]
export const STEP_OPS = [
  'select',
  'rename',
  'filter',
  'drop_duplicates',
  'fill_missing',
  'cast',
  'join',
  'split',
  'sample',
] as const satisfies readonly StepOp[]
export const SOURCE_KINDS = ['postgresql', 'mysql', 's3', 'kafka', 'upload'] as const satisfies readonly SourceKind[]
export const LABEL_KINDS = ['classification', 'text_spans', 'bounding_boxes'] as const satisfies readonly LabelKind[]
export const LABEL_TASK_STATUSES = ['open', 'done', 'skipped'] as const satisfies readonly LabelTaskStatus[]
