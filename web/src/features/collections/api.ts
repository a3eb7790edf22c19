import { api, unwrap } from '../../api/client'
import type { paths } from '../../api/schema'
import type { SearchRequest, VectorCollectionRequest } from '../../api/types'

type CollectionQuery = NonNullable<paths['/api/v1/vector-collections/']['get']['parameters']['query']>

/** Prefix of every vector-collection query; invalidate it after any change to collections. */
export const COLLECTIONS_KEY = ['vector-collections'] as const

export const fetchCollections = (query: CollectionQuery) =>
  unwrap(api.GET('/api/v1/vector-collections/', { params: { query } }))

export const fetchCollection = (id: number) =>
  unwrap(api.GET('/api/v1/vector-collections/{id}/', { params: { path: { id } } }))

export const createCollection = (body: VectorCollectionRequest) =>
  unwrap(api.POST('/api/v1/vector-collections/', { body }))

export const deleteCollection = (id: number) =>
  unwrap(api.DELETE('/api/v1/vector-collections/{id}/', { params: { path: { id } } }))

/** Embeds the version again, with the platform's current model and vector store. */
export const rebuildCollection = (id: number) =>
  unwrap(api.POST('/api/v1/vector-collections/{id}/rebuild/', { params: { path: { id } } }))

export const searchCollection = (id: number, body: SearchRequest) =>
  unwrap(api.POST('/api/v1/vector-collections/{id}/search/', { params: { path: { id } }, body }))
