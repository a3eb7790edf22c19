import { useQuery } from '@tanstack/react-query'
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'
import type { Organization, Project } from '../../api/types'
import { fetchOrganizations, ORGANIZATIONS_KEY } from '../organizations/api'
import { fetchProjects, PROJECTS_KEY } from '../projects/api'

/** Enough for a switcher; people with more use the search of the Organizations and Projects pages. */
const SWITCHER_PAGE_SIZE = 200
const ORGANIZATION_KEY = 'zt.organization'
const PROJECT_KEY = 'zt.project'

interface WorkspaceContextValue {
  organizations: Organization[]
  organization: Organization | undefined
  selectOrganization: (id: number) => void
  projects: Project[]
  project: Project | undefined
  selectProject: (id: number | undefined) => void
  /** Organizations, or the current organization's projects, are still loading. */
  isLoading: boolean
}

const WorkspaceContext = createContext<WorkspaceContextValue | null>(null)

function storedId(key: string): number | undefined {
  const value = Number(localStorage.getItem(key))
  return Number.isInteger(value) && value > 0 ? value : undefined
}

function storeId(key: string, id: number | undefined) {
  if (id === undefined) localStorage.removeItem(key)
  else localStorage.setItem(key, String(id))
}

/** The organization and project the user is working in, chosen in the header and remembered. */
export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const [organizationId, setOrganizationId] = useState(() => storedId(ORGANIZATION_KEY))
  const [projectId, setProjectId] = useState(() => storedId(PROJECT_KEY))

  const organizationsQuery = useQuery({
    queryKey: [...ORGANIZATIONS_KEY, 'switcher'],
    queryFn: () => fetchOrganizations({ page: 1, page_size: SWITCHER_PAGE_SIZE }),
  })
  const organizations = useMemo(() => organizationsQuery.data?.results ?? [], [organizationsQuery.data])
  // A remembered organization that is gone (deleted, membership removed) falls back to the first one.
  const organization = organizations.find((o) => o.id === organizationId) ?? organizations[0]

  const projectsQuery = useQuery({
    queryKey: [...PROJECTS_KEY, 'switcher', organization?.id],
    queryFn: () => fetchProjects({ organization: organization?.id, page: 1, page_size: SWITCHER_PAGE_SIZE }),
    enabled: organization !== undefined,
  })
  const projects = useMemo(() => projectsQuery.data?.results ?? [], [projectsQuery.data])
  const project = projects.find((p) => p.id === projectId)
  // The remembered project is only known once the organization's projects have loaded.
  const isLoading = organizationsQuery.isPending || (organization !== undefined && projectsQuery.isPending)

  const selectOrganization = useCallback((id: number) => {
    setOrganizationId(id)
    storeId(ORGANIZATION_KEY, id)
    setProjectId(undefined)
    storeId(PROJECT_KEY, undefined)
  }, [])

  const selectProject = useCallback((id: number | undefined) => {
    setProjectId(id)
    storeId(PROJECT_KEY, id)
  }, [])

  const value = useMemo(
    () => ({
      organizations,
      organization,
      selectOrganization,
      projects,
      project,
      selectProject,
      isLoading,
    }),
    [organizations, organization, selectOrganization, projects, project, selectProject, isLoading],
  )
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>
}

export function useWorkspace(): WorkspaceContextValue {
  const context = useContext(WorkspaceContext)
  if (!context) throw new Error('useWorkspace must be used inside <WorkspaceProvider>')
  return context
}
