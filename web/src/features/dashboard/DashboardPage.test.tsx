import { screen } from '@testing-library/react'
import { auditEvent, organization, page, shellRoutes } from '../../test/fixtures'
import { mockApi } from '../../test/mockApi'
import { renderPortal } from '../../test/renderPortal'

describe('dashboard', () => {
  it("shows the organization's counts and recent audit events", async () => {
    // jsdom lays nothing out; give the chart a size so ECharts draws it.
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(600)
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(260)
    mockApi({
      ...shellRoutes(),
      'GET /api/v1/projects/': { body: { count: 4, next: null, previous: null, results: [] } },
      'GET /api/v1/organizations/10/members/': { body: { count: 7, next: null, previous: null, results: [] } },
      'GET /api/v1/api-keys/': { body: { count: 2, next: null, previous: null, results: [] } },
      'GET /api/v1/audit-events/': { body: { next: null, previous: null, results: [auditEvent] } },
    })
    renderPortal('/')

    // Each count is a link to its page, named by its title and value.
    expect(await screen.findByRole('link', { name: /^Projects.*4$/ })).toHaveAttribute('href', '/projects')
    expect(await screen.findByRole('link', { name: /^Members.*7$/ })).toHaveAttribute('href', '/organizations/10')
    expect(await screen.findByRole('link', { name: /^Your API keys.*2$/ })).toHaveAttribute('href', '/api-keys')
    expect(await screen.findByText('acme/vision')).toBeInTheDocument()
    const chart = screen.getByRole('img', { name: 'Activity in the last 14 days' })
    expect(chart.querySelector('svg')).not.toBeNull()
  })

  it('offers to create an organization to someone without one', async () => {
    mockApi({ ...shellRoutes(), 'GET /api/v1/organizations/': { body: page([]) } })
    renderPortal('/')

    expect(await screen.findByText(/You do not belong to any organization yet/)).toBeInTheDocument()
    expect(screen.getByRole('link', { name: /New organization/ })).toHaveAttribute('href', '/organizations?new=1')
  })

  it('tells members without audit access where activity is shown', async () => {
    mockApi({ ...shellRoutes(), 'GET /api/v1/organizations/': { body: page([{ ...organization, role: 'member' }]) } })
    renderPortal('/')

    expect(await screen.findByText(/shown to the organization's owners and admins/)).toBeInTheDocument()
  })
})
