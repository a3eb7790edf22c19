import { screen, waitFor, within } from '@testing-library/react'
import { me, member, organization, page, project, shellRoutes } from '../../test/fixtures'
import { mockApi } from '../../test/mockApi'
import { renderPortal } from '../../test/renderPortal'

// The detail page organizations and projects share, driven through both.

describe('workspace detail page', () => {
  it("shows a project's path, organization and role, and deletes it back to the list", async () => {
    let deleted = false
    const server = mockApi({
      ...shellRoutes(),
      'GET /api/v1/projects/20/': { body: { ...project, description: 'Sees things', role: 'owner' } },
      'GET /api/v1/projects/20/members/': { body: page([{ ...member, role: 'developer' }]) },
      'GET /api/v1/projects/': () => ({ body: page(deleted ? [] : [project]) }),
      'DELETE /api/v1/projects/20/': () => {
        deleted = true
        return { status: 204 }
      },
    })
    const { user, router } = renderPortal('/projects/20')

    expect(await screen.findByRole('heading', { name: 'Vision' })).toBeInTheDocument()
    expect(screen.getByText('acme/vision')).toBeInTheDocument()
    expect(screen.getByText("Only members of the project's organization can be added.")).toBeInTheDocument()
    await user.click(screen.getByRole('tab', { name: 'Details' }))
    const details = await screen.findByRole('tabpanel', { name: 'Details' })
    expect(within(details).getByText('Acme')).toBeInTheDocument()
    expect(within(details).getByText('Sees things')).toBeInTheDocument()
    expect(within(details).getByText('Owner')).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: /Delete/ }))
    await user.click((await screen.findAllByRole('button', { name: /Delete/ })).at(-1)!)
    await waitFor(() => expect(router.state.location.pathname).toBe('/projects'))
    expect(server.callsTo('DELETE /api/v1/projects/20/')).toHaveLength(1)
  })

  it('offers a viewer neither edit nor delete', async () => {
    mockApi({
      ...shellRoutes(),
      'GET /api/v1/me/': { body: { ...me, organizations: [{ ...me.organizations[0]!, role: 'viewer' as const }] } },
      'GET /api/v1/organizations/': { body: page([{ ...organization, role: 'viewer' as const }]) },
      'GET /api/v1/organizations/10/': { body: { ...organization, role: 'viewer' } },
      'GET /api/v1/organizations/10/members/': { body: page([member]) },
    })
    renderPortal('/organizations/10')

    expect(await screen.findByRole('heading', { name: 'Acme' })).toBeInTheDocument()
    expect(await screen.findByText('Grace Hopper')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /Delete/ })).not.toBeInTheDocument()
  })

  it('edits an organization from its header', async () => {
    mockApi({
      ...shellRoutes(),
      'GET /api/v1/organizations/10/': { body: organization },
      'GET /api/v1/organizations/10/members/': { body: page([member]) },
    })
    const { user } = renderPortal('/organizations/10')

    await user.click(await screen.findByRole('button', { name: 'Edit' }))
    const dialog = await screen.findByRole('dialog')
    expect(within(dialog).getByDisplayValue('Acme')).toBeInTheDocument()
  })

  it('says why an unknown project could not be loaded and links back to the list', async () => {
    mockApi({
      ...shellRoutes(),
      'GET /api/v1/projects/99/': { status: 404, body: { error: { code: 'not_found', message: 'Not found.', details: {} } } },
    })
    renderPortal('/projects/99')

    expect(await screen.findByText('This project could not be loaded')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Back to projects' })).toHaveAttribute('href', '/projects')
  })
})
