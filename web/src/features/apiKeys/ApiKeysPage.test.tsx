import { screen, within, waitFor } from '@testing-library/react'
import { apiKey, page, project, shellRoutes } from '../../test/fixtures'
import { mockApi, validationError } from '../../test/mockApi'
import { renderPortal } from '../../test/renderPortal'

const LIST = 'GET /api/v1/api-keys/'
const CREATE = 'POST /api/v1/api-keys/'

describe('API keys page', () => {
  it('lists keys with their status', async () => {
    mockApi({
      ...shellRoutes(),
      [LIST]: { body: page([apiKey, { ...apiKey, id: 41, name: 'Old key', revoked_at: '2026-01-06T00:00:00Z' }]) },
    })
    renderPortal('/api-keys')

    const active = (await screen.findByText('CI pipeline')).closest('tr')!
    expect(within(active).getByText('Active')).toBeInTheDocument()
    expect(within(active).getByText('zt_ab12')).toBeInTheDocument()
    const revoked = screen.getByText('Old key').closest('tr')!
    expect(within(revoked).getByText('Revoked')).toBeInTheDocument()
    expect(within(revoked).queryByRole('button', { name: /Revoke/ })).not.toBeInTheDocument()
  })

  it('creates a key and shows its secret once', async () => {
    const server = mockApi({
      ...shellRoutes(),
      [LIST]: { body: page([]) },
      [CREATE]: { status: 201, body: { ...apiKey, name: 'Deploy bot', scopes: ['read', 'write'], key: 'zt_ab12_secret' } },
    })
    const { user } = renderPortal('/api-keys')

    expect(await screen.findByText('You have no API keys yet.')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: /New API key/ }))
    const dialog = await screen.findByRole('dialog')
    await user.type(within(dialog).getByLabelText('Name'), 'Deploy bot')
    await user.click(within(dialog).getByLabelText('Write'))
    await user.click(within(dialog).getByRole('button', { name: 'Create' }))

    expect(await screen.findByTestId('secret-value')).toHaveTextContent('zt_ab12_secret')
    expect(server.callsTo(CREATE)[0]?.body).toEqual({ name: 'Deploy bot', scopes: ['read', 'write'], expires_at: null })

    await user.click(screen.getByRole('button', { name: 'I have copied the key' }))
    await waitFor(() => expect(screen.queryByTestId('secret-value')).not.toBeInTheDocument())
  })

  it('shows which project a key is bound to', async () => {
    mockApi({
      ...shellRoutes(),
      [LIST]: { body: page([{ ...apiKey, project: project.id, project_name: 'Vision' }, { ...apiKey, id: 41, name: 'Personal' }]) },
    })
    renderPortal('/api-keys')

    const bound = (await screen.findByText('CI pipeline')).closest('tr')!
    expect(within(bound).getByText('Vision')).toBeInTheDocument()
    const personal = screen.getByText('Personal').closest('tr')!
    expect(within(personal).getByText('All your projects')).toBeInTheDocument()
  })

  it('binds a new key to a project of the organization', async () => {
    const server = mockApi({
      ...shellRoutes(),
      [LIST]: { body: page([]) },
      [CREATE]: { status: 201, body: { ...apiKey, name: 'Job', project: project.id, project_name: 'Vision', key: 'zt_job' } },
    })
    const { user } = renderPortal('/api-keys')

    await user.click(await screen.findByRole('button', { name: /New API key/ }))
    const dialog = await screen.findByRole('dialog')
    await user.type(within(dialog).getByLabelText('Name'), 'Job')
    await user.click(within(dialog).getByRole('combobox', { name: 'Project' }))
    await user.click(await screen.findByTitle('Vision'))
    await user.click(within(dialog).getByRole('button', { name: 'Create' }))

    expect(await screen.findByTestId('secret-value')).toHaveTextContent('zt_job')
    expect(server.callsTo(CREATE)[0]?.body).toEqual({ name: 'Job', scopes: ['read'], expires_at: null, project: project.id })
  })

  it('puts a refused project under its field', async () => {
    mockApi({
      ...shellRoutes(),
      [LIST]: { body: page([]) },
      [CREATE]: validationError({ project: ['You are not a member who can see this project.'] }),
    })
    const { user } = renderPortal('/api-keys')

    await user.click(await screen.findByRole('button', { name: /New API key/ }))
    const dialog = await screen.findByRole('dialog')
    await user.type(within(dialog).getByLabelText('Name'), 'Job')
    await user.click(within(dialog).getByRole('combobox', { name: 'Project' }))
    await user.click(await screen.findByTitle('Vision'))
    await user.click(within(dialog).getByRole('button', { name: 'Create' }))

    const error = await within(dialog).findByText('You are not a member who can see this project.')
    expect(error.closest('.ant-form-item')).toHaveTextContent('Project')
  })

  it('shows the API validation message under the field', async () => {
    mockApi({
      ...shellRoutes(),
      [LIST]: { body: page([]) },
      [CREATE]: validationError({ name: ['A key with this name already exists.'] }),
    })
    const { user } = renderPortal('/api-keys')

    await user.click(await screen.findByRole('button', { name: /New API key/ }))
    const dialog = await screen.findByRole('dialog')
    await user.type(within(dialog).getByLabelText('Name'), 'CI pipeline')
    await user.click(within(dialog).getByRole('button', { name: 'Create' }))

    const error = await within(dialog).findByText('A key with this name already exists.')
    expect(error.closest('.ant-form-item')).toHaveTextContent('Name')
  })

  it('revokes a key after confirmation', async () => {
    let revoked = false
    const server = mockApi({
      ...shellRoutes(),
      [LIST]: () => ({ body: page([{ ...apiKey, revoked_at: revoked ? '2026-01-07T00:00:00Z' : null }]) }),
      'DELETE /api/v1/api-keys/40/': () => {
        revoked = true
        return { status: 204 }
      },
    })
    const { user } = renderPortal('/api-keys')

    const row = (await screen.findByText('CI pipeline')).closest('tr')!
    await user.click(within(row).getByRole('button', { name: /Revoke/ }))
    expect(await screen.findByText('Revoke API key CI pipeline?')).toBeInTheDocument()
    await user.click(screen.getAllByRole('button', { name: /Revoke/ }).at(-1)!)

    expect(await screen.findByText('Revoked')).toBeInTheDocument()
    expect(server.callsTo('DELETE /api/v1/api-keys/40/')).toHaveLength(1)
  })
})
