import { screen, within, waitFor } from '@testing-library/react'
import { organization, page, shellRoutes } from '../../test/fixtures'
import { mockApi } from '../../test/mockApi'
import { renderPortal } from '../../test/renderPortal'

const CREATE = 'POST /api/v1/organizations/'

describe('organizations page', () => {
  it('creates an organization, suggesting the slug, and switches to it', async () => {
    const created = { ...organization, id: 11, name: 'Vision Lab', slug: 'vision-lab' }
    let organizations = [organization]
    const server = mockApi({
      ...shellRoutes(),
      'GET /api/v1/organizations/': () => ({ body: page(organizations) }),
      [CREATE]: () => {
        organizations = [organization, created]
        return { status: 201, body: created }
      },
    })
    const { user } = renderPortal('/organizations')

    await user.click(await screen.findByRole('button', { name: /New organization/ }))
    const dialog = await screen.findByRole('dialog')
    await user.type(within(dialog).getByLabelText('Name'), 'Vision Lab')
    expect(within(dialog).getByLabelText('Slug')).toHaveValue('vision-lab')
    await user.click(within(dialog).getByRole('button', { name: 'Create' }))

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(server.callsTo(CREATE)[0]?.body).toEqual({ name: 'Vision Lab', slug: 'vision-lab', description: '' })
    expect(await screen.findByRole('link', { name: 'Vision Lab' })).toBeInTheDocument()
    expect(await within(screen.getByTestId('organization-switcher')).findByText('Vision Lab')).toBeInTheDocument()
  })

  it('shows a slug conflict under the slug field and keeps the dialog open', async () => {
    mockApi({
      ...shellRoutes(),
      [CREATE]: {
        status: 409,
        body: { error: { code: 'conflict', message: 'slug: taken', details: { slug: ['Organization with this slug already exists.'] } } },
      },
    })
    const { user } = renderPortal('/organizations')

    await user.click(await screen.findByRole('button', { name: /New organization/ }))
    const dialog = await screen.findByRole('dialog')
    await user.type(within(dialog).getByLabelText('Name'), 'Acme')
    await user.click(within(dialog).getByRole('button', { name: 'Create' }))

    const error = await within(dialog).findByText('Organization with this slug already exists.')
    expect(error.closest('.ant-form-item')).toHaveTextContent('Slug')
    expect(within(dialog).getByRole('button', { name: 'Create' })).toBeEnabled()
  })

  it('edits an organization without sending read-only fields', async () => {
    const server = mockApi({
      ...shellRoutes(),
      'PATCH /api/v1/organizations/10/': { body: { ...organization, name: 'Acme Corp' } },
    })
    const { user } = renderPortal('/organizations')

    const row = (await screen.findByRole('link', { name: 'Acme' })).closest('tr')!
    await user.click(within(row).getByRole('button', { name: /Edit/ }))
    const dialog = await screen.findByRole('dialog')
    const name = within(dialog).getByLabelText('Name')
    await user.clear(name)
    await user.type(name, 'Acme Corp')
    expect(within(dialog).getByLabelText('Slug')).toHaveValue('acme')
    await user.click(within(dialog).getByRole('button', { name: 'Save' }))

    await waitFor(() =>
      expect(server.callsTo('PATCH /api/v1/organizations/10/')[0]?.body).toEqual({
        name: 'Acme Corp',
        slug: 'acme',
        description: '',
      }),
    )
  })

  it('reports why an organization cannot be deleted', async () => {
    mockApi({
      ...shellRoutes(),
      'DELETE /api/v1/organizations/10/': {
        status: 409,
        body: { error: { code: 'organization_not_empty', message: 'This organization still has projects.', details: { projects: 1 } } },
      },
    })
    const { user } = renderPortal('/organizations')

    const row = (await screen.findByRole('link', { name: 'Acme' })).closest('tr')!
    await user.click(within(row).getByRole('button', { name: /Delete/ }))
    await user.click((await screen.findAllByRole('button', { name: /Delete/ })).at(-1)!)

    expect(await screen.findByText('This organization still has projects.')).toBeInTheDocument()
  })
})
