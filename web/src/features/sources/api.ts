import { api, unwrap } from '../../api/client'
import type { paths } from '../../api/schema'
import type { DataSourceRequest, KafkaWindowRequest, SnapshotRequest } from '../../api/types'

type SourceQuery = NonNullable<paths['/api/v1/data-sources/']['get']['parameters']['query']>

/** Prefix of every data-source query; invalidate it after any change to sources. */
export const SOURCES_KEY = ['data-sources'] as const

export const fetchSources = (query: SourceQuery) => unwrap(api.GET('/api/v1/data-sources/', { params: { query } }))

export const createSource = (body: DataSourceRequest) => unwrap(api.POST('/api/v1/data-sources/', { body }))

export const updateSource = (id: number, body: Pick<DataSourceRequest, 'name' | 'description' | 'config'>) =>
  unwrap(api.PATCH('/api/v1/data-sources/{id}/', { params: { path: { id } }, body }))

export const deleteSource = (id: number) =>
  unwrap(api.DELETE('/api/v1/data-sources/{id}/', { params: { path: { id } } }))

export const testConnection = (id: number) =>
  unwrap(api.POST('/api/v1/data-sources/{id}/test-connection/', { params: { path: { id } } }))

export const startSnapshot = (id: number, body: SnapshotRequest) =>
  unwrap(api.POST('/api/v1/data-sources/{id}/snapshot/', { params: { path: { id } }, body }))

export const startConsume = (id: number, body: KafkaWindowRequest) =>
  unwrap(api.POST('/api/v1/data-sources/{id}/consume/', { params: { path: { id } }, body }))
