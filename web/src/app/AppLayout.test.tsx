import { screen, within } from '@testing-library/react'
import { LANGUAGE_STORAGE_KEY } from '../i18n'
import { shellRoutes } from '../test/fixtures'
import { mockApi } from '../test/mockApi'
import { renderPortal } from '../test/renderPortal'
import { navPathFor } from './routes'

describe('portal layout', () => {
  it('lists the 中台 sections in the side navigation', async () => {
    mockApi(shellRoutes())
    renderPortal('/models')

    const nav = await screen.findByRole('navigation', { name: 'Main navigation' })
    for (const section of ['Dashboard', 'Data', 'Algorithms', 'Models', 'Services', 'Admin']) {
      expect(within(nav).getByText(section)).toBeInTheDocument()
    }
    for (const page of ['Datasets', 'Processing jobs', 'Organizations', 'Projects', 'API keys', 'Audit log']) {
      expect(within(nav).getByText(page)).toBeInTheDocument()
    }
  })

  it('says what is coming in sections without pages yet', async () => {
    mockApi(shellRoutes())
    const { user, router } = renderPortal('/')

    await user.click(within(await screen.findByRole('navigation', { name: 'Main navigation' })).getByText('Models'))

    expect(router.state.location.pathname).toBe('/models')
    expect(await screen.findByText('Coming soon')).toBeInTheDocument()
    expect(screen.getByText('Model registry with versions and stages')).toBeInTheDocument()
  })

  it('shows the organization and project switchers with the current organization', async () => {
    mockApi(shellRoutes())
    renderPortal('/models')

    const switcher = await screen.findByTestId('organization-switcher')
    expect(await within(switcher).findByText('Acme')).toBeInTheDocument()
    expect(screen.getByTestId('project-switcher')).toHaveTextContent('All projects')
  })

  it('switches the language and remembers the choice', async () => {
    mockApi(shellRoutes())
    const { user } = renderPortal('/models')

    await user.click(await screen.findByRole('combobox', { name: 'Language' }))
    await user.click(await screen.findByTitle('中文'))

    const nav = screen.getByRole('navigation')
    expect(await within(nav).findByText('数据中台')).toBeInTheDocument()
    expect(within(nav).getByText('审计日志')).toBeInTheDocument()
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('zh-CN')
    expect(document.documentElement.lang).toBe('zh-CN')
  })

  it('shows a not-found page for unknown addresses', async () => {
    mockApi(shellRoutes())
    renderPortal('/no/such/page')

    expect(await screen.findByText('Page not found')).toBeInTheDocument()
  })
})

describe('navPathFor', () => {
  it('highlights the list page for its detail pages', () => {
    expect(navPathFor('/projects/12')).toBe('/projects')
    expect(navPathFor('/organizations')).toBe('/organizations')
    expect(navPathFor('/')).toBe('/')
    expect(navPathFor('/data/jobs/5')).toBe('/data/jobs')
    expect(navPathFor('/data/versions/7')).toBe('/data/datasets')
    expect(navPathFor('/no/such/page')).toBe('/no/such/page')
  })
})
