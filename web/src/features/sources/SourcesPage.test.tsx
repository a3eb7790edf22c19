import { screen, waitFor, within } from '@testing-library/react'
import { kafkaSource, postgresSource } from '../../test/dataToolFixtures'
import { chooseProject, dataset, job, page, shellRoutes } from '../../test/fixtures'
import { mockApi } from '../../test/mockApi'
import { renderPortal } from '../../test/renderPortal'

const LIST = 'GET /api/v1/data-sources/'
const CREATE = 'POST /api/v1/data-sources/'

describe('data sources page', () => {
  beforeEach(() => chooseProject())

  it('lists the project’s sources with where they connect, their secrets and their last test', async () => {
    const server = mockApi({ ...shellRoutes(), [LIST]: { body: page([postgresSource, kafkaSource]) } })
    renderPortal('/data/sources')

    const database = (await screen.findByText('Orders DB')).closest('tr')!
    expect(within(database).getByText('PostgreSQL')).toBeInTheDocument()
    expect(within(database).getByText('postgresql+psycopg://shop:***@db.internal:5432/shop')).toBeInTheDocument()
    expect(within(database).getByText('Set')).toBeInTheDocument()
    expect(within(database).getByText('Not tested yet')).toBeInTheDocument()
    expect(within(database).getByRole('button', { name: /Snapshot/ })).toBeInTheDocument()

    const kafka = screen.getByText('Clicks').closest('tr')!
    expect(within(kafka).getByText('clicks @ broker:9092')).toBeInTheDocument()
    expect(within(kafka).getByText('Not set')).toBeInTheDocument()
    expect(within(kafka).getByText('Failed')).toBeInTheDocument()
    expect(within(kafka).getByText('Cannot reach Kafka at broker:9092: NoBrokersAvailable')).toBeInTheDocument()
    expect(within(kafka).getByRole('button', { name: /Consume/ })).toBeInTheDocument()
    expect(server.callsTo(LIST).at(-1)?.query.get('project')).toBe('20')
  })

  it('creates a source with the settings of its kind and shows a refused setting under its field', async () => {
    let attempts = 0
    const server = mockApi({
      ...shellRoutes(),
      [LIST]: { body: page([]) },
      [CREATE]: () =>
        ++attempts === 1
          ? { status: 400, body: { error: { code: 'invalid', message: 'config.bucket: Not a valid S3 bucket name.', details: { config: { bucket: ['Not a valid S3 bucket name.'] } } } } }
          : { status: 201, body: { ...postgresSource, kind: 's3', name: 'Raw files' } },
    })
    const { user } = renderPortal('/data/sources')

    await user.click(await screen.findByRole('button', { name: /New data source/ }))
    const dialog = await screen.findByRole('dialog')
    expect(within(dialog).getByLabelText('Database URL')).toBeInTheDocument()
    await user.click(within(dialog).getByLabelText('Kind'))
    await user.click(await screen.findByTitle('S3 bucket'))
    expect(within(dialog).queryByLabelText('Database URL')).not.toBeInTheDocument()
    await user.type(within(dialog).getByLabelText('Name'), 'Raw files')
    await user.type(within(dialog).getByLabelText('Endpoint'), 'http://minio:9000')
    await user.type(within(dialog).getByLabelText('Bucket'), 'Bad_Bucket')
    await user.type(within(dialog).getByLabelText('Access key'), 'AK')
    await user.type(within(dialog).getByLabelText('Secret key'), 'SK')
    await user.click(within(dialog).getByRole('button', { name: 'Create' }))

    const error = await within(dialog).findByText('Not a valid S3 bucket name.')
    expect(error.closest('.ant-form-item')).toHaveTextContent('Bucket')
    expect(server.callsTo(CREATE)[0]?.body).toEqual({
      project: 20,
      kind: 's3',
      name: 'Raw files',
      description: '',
      config: { endpoint: 'http://minio:9000', bucket: 'Bad_Bucket', access_key: 'AK', secret_key: 'SK' },
    })

    await user.clear(within(dialog).getByLabelText('Bucket'))
    await user.type(within(dialog).getByLabelText('Bucket'), 'raw-files')
    await user.click(within(dialog).getByRole('button', { name: 'Create' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(server.callsTo(CREATE)).toHaveLength(2)
  })

  it('edits a source without resending its secrets', async () => {
    const server = mockApi({
      ...shellRoutes(),
      [LIST]: { body: page([postgresSource]) },
      'PATCH /api/v1/data-sources/90/': { body: { ...postgresSource, name: 'Orders' } },
    })
    const { user } = renderPortal('/data/sources')

    const row = (await screen.findByText('Orders DB')).closest('tr')!
    await user.click(within(row).getByRole('button', { name: /Edit/ }))
    const dialog = await screen.findByRole('dialog')
    expect(within(dialog).getByLabelText('Kind').closest('.ant-select')).toHaveClass('ant-select-disabled')
    await user.clear(within(dialog).getByLabelText('Name'))
    await user.type(within(dialog).getByLabelText('Name'), 'Orders')
    await user.click(within(dialog).getByRole('button', { name: 'Save' }))

    await waitFor(() => expect(server.callsTo('PATCH /api/v1/data-sources/90/')).toHaveLength(1))
    expect(server.callsTo('PATCH /api/v1/data-sources/90/')[0]?.body).toEqual({
      name: 'Orders',
      description: 'The shop’s orders',
      config: { url: 'postgresql+psycopg://shop:***@db.internal:5432/shop' },
    })
  })

  it('tests the connection and shows why it failed', async () => {
    let tested = false
    const reason = 'Cannot query the database: connection refused'
    mockApi({
      ...shellRoutes(),
      [LIST]: () => ({
        body: page([tested ? { ...postgresSource, last_test_ok: false, last_test_message: reason, last_tested_at: '2026-01-09T02:00:00Z' } : postgresSource]),
      }),
      'POST /api/v1/data-sources/90/test-connection/': () => {
        tested = true
        return { body: { ok: false, message: reason } }
      },
    })
    const { user } = renderPortal('/data/sources')

    const row = (await screen.findByText('Orders DB')).closest('tr')!
    await user.click(within(row).getByRole('button', { name: /Test connection/ }))

    expect(await within(row).findByText(reason)).toBeInTheDocument()
    expect(within(row).getByText('Failed')).toBeInTheDocument()
  })

  it('snapshots a query into a Parquet dataset and links to the job', async () => {
    const orders = { ...dataset, id: 61, name: 'orders', format: 'parquet' as const }
    const server = mockApi({
      ...shellRoutes(),
      [LIST]: { body: page([postgresSource]) },
      'GET /api/v1/datasets/': { body: page([dataset, orders]) },
      'POST /api/v1/data-sources/90/snapshot/': { status: 202, body: { ...job, kind: 'database_snapshot', name: 'Snapshot of Orders DB' } },
    })
    const { user } = renderPortal('/data/sources')

    const row = (await screen.findByText('Orders DB')).closest('tr')!
    await user.click(within(row).getByRole('button', { name: /Snapshot/ }))
    const dialog = await screen.findByRole('dialog')
    await user.click(within(dialog).getByLabelText('Into dataset'))
    expect(screen.queryByTitle('people')).not.toBeInTheDocument()
    await user.click(await screen.findByTitle('orders'))
    await user.type(within(dialog).getByLabelText('SQL query'), 'SELECT * FROM orders')
    await user.click(within(dialog).getByRole('button', { name: 'Start' }))

    expect(await screen.findByText('Job #80 is queued')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Open the job' })).toHaveAttribute('href', '/data/jobs/80')
    expect(server.callsTo('POST /api/v1/data-sources/90/snapshot/')[0]?.body).toEqual({ dataset: 61, query: 'SELECT * FROM orders' })
  })
})
