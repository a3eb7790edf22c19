/**
 * The portal's single registry of pages and side navigation.
 *
 * To add a page: lazy-import its component below, add a PortalPage to its section's `pages`
 * (replacing the section's "coming soon" page once it has real ones), and add its title to
 * both src/locales/en.json and src/locales/zh-CN.json.
 */
import { DashboardOutlined } from '@ant-design/icons'
import type { ParseKeys } from 'i18next'
import { lazy, type ReactElement, type ReactNode } from 'react'
import { matchPath } from 'react-router'
import { ComingSoonPage, type UpcomingSection } from '../features/comingSoon/ComingSoonPage'
import { SECTION_ICONS } from './sectionIcons'

export interface PortalPage {
  /** Absolute path; may hold parameters, e.g. '/projects/:projectId'. */
  path: string
  /** Locale key of the page's title, used in the navigation and the browser tab. */
  titleKey: ParseKeys
  element: ReactElement
  /** Detail pages stay out of the navigation; their list page is highlighted instead. */
  hiddenInNav?: boolean
}

export interface NavSection {
  key: string
  titleKey: ParseKeys
  icon: ReactNode
  pages: PortalPage[]
}

const DashboardPage = lazy(() => import('../features/dashboard/DashboardPage'))
const OrganizationsPage = lazy(() => import('../features/organizations/OrganizationsPage'))
const OrganizationDetailPage = lazy(() => import('../features/organizations/OrganizationDetailPage'))
const ProjectsPage = lazy(() => import('../features/projects/ProjectsPage'))
const ProjectDetailPage = lazy(() => import('../features/projects/ProjectDetailPage'))
const ApiKeysPage = lazy(() => import('../features/apiKeys/ApiKeysPage'))
const AuditLogPage = lazy(() => import('../features/audit/AuditLogPage'))
const SourcesPage = lazy(() => import('../features/sources/SourcesPage'))
const DatasetsPage = lazy(() => import('../features/datasets/DatasetsPage'))
const DatasetDetailPage = lazy(() => import('../features/datasets/DatasetDetailPage'))
const VersionDetailPage = lazy(() => import('../features/datasets/VersionDetailPage'))
const JobsPage = lazy(() => import('../features/jobs/JobsPage'))
const JobDetailPage = lazy(() => import('../features/jobs/JobDetailPage'))
const LabelingProjectsPage = lazy(() => import('../features/labeling/LabelingProjectsPage'))
const AnnotatePage = lazy(() => import('../features/labeling/AnnotatePage'))
const CollectionsPage = lazy(() => import('../features/collections/CollectionsPage'))
const CollectionDetailPage = lazy(() => import('../features/collections/CollectionDetailPage'))

function upcomingSection(section: UpcomingSection): NavSection {
  return {
    key: section,
    titleKey: `nav.${section}`,
    icon: SECTION_ICONS[section],
    pages: [{ path: `/${section}`, titleKey: `nav.${section}`, element: <ComingSoonPage section={section} /> }],
  }
}

export const dashboardPage: PortalPage = { path: '/', titleKey: 'nav.dashboard', element: <DashboardPage /> }
export const dashboardIcon = <DashboardOutlined />

export const navSections: NavSection[] = [
  {
    key: 'data',
    titleKey: 'nav.data',
    icon: SECTION_ICONS.data,
    pages: [
      { path: '/data/sources', titleKey: 'nav.sources', element: <SourcesPage /> },
      { path: '/data/datasets', titleKey: 'nav.datasets', element: <DatasetsPage /> },
      {
        path: '/data/datasets/:datasetId',
        titleKey: 'nav.datasets',
        element: <DatasetDetailPage />,
        hiddenInNav: true,
      },
      {
        path: '/data/versions/:versionId',
        titleKey: 'nav.datasets',
        element: <VersionDetailPage />,
        hiddenInNav: true,
      },
      { path: '/data/jobs', titleKey: 'nav.jobs', element: <JobsPage /> },
      { path: '/data/jobs/:jobId', titleKey: 'nav.jobs', element: <JobDetailPage />, hiddenInNav: true },
      { path: '/data/labeling', titleKey: 'nav.labeling', element: <LabelingProjectsPage /> },
      {
        path: '/data/labeling/:labelingProjectId',
        titleKey: 'nav.labeling',
        element: <AnnotatePage />,
        hiddenInNav: true,
      },
      { path: '/data/collections', titleKey: 'nav.collections', element: <CollectionsPage /> },
      {
        path: '/data/collections/:collectionId',
        titleKey: 'nav.collections',
        element: <CollectionDetailPage />,
        hiddenInNav: true,
      },
    ],
  },
  upcomingSection('algorithms'),
  upcomingSection('models'),
  upcomingSection('services'),
  {
    key: 'admin',
    titleKey: 'nav.admin',
    icon: SECTION_ICONS.admin,
    pages: [
      { path: '/organizations', titleKey: 'nav.organizations', element: <OrganizationsPage /> },
      {
        path: '/organizations/:organizationId',
        titleKey: 'nav.organizations',
        element: <OrganizationDetailPage />,
        hiddenInNav: true,
      },
      { path: '/projects', titleKey: 'nav.projects', element: <ProjectsPage /> },
      { path: '/projects/:projectId', titleKey: 'nav.projects', element: <ProjectDetailPage />, hiddenInNav: true },
      { path: '/api-keys', titleKey: 'nav.apiKeys', element: <ApiKeysPage /> },
      { path: '/audit', titleKey: 'nav.audit', element: <AuditLogPage /> },
    ],
  },
]

export const allPages: PortalPage[] = [dashboardPage, ...navSections.flatMap((section) => section.pages)]

/**
 * The navigation entry to highlight for a location: the longest nav path that contains it, else
 * the nav page titled as the detail page shown there (e.g. a version's page highlights Datasets).
 */
export function navPathFor(pathname: string): string {
  const navPages = allPages.filter((page) => !page.hiddenInNav)
  const candidates = navPages
    .map((page) => page.path)
    .filter((path) => (path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`)))
  const longest = candidates.sort((a, b) => b.length - a.length)[0]
  if (longest) return longest
  const detail = allPages.find((page) => page.hiddenInNav && matchPath(page.path, pathname))
  return navPages.find((page) => page.titleKey === detail?.titleKey)?.path ?? pathname
}
