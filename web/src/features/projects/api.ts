import { api, unwrap } from '../../api/client'
import type { ProjectRequest } from '../../api/types'
import type { PageParams } from '../../hooks/useList'

/** Prefix of every projects query; invalidate it after any change to projects. */
export const PROJECTS_KEY = ['projects'] as const

export const fetchProjects = (query: PageParams & { organization?: number; search?: string }) =>
  unwrap(api.GET('/api/v1/projects/', { params: { query } }))

export const fetchProject = (id: number) => unwrap(api.GET('/api/v1/projects/{id}/', { params: { path: { id } } }))

export const createProject = (body: ProjectRequest) => unwrap(api.POST('/api/v1/projects/', { body }))

export const updateProject = (id: number, body: Omit<ProjectRequest, 'organization'>) =>
  unwrap(api.PATCH('/api/v1/projects/{id}/', { params: { path: { id } }, body }))

export const deleteProject = (id: number) => unwrap(api.DELETE('/api/v1/projects/{id}/', { params: { path: { id } } }))
