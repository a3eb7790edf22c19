import { api, unwrap } from '../../api/client'
import type { paths } from '../../api/schema'
import type { DatasetRequest, DatasetVersion } from '../../api/types'
import { postFormWithProgress, type UploadOptions } from '../../api/upload'

type DatasetQuery = NonNullable<paths['/api/v1/datasets/']['get']['parameters']['query']>
type VersionQuery = NonNullable<paths['/api/v1/dataset-versions/']['get']['parameters']['query']>

/** Prefix of every datasets query; invalidate it after any change to datasets. */
export const DATASETS_KEY = ['datasets'] as const
/** Prefix of every dataset-version query (lists, details, previews, profiles, lineage). */
export const VERSIONS_KEY = ['dataset-versions'] as const

export const fetchDatasets = (query: DatasetQuery) => unwrap(api.GET('/api/v1/datasets/', { params: { query } }))

export const fetchDataset = (id: number) => unwrap(api.GET('/api/v1/datasets/{id}/', { params: { path: { id } } }))

export const createDataset = (body: DatasetRequest) => unwrap(api.POST('/api/v1/datasets/', { body }))

export const deleteDataset = (id: number) => unwrap(api.DELETE('/api/v1/datasets/{id}/', { params: { path: { id } } }))

export const fetchVersions = (query: VersionQuery) =>
  unwrap(api.GET('/api/v1/dataset-versions/', { params: { query } }))

export const fetchVersion = (id: number) =>
  unwrap(api.GET('/api/v1/dataset-versions/{id}/', { params: { path: { id } } }))

export const deleteVersion = (id: number) =>
  unwrap(api.DELETE('/api/v1/dataset-versions/{id}/', { params: { path: { id } } }))

export const fetchPreview = (id: number) =>
  unwrap(api.GET('/api/v1/dataset-versions/{id}/preview/', { params: { path: { id } } }))

export const fetchProfile = (id: number) =>
  unwrap(api.GET('/api/v1/dataset-versions/{id}/profile/', { params: { path: { id } } }))

export const fetchLineage = (id: number) =>
  unwrap(api.GET('/api/v1/dataset-versions/{id}/lineage/', { params: { path: { id } } }))

/**
 * The short-lived URL one of a version's files downloads from, asked for as JSON: the browser
 * then opens it itself, so the object store needs no CORS rules for the portal's origin.
 */
export async function resolveDownloadUrl(id: number, file: string): Promise<string> {
  const link = await unwrap(
    api.GET('/api/v1/dataset-versions/{id}/download/', {
      params: { path: { id }, query: { file, redirect: false } },
    }),
  )
  return link.url
}

/** Uploads files as a new version of a dataset; the API answers while the version validates. */
export function uploadVersion(datasetId: number, files: File[], message: string, options: UploadOptions) {
  const form = new FormData()
  if (message) form.append('message', message)
  for (const file of files) form.append('file', file, file.name)
  return postFormWithProgress<DatasetVersion>(`/api/v1/datasets/${datasetId}/versions/`, form, options)
}
