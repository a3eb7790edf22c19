import { screen, waitFor, within } from '@testing-library/react'
import { vectorCollection } from '../../test/dataToolFixtures'
import { dataset, shellRoutes, version } from '../../test/fixtures'
import { mockApi, type MockRoutes } from '../../test/mockApi'
import { renderPortal } from '../../test/renderPortal'

const SEARCH = 'POST /api/v1/vector-collections/130/search/'

function routes(extra: MockRoutes = {}): MockRoutes {
  return {
    ...shellRoutes(),
    'GET /api/v1/vector-collections/130/': { body: vectorCollection },
    'GET /api/v1/dataset-versions/70/': { body: version },
    'GET /api/v1/datasets/60/': { body: dataset },
    ...extra,
  }
}

describe('vector collection page', () => {
  it('searches with top-k and a metadata filter and lists the nearest rows with their scores', async () => {
    const server = mockApi(
      routes({
        [SEARCH]: {
          body: {
            results: [
              { id: 2, score: 0.8123, text: 'Carol', metadata: { age: 41 } },
              { id: 0, score: 0.5, text: 'Alice', metadata: { age: 34 } },
            ],
          },
        },
      }),
    )
    const { user } = renderPortal('/data/collections/130')

    expect(await screen.findByRole('heading', { name: /People search/ })).toBeInTheDocument()
    expect(screen.getByText('all-MiniLM-L6-v2 · 384 dimensions')).toBeInTheDocument()
    await user.type(screen.getByLabelText('Query'), 'a woman in her forties')
    await user.clear(screen.getByLabelText('Top k'))
    await user.type(screen.getByLabelText('Top k'), '5')
    await user.click(screen.getByRole('button', { name: /Add a filter/ }))
    await user.click(screen.getByRole('combobox', { name: 'Filter column' }))
    await user.click(await screen.findByTitle('age'))
    await user.click(screen.getByRole('combobox', { name: 'Filter operator' }))
    await user.click(await screen.findByTitle('≥'))
    await user.type(screen.getByLabelText('Filter value'), '30')
    await user.click(screen.getByRole('button', { name: /Search/ }))

    const results = (await screen.findByText('Nearest rows (2)')).closest('.ant-list') as HTMLElement
    const items = within(results).getAllByRole('listitem')
    expect(within(items[0]!).getByText('Carol')).toBeInTheDocument()
    expect(within(items[0]!).getByText('0.812')).toBeInTheDocument()
    expect(within(items[0]!).getByText('Row index 2')).toBeInTheDocument()
    expect(within(items[0]!).getByText(/age:/)).toHaveTextContent('age: 41')
    expect(server.callsTo(SEARCH)[0]?.body).toEqual({ query: 'a woman in her forties', top_k: 5, filters: { age: { gte: 30 } } })
  })

  it('shows a refused filter under the filters', async () => {
    mockApi(
      routes({
        [SEARCH]: {
          status: 400,
          body: { error: { code: 'invalid', message: 'Invalid filter', details: { filters: { age: ['Use a value, {"in": [values]}, or {"gte": bound, "lte": bound}.'] } } } },
        },
      }),
    )
    const { user } = renderPortal('/data/collections/130')

    await user.type(await screen.findByLabelText('Query'), 'anyone')
    await user.click(screen.getByRole('button', { name: /Add a filter/ }))
    await user.click(screen.getByRole('combobox', { name: 'Filter column' }))
    await user.click(await screen.findByTitle('age'))
    await user.type(screen.getByLabelText('Filter value'), '30')
    await user.click(screen.getByRole('button', { name: /Search/ }))

    const error = await screen.findByText('Use a value, {"in": [values]}, or {"gte": bound, "lte": bound}.')
    expect(error.closest('.ant-form-item')).toHaveTextContent('Metadata filters')
  })

  it('shows the API’s refusal of a search', async () => {
    mockApi(
      routes({
        [SEARCH]: {
          status: 503,
          body: { error: { code: 'service_unavailable', message: 'rebuild it', details: {} } },
        },
      }),
    )
    const { user } = renderPortal('/data/collections/130')

    await user.type(await screen.findByLabelText('Query'), 'anything')
    await user.click(screen.getByRole('button', { name: /Search/ }))
    expect(await screen.findByRole('alert')).toHaveTextContent('The server ran into an error.')
  })

  it('shows how far a build has got, and why a build failed', async () => {
    mockApi(routes({ 'GET /api/v1/vector-collections/130/': { body: { ...vectorCollection, status: 'building', progress: 0.25, item_count: 1 } } }))
    const { unmount } = renderPortal('/data/collections/130')
    expect(await screen.findByText('Building 25%')).toBeInTheDocument()
    expect(screen.queryByLabelText('Query')).not.toBeInTheDocument()
    unmount()

    mockApi(routes({ 'GET /api/v1/vector-collections/130/': { body: { ...vectorCollection, status: 'failed', progress: null, error: 'EmbeddingError: model missing' } } }))
    renderPortal('/data/collections/130')
    expect(await screen.findByText('The collection could not be built')).toBeInTheDocument()
    expect(screen.getByText('EmbeddingError: model missing')).toBeInTheDocument()
  })

  it('rebuilds a collection after confirmation', async () => {
    const server = mockApi(routes({ 'POST /api/v1/vector-collections/130/rebuild/': { status: 202, body: { ...vectorCollection, status: 'building', progress: 0 } } }))
    const { user } = renderPortal('/data/collections/130')

    await user.click(await screen.findByRole('button', { name: /Rebuild/ }))
    await user.click(within(await screen.findByRole('tooltip')).getByRole('button', { name: 'Rebuild' }))
    await waitFor(() => expect(server.callsTo('POST /api/v1/vector-collections/130/rebuild/')).toHaveLength(1))
  })
})
