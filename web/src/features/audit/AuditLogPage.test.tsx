import { screen, within, waitFor } from '@testing-library/react'
import { auditEvent, me, shellRoutes } from '../../test/fixtures'
import { mockApi } from '../../test/mockApi'
import { renderPortal } from '../../test/renderPortal'

const LIST = 'GET /api/v1/audit-events/'
const nextLink = 'http://localhost:3000/api/v1/audit-events/?cursor=older123&organization=10'

describe('audit log page', () => {
  it("lists the current organization's events and pages through them by cursor", async () => {
    const older = { ...auditEvent, id: 49, object_repr: 'acme/older', action: 'create' as const }
    const server = mockApi({
      ...shellRoutes(),
      [LIST]: (call) =>
        call.query.get('cursor') === 'older123'
          ? { body: { next: null, previous: 'http://localhost:3000/api/v1/audit-events/?cursor=newer456', results: [older] } }
          : { body: { next: nextLink, previous: null, results: [auditEvent] } },
    })
    const { user } = renderPortal('/audit')

    expect(await screen.findByText('acme/vision')).toBeInTheDocument()
    expect(server.callsTo(LIST)[0]?.query.get('organization')).toBe('10')
    await user.click(screen.getByRole('button', { name: /Older/ }))

    expect(await screen.findByText('acme/older')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: /Older/ })).toBeDisabled()
    expect(screen.getByRole('button', { name: /Newer/ })).toBeEnabled()
  })

  it('sends the chosen filters to the API', async () => {
    const server = mockApi({ ...shellRoutes(), [LIST]: { body: { next: null, previous: null, results: [] } } })
    const { user } = renderPortal('/audit')

    expect(await screen.findByText('No audit events match.')).toBeInTheDocument()
    await user.type(screen.getByLabelText('Actor email'), 'ada@example.com')
    await user.click(screen.getByRole('combobox', { name: 'Object type' }))
    await user.click(await screen.findByTitle('API key'))
    await user.click(screen.getByRole('button', { name: 'Filter' }))

    await waitFor(() => {
      const last = server.callsTo(LIST).at(-1)!
      expect(last.query.get('actor')).toBe('ada@example.com')
      expect(last.query.get('object_type')).toBe('platform_core.apikey')
      expect(last.query.get('organization')).toBe('10')
    })
  })

  it('opens a drawer with the changed fields of an event', async () => {
    mockApi({ ...shellRoutes(), [LIST]: { body: { next: null, previous: null, results: [auditEvent] } } })
    const { user } = renderPortal('/audit')

    await user.click(await screen.findByText('acme/vision'))

    const drawer = await screen.findByRole('dialog')
    expect(within(drawer).getByText('Changed fields')).toBeInTheDocument()
    const nameRow = within(drawer).getByText('name').closest('tr')!
    expect(within(nameRow).getByText('Vision')).toBeInTheDocument()
    expect(within(nameRow).getByText('Vision 2')).toBeInTheDocument()
    expect(within(drawer).getByText('req-123')).toBeInTheDocument()
  })

  it('lets platform operators read the events of the whole platform', async () => {
    const keyEvent = { ...auditEvent, id: 51, organization: null, project: null, object_type: 'platform_core.apikey', object_repr: 'CI (zt_ab12…)', action: 'revoke' as const }
    const server = mockApi({
      ...shellRoutes(),
      'GET /api/v1/me/': { body: { ...me, is_staff: true } },
      [LIST]: (call) => ({ body: { next: null, previous: null, results: call.query.has('organization') ? [auditEvent] : [keyEvent] } }),
    })
    const { user } = renderPortal('/audit')

    expect(await screen.findByText('acme/vision')).toBeInTheDocument()
    await user.click(screen.getByText('Whole platform'))

    const row = (await screen.findByText('CI (zt_ab12…)')).closest('tr')!
    expect(within(row).getByText('API key')).toBeInTheDocument()
    expect(within(row).getByText('Revoke')).toBeInTheDocument()
    expect(server.callsTo(LIST).at(-1)?.query.has('organization')).toBe(false)
  })

  it('does not offer the whole platform to other users', async () => {
    mockApi({ ...shellRoutes(), [LIST]: { body: { next: null, previous: null, results: [auditEvent] } } })
    renderPortal('/audit')

    expect(await screen.findByText('acme/vision')).toBeInTheDocument()
    expect(screen.queryByText('Whole platform')).not.toBeInTheDocument()
  })

  it('explains a refusal to show the log', async () => {
    mockApi({
      ...shellRoutes(),
      [LIST]: { status: 403, body: { error: { code: 'permission_denied', message: 'Only owners and admins may read the audit log.', details: {} } } },
    })
    renderPortal('/audit')

    expect(await screen.findByText('Only owners and admins may read the audit log.')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument()
  })
})
