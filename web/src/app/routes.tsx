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
  upcomingSection('data'),
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

/** The navigation entry to highlight for a location: the longest nav path that contains it. */
export function navPathFor(pathname: string): string {
  const candidates = allPages
    .filter((page) => !page.hiddenInNav)
    .map((page) => page.path)
    .filter((path) => (path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`)))
  return candidates.sort((a, b) => b.length - a.length)[0] ?? pathname
}
