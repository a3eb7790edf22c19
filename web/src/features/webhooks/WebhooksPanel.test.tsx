import { screen, waitFor, within } from '@testing-library/react'
import type { Webhook, WebhookDelivery } from '../../api/types'
import { organization, page, project, shellRoutes } from '../../test/fixtures'
import { mockApi, validationError } from '../../test/mockApi'
import { renderPortal } from '../../test/renderPortal'

const LIST = 'GET /api/v1/webhooks/'
const CREATE = 'POST /api/v1/webhooks/'

const webhook: Webhook = {
  id: 90,
  project: 20,
  name: 'CI receiver',
  url: 'https://ci.example.com/hooks',
  event_types: ['dataset_version.ready'],
  is_active: true,
  created_at: '2026-01-09T00:00:00Z',
  updated_at: '2026-01-09T00:00:00Z',
}

const delivery: WebhookDelivery = {
  id: 100,
  event_id: '8d6f0b2e-0000-4000-8000-000000000001',
  event_type: 'dataset_version.ready',
  status: 'pending',
  attempts: 1,
  response_status: 500,
  error: 'The receiver answered HTTP 500.',
  created_at: '2026-01-09T01:00:00Z',
  next_attempt_at: '2026-01-09T01:00:30Z',
  delivered_at: null,
  attempt_log: [{ at: '2026-01-09T01:00:00Z', status: 500, error: 'The receiver answered HTTP 500.', duration_ms: 12 }],
}

function routes(extra = {}) {
  return {
    ...shellRoutes(),
    'GET /api/v1/projects/20/': { body: project },
    'GET /api/v1/projects/20/members/': { body: page([]) },
    'GET /api/v1/webhooks/event-types/': {
      body: [
        { type: 'dataset_version.ready', description: 'A dataset version was validated and can be read.' },
        { type: 'data_source.tested', description: 'A data source was tested.' },
      ],
    },
    ...extra,
  }
}

async function openWebhooksTab(user: ReturnType<typeof renderPortal>['user']) {
  await user.click(await screen.findByRole('tab', { name: 'Webhooks' }))
}

describe('project webhooks', () => {
  it('lists the project’s webhooks with their event filter', async () => {
    const server = mockApi(routes({ [LIST]: { body: page([webhook, { ...webhook, id: 91, name: 'Everything', event_types: [] }]) } }))
    const { user } = renderPortal('/projects/20')
    await openWebhooksTab(user)

    const row = (await screen.findByText('CI receiver')).closest('tr')!
    expect(within(row).getByText('https://ci.example.com/hooks')).toBeInTheDocument()
    expect(within(row).getByText('dataset_version.ready')).toBeInTheDocument()
    expect(within(screen.getByText('Everything').closest('tr')!).getByText('All events')).toBeInTheDocument()
    expect(server.callsTo(LIST)[0]?.query.get('project')).toBe('20')
  })

  it('creates a webhook and shows its generated secret once', async () => {
    const server = mockApi(
      routes({
        [LIST]: { body: page([]) },
        [CREATE]: { status: 201, body: { ...webhook, secret: 'whsec_generated' } },
      }),
    )
    const { user } = renderPortal('/projects/20')
    await openWebhooksTab(user)

    expect(await screen.findByText('No webhooks in this project yet.')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: /New webhook/ }))
    const dialog = await screen.findByRole('dialog')
    await user.type(within(dialog).getByLabelText('Name'), 'CI receiver')
    await user.type(within(dialog).getByLabelText('URL'), 'https://ci.example.com/hooks')
    await user.click(within(dialog).getByRole('combobox', { name: 'Events' }))
    await user.click(await screen.findByTitle('A dataset version was validated and can be read.'))
    await user.click(within(dialog).getByRole('button', { name: 'Create' }))

    expect(await screen.findByTestId('secret-value')).toHaveTextContent('whsec_generated')
    expect(server.callsTo(CREATE)[0]?.body).toEqual({
      project: 20,
      name: 'CI receiver',
      url: 'https://ci.example.com/hooks',
      event_types: ['dataset_version.ready'],
    })
    await user.click(screen.getByRole('button', { name: 'I have copied the secret' }))
    await waitFor(() => expect(screen.queryByTestId('secret-value')).not.toBeInTheDocument())
  })

  it('sends an entered secret and does not show it again', async () => {
    const server = mockApi(
      routes({ [LIST]: { body: page([]) }, [CREATE]: { status: 201, body: { ...webhook, secret: 'my-own-secret-1234' } } }),
    )
    const { user } = renderPortal('/projects/20')
    await openWebhooksTab(user)

    await user.click(await screen.findByRole('button', { name: /New webhook/ }))
    const dialog = await screen.findByRole('dialog')
    await user.type(within(dialog).getByLabelText('Name'), 'CI receiver')
    await user.type(within(dialog).getByLabelText('URL'), 'https://ci.example.com/hooks')
    await user.type(within(dialog).getByLabelText('Signing secret'), 'my-own-secret-1234')
    await user.click(within(dialog).getByRole('button', { name: 'Create' }))

    expect(await screen.findByText('Webhook CI receiver created')).toBeInTheDocument()
    expect(screen.queryByTestId('secret-value')).not.toBeInTheDocument()
    expect(server.callsTo(CREATE)[0]?.body).toMatchObject({ secret: 'my-own-secret-1234', event_types: [] })
  })

  it('puts a refused URL under its field', async () => {
    mockApi(
      routes({
        [LIST]: { body: page([]) },
        [CREATE]: validationError({ url: ['Must not carry credentials; the signature authenticates the platform.'] }),
      }),
    )
    const { user } = renderPortal('/projects/20')
    await openWebhooksTab(user)

    await user.click(await screen.findByRole('button', { name: /New webhook/ }))
    const dialog = await screen.findByRole('dialog')
    await user.type(within(dialog).getByLabelText('Name'), 'x')
    await user.type(within(dialog).getByLabelText('URL'), 'https://me:pw@ci.example.com/')
    await user.click(within(dialog).getByRole('button', { name: 'Create' }))

    const error = await within(dialog).findByText('Must not carry credentials; the signature authenticates the platform.')
    expect(error.closest('.ant-form-item')).toHaveTextContent('URL')
  })

  it('pings a webhook and reports how the receiver answered', async () => {
    const server = mockApi(
      routes({
        [LIST]: { body: page([webhook]) },
        'POST /api/v1/webhooks/90/ping/': {
          body: { ...delivery, event_type: 'webhook.ping', status: 'failed', response_status: 503, error: 'The receiver answered HTTP 503.' },
        },
      }),
    )
    const { user } = renderPortal('/projects/20')
    await openWebhooksTab(user)

    const row = (await screen.findByText('CI receiver')).closest('tr')!
    await user.click(within(row).getByRole('button', { name: /Ping/ }))
    expect(await screen.findByText('The ping was not delivered: The receiver answered HTTP 503.')).toBeInTheDocument()
    expect(server.callsTo('POST /api/v1/webhooks/90/ping/')).toHaveLength(1)
  })

  it('shows the delivery log with status and outcome', async () => {
    const server = mockApi(
      routes({
        [LIST]: { body: page([webhook]) },
        'GET /api/v1/webhooks/90/deliveries/': {
          body: {
            next: 'http://localhost/api/v1/webhooks/90/deliveries/?cursor=abc',
            previous: null,
            results: [delivery, { ...delivery, id: 99, status: 'succeeded', response_status: 200, error: '', next_attempt_at: null }],
          },
        },
      }),
    )
    const { user } = renderPortal('/projects/20')
    await openWebhooksTab(user)

    const row = (await screen.findByText('CI receiver')).closest('tr')!
    await user.click(within(row).getByRole('button', { name: 'Deliveries' }))
    const drawer = await screen.findByRole('dialog')
    expect(await within(drawer).findByText('Pending')).toBeInTheDocument()
    expect(within(drawer).getByText('Delivered')).toBeInTheDocument()
    expect(within(drawer).getByText('HTTP 500')).toBeInTheDocument()
    expect(within(drawer).getByText('The receiver answered HTTP 500.')).toBeInTheDocument()

    await user.click(within(drawer).getByRole('button', { name: /Older/ }))
    await waitFor(() =>
      expect(server.callsTo('GET /api/v1/webhooks/90/deliveries/').at(-1)?.query.get('cursor')).toBe('abc'),
    )
  })

  it('pauses a webhook and deletes one', async () => {
    let webhooks = [webhook]
    const server = mockApi(
      routes({
        [LIST]: () => ({ body: page(webhooks) }),
        'PATCH /api/v1/webhooks/90/': { body: { ...webhook, is_active: false } },
        'DELETE /api/v1/webhooks/90/': () => {
          webhooks = []
          return { status: 204 }
        },
      }),
    )
    const { user } = renderPortal('/projects/20')
    await openWebhooksTab(user)

    await user.click(await screen.findByRole('switch', { name: 'Webhook CI receiver active' }))
    await waitFor(() => expect(server.callsTo('PATCH /api/v1/webhooks/90/')[0]?.body).toEqual({ is_active: false }))

    const row = screen.getByText('CI receiver').closest('tr')!
    await user.click(within(row).getByRole('button', { name: /Delete/ }))
    await user.click((await screen.findAllByRole('button', { name: /Delete/ })).at(-1)!)
    expect(await screen.findByText('No webhooks in this project yet.')).toBeInTheDocument()
    expect(server.callsTo('DELETE /api/v1/webhooks/90/')).toHaveLength(1)
  })

  it('shows viewers the webhooks without changing them', async () => {
    mockApi(
      routes({
        'GET /api/v1/organizations/': { body: page([{ ...organization, role: 'viewer' }]) },
        'GET /api/v1/projects/20/': { body: { ...project, role: 'viewer' } },
        [LIST]: { body: page([webhook]) },
      }),
    )
    const { user } = renderPortal('/projects/20')
    await openWebhooksTab(user)

    const row = (await screen.findByText('CI receiver')).closest('tr')!
    expect(within(row).getByRole('button', { name: 'Deliveries' })).toBeInTheDocument()
    expect(within(row).queryByRole('button', { name: /Ping/ })).not.toBeInTheDocument()
    expect(within(row).getByRole('switch')).toBeDisabled()
    expect(screen.queryByRole('button', { name: /New webhook/ })).not.toBeInTheDocument()
  })
})
