import { api, unwrap } from '../../api/client'
import type { paths } from '../../api/schema'
import type { LabelingProjectRequest } from '../../api/types'
import type { AnnotationValue } from './annotationDraft'

type LabelingProjectQuery = NonNullable<paths['/api/v1/labeling-projects/']['get']['parameters']['query']>
type LabelTaskQuery = NonNullable<paths['/api/v1/label-tasks/']['get']['parameters']['query']>

/** Prefix of every labeling-project query (lists, details, progress). */
export const LABELING_KEY = ['labeling-projects'] as const
/** Prefix of every label-task query; invalidate it after assigning or annotating. */
export const TASKS_KEY = ['label-tasks'] as const

export const fetchLabelingProjects = (query: LabelingProjectQuery) =>
  unwrap(api.GET('/api/v1/labeling-projects/', { params: { query } }))

export const fetchLabelingProject = (id: number) =>
  unwrap(api.GET('/api/v1/labeling-projects/{id}/', { params: { path: { id } } }))

export const createLabelingProject = (body: LabelingProjectRequest) =>
  unwrap(api.POST('/api/v1/labeling-projects/', { body }))

export const deleteLabelingProject = (id: number) =>
  unwrap(api.DELETE('/api/v1/labeling-projects/{id}/', { params: { path: { id } } }))

/** Exports every task and its annotations as a new JSON Lines version ("<name> labels" by default). */
export const exportLabels = (id: number, message: string) =>
  unwrap(api.POST('/api/v1/labeling-projects/{id}/export/', { params: { path: { id } }, body: { message } }))

export const fetchLabelTasks = (query: LabelTaskQuery) => unwrap(api.GET('/api/v1/label-tasks/', { params: { query } }))

export const fetchLabelTask = (id: number) => unwrap(api.GET('/api/v1/label-tasks/{id}/', { params: { path: { id } } }))

export const assignLabelTask = (id: number, assignee: number | null) =>
  unwrap(api.POST('/api/v1/label-tasks/{id}/assign/', { params: { path: { id } }, body: { assignee } }))

/** Sets an open task aside; annotating it later still marks it done. */
export const skipLabelTask = (id: number) =>
  unwrap(api.POST('/api/v1/label-tasks/{id}/skip/', { params: { path: { id } } }))

/** Records an annotation; the task is then done. */
export const annotateLabelTask = (id: number, value: AnnotationValue) =>
  unwrap(api.POST('/api/v1/label-tasks/{id}/annotations/', { params: { path: { id } }, body: { value } }))
