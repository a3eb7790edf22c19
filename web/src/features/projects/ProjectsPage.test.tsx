import { screen, waitFor, within } from '@testing-library/react'
import { member, page, project, shellRoutes } from '../../test/fixtures'
import { mockApi } from '../../test/mockApi'
import { renderPortal } from '../../test/renderPortal'

describe('projects', () => {
  it('lists the current organization’s projects and creates one in it', async () => {
    const server = mockApi({
      ...shellRoutes(),
      'POST /api/v1/projects/': { status: 201, body: { ...project, id: 21, name: 'Speech', slug: 'speech' } },
    })
    const { user } = renderPortal('/projects')

    expect(await screen.findByRole('link', { name: 'Vision' })).toHaveAttribute('href', '/projects/20')
    await waitFor(() =>
      expect(server.callsTo('GET /api/v1/projects/').some((call) => call.query.get('organization') === '10')).toBe(true),
    )
    await user.click(screen.getByRole('button', { name: /New project/ }))
    const dialog = await screen.findByRole('dialog')
    expect(within(dialog).getByDisplayValue('Acme')).toBeDisabled()
    await user.type(within(dialog).getByLabelText('Name'), 'Speech')
    await user.click(within(dialog).getByRole('button', { name: 'Create' }))

    await waitFor(() =>
      expect(server.callsTo('POST /api/v1/projects/')[0]?.body).toEqual({
        name: 'Speech',
        slug: 'speech',
        description: '',
        organization: 10,
      }),
    )
  })

  it('manages project members with project roles', async () => {
    const server = mockApi({
      ...shellRoutes(),
      'GET /api/v1/projects/20/': { body: project },
      'GET /api/v1/projects/20/members/': { body: page([{ ...member, role: 'developer' }]) },
      'POST /api/v1/projects/20/members/': { status: 201, body: { ...member, role: 'maintainer' } },
    })
    const { user } = renderPortal('/projects/20')

    expect(await screen.findByRole('heading', { name: 'Vision' })).toBeInTheDocument()
    expect(await screen.findByText('Grace Hopper')).toBeInTheDocument()
    await user.type(screen.getByLabelText('Email'), 'grace@example.com')
    await user.click(screen.getByRole('combobox', { name: 'Role' }))
    await user.click(await screen.findByTitle('Maintainer'))
    await user.click(screen.getByRole('button', { name: /Add member/ }))

    await waitFor(() =>
      expect(server.callsTo('POST /api/v1/projects/20/members/')[0]?.body).toEqual({
        email: 'grace@example.com',
        role: 'maintainer',
      }),
    )
  })
})
