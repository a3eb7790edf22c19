import { screen, within, waitFor } from '@testing-library/react'
import { member, organization, page, shellRoutes } from '../../test/fixtures'
import { mockApi, validationError } from '../../test/mockApi'
import { renderPortal } from '../../test/renderPortal'

const MEMBERS = 'GET /api/v1/organizations/10/members/'
const ADD = 'POST /api/v1/organizations/10/members/'

function organizationRoutes() {
  return { ...shellRoutes(), 'GET /api/v1/organizations/10/': { body: organization } }
}

describe('organization members', () => {
  it('adds a member by email with a role', async () => {
    let members = [member]
    const added = { ...member, id: 31, user: { id: 3, email: 'alan@example.com', full_name: '' }, role: 'admin' as const }
    const server = mockApi({
      ...organizationRoutes(),
      [MEMBERS]: () => ({ body: page(members) }),
      [ADD]: () => {
        members = [member, added]
        return { status: 201, body: added }
      },
    })
    const { user } = renderPortal('/organizations/10')

    expect(await screen.findByText('Grace Hopper')).toBeInTheDocument()
    await user.type(screen.getByLabelText('Email'), 'alan@example.com')
    await user.click(screen.getByRole('combobox', { name: 'Role' }))
    await user.click(await screen.findByTitle('Admin'))
    await user.click(screen.getByRole('button', { name: /Add member/ }))

    expect(await screen.findByText('alan@example.com')).toBeInTheDocument()
    expect(server.callsTo(ADD)[0]?.body).toEqual({ email: 'alan@example.com', role: 'admin' })
  })

  it('shows an unknown email under the email field', async () => {
    mockApi({
      ...organizationRoutes(),
      [MEMBERS]: { body: page([member]) },
      [ADD]: validationError({ email: ['No user with this email address.'] }),
    })
    const { user } = renderPortal('/organizations/10')

    await user.type(await screen.findByLabelText('Email'), 'nobody@example.com')
    await user.click(screen.getByRole('button', { name: /Add member/ }))

    const error = await screen.findByText('No user with this email address.')
    expect(error.closest('.ant-form-item')).toContainElement(screen.getByLabelText('Email'))
  })

  it("changes a member's role and removes a member", async () => {
    const server = mockApi({
      ...organizationRoutes(),
      [MEMBERS]: { body: page([member]) },
      'PATCH /api/v1/organizations/10/members/30/': { body: { ...member, role: 'viewer' } },
      'DELETE /api/v1/organizations/10/members/30/': { status: 204 },
    })
    const { user } = renderPortal('/organizations/10')

    await user.click(await screen.findByRole('combobox', { name: 'Role of grace@example.com' }))
    await user.click((await screen.findAllByTitle('Viewer')).at(-1)!)
    await waitFor(() =>
      expect(server.callsTo('PATCH /api/v1/organizations/10/members/30/')[0]?.body).toEqual({ role: 'viewer' }),
    )

    const row = screen.getByText('Grace Hopper').closest('tr')!
    await user.click(within(row).getByRole('button', { name: /Remove/ }))
    await user.click((await screen.findAllByRole('button', { name: /Remove/ })).at(-1)!)
    await waitFor(() => expect(server.callsTo('DELETE /api/v1/organizations/10/members/30/')).toHaveLength(1))
  })

  it('shows members read-only to someone who may not manage them', async () => {
    mockApi({
      ...organizationRoutes(),
      'GET /api/v1/organizations/10/': { body: { ...organization, role: 'viewer' } },
      [MEMBERS]: { body: page([member]) },
    })
    renderPortal('/organizations/10')

    expect(await screen.findByText('Grace Hopper')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /Add member/ })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /Remove/ })).not.toBeInTheDocument()
    expect(screen.getByText('Member')).toBeInTheDocument()
  })
})
