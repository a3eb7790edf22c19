import { api, unwrap } from '../../api/client'
import type { ApiKeyRequest } from '../../api/types'
import type { PageParams } from '../../hooks/useList'

export const API_KEYS_KEY = ['api-keys'] as const

export const fetchApiKeys = (query: PageParams) => unwrap(api.GET('/api/v1/api-keys/', { params: { query } }))

export const createApiKey = (body: ApiKeyRequest) => unwrap(api.POST('/api/v1/api-keys/', { body }))

export const revokeApiKey = (id: number) => unwrap(api.DELETE('/api/v1/api-keys/{id}/', { params: { path: { id } } }))
