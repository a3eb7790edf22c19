import type { DataSource, LabelingProject, LabelTask, VectorCollection } from '../api/types'
import { me } from './fixtures'

/** Fixtures of the data tools: sources, labeling and vector collections (project 20 of org 10). */

export const postgresSource: DataSource = {
  id: 90,
  project: 20,
  name: 'Orders DB',
  kind: 'postgresql',
  description: 'The shop’s orders',
  config: { url: 'postgresql+psycopg://shop:***@db.internal:5432/shop' },
  has_secrets: true,
  last_tested_at: null,
  last_test_ok: null,
  last_test_message: '',
  created_at: '2026-01-09T00:00:00Z',
  updated_at: '2026-01-09T00:00:00Z',
}

export const kafkaSource: DataSource = {
  ...postgresSource,
  id: 91,
  name: 'Clicks',
  kind: 'kafka',
  description: '',
  config: { bootstrap_servers: ['broker:9092'], topic: 'clicks', security_protocol: 'PLAINTEXT' },
  has_secrets: false,
  last_tested_at: '2026-01-09T01:00:00Z',
  last_test_ok: false,
  last_test_message: 'Cannot reach Kafka at broker:9092: NoBrokersAvailable',
}

export const labelingProject: LabelingProject = {
  id: 100,
  organization: 10,
  project: 20,
  name: 'Reviews sentiment',
  version: 70,
  kind: 'classification',
  labels: ['positive', 'negative'],
  text_column: 'name',
  instructions: 'Is the review happy?',
  status: 'ready',
  error: '',
  task_count: 3,
  done_count: 1,
  skipped_count: 0,
  created_at: '2026-01-10T00:00:00Z',
  updated_at: '2026-01-10T00:00:00Z',
}

export const labelTask: LabelTask = {
  id: 110,
  organization: 10,
  project: 20,
  labeling_project: 100,
  item_ref: '0',
  data: { name: 'Great phone, 很好用', age: 3 },
  item_url: null,
  status: 'open',
  assignee: null,
  annotations: [],
  created_at: '2026-01-10T00:00:01Z',
  updated_at: '2026-01-10T00:00:01Z',
}

export const doneLabelTask: LabelTask = {
  ...labelTask,
  id: 111,
  item_ref: '1',
  data: { name: 'Broke after a day', age: 5 },
  status: 'done',
  assignee: { id: me.id, email: me.email, full_name: me.full_name },
  annotations: [{ id: 120, value: 'negative', annotator: { id: me.id, email: me.email, full_name: me.full_name }, created_at: '2026-01-10T01:00:00Z' }],
}

export const vectorCollection: VectorCollection = {
  id: 130,
  organization: 10,
  project: 20,
  name: 'People search',
  version: 70,
  text_column: 'name',
  metadata_columns: ['age'],
  embedding_model: 'all-MiniLM-L6-v2',
  dimensions: 384,
  backend: 'pgvector',
  status: 'ready',
  error: '',
  item_count: 3,
  progress: 1,
  created_at: '2026-01-11T00:00:00Z',
  updated_at: '2026-01-11T00:00:00Z',
}
