import { screen, waitFor, within } from '@testing-library/react'
import { vectorCollection } from '../../test/dataToolFixtures'
import { chooseProject, dataset, page, shellRoutes, version } from '../../test/fixtures'
import { mockApi, validationError } from '../../test/mockApi'
import { renderPortal } from '../../test/renderPortal'

const LIST = 'GET /api/v1/vector-collections/'
const CREATE = 'POST /api/v1/vector-collections/'

const images = { ...dataset, id: 62, name: 'photos', format: 'image_zip' as const }
const reviews = { ...version, schema: [...version.schema!, { name: 'city', type: 'string' }, { name: 'review', type: 'string' }] }

function routes() {
  return {
    ...shellRoutes(),
    'GET /api/v1/datasets/': { body: page([dataset, images]) },
    'GET /api/v1/dataset-versions/': { body: page([reviews, { ...version, id: 72, dataset: 62, schema: [] }]) },
    'GET /api/v1/datasets/60/': { body: dataset },
    'GET /api/v1/dataset-versions/70/': { body: reviews },
  }
}

describe('vector collections page', () => {
  beforeEach(() => chooseProject())

  it('lists collections with their columns, status and size', async () => {
    mockApi({
      ...routes(),
      [LIST]: { body: page([vectorCollection, { ...vectorCollection, id: 131, name: 'Reviews', status: 'building', progress: 0.42, item_count: 42 }]) },
    })
    renderPortal('/data/collections')

    const row = (await screen.findByRole('link', { name: 'People search' })).closest('tr')!
    expect(screen.getByRole('link', { name: 'People search' })).toHaveAttribute('href', '/data/collections/130')
    expect(within(row).getByText('name')).toBeInTheDocument()
    expect(within(row).getByText('age')).toBeInTheDocument()
    expect(within(row).getByText('Ready')).toBeInTheDocument()
    expect(await within(row).findByRole('link', { name: 'people · v1' })).toBeInTheDocument()
    const building = screen.getByRole('link', { name: 'Reviews' }).closest('tr')!
    expect(within(building).getByText('Building 42%')).toBeInTheDocument()
    expect(within(building).getByRole('button', { name: /Rebuild/ })).toBeDisabled()
  })

  it('creates a collection from a table’s columns and opens it', async () => {
    let attempts = 0
    const server = mockApi({
      ...routes(),
      [LIST]: { body: page([]) },
      [CREATE]: () =>
        ++attempts === 1
          ? validationError({ name: ['A collection with this name already exists.'] })
          : { status: 201, body: { ...vectorCollection, id: 140, name: 'Review search', status: 'building', progress: 0 } },
      'GET /api/v1/vector-collections/140/': { body: { ...vectorCollection, id: 140, name: 'Review search', status: 'building', progress: 0 } },
    })
    const { user, router } = renderPortal('/data/collections')

    await user.click(await screen.findByRole('button', { name: /New collection/ }))
    const dialog = await screen.findByRole('dialog')
    await user.type(within(dialog).getByLabelText('Name'), 'Review search')
    await user.click(within(dialog).getByLabelText('Dataset version'))
    expect(screen.queryByTitle('photos · v1')).not.toBeInTheDocument()
    await user.click(await screen.findByTitle('people · v1'))
    await user.click(within(dialog).getByLabelText('Text column'))
    await user.click(await screen.findByTitle('review (string)'))
    await user.click(within(dialog).getByLabelText('Metadata columns'))
    const metadataOptions = [...document.querySelectorAll<HTMLElement>('.ant-select-dropdown')].at(-1)!
    await user.click(await within(metadataOptions).findByTitle('city (string)'))
    expect(within(metadataOptions).queryByTitle('review (string)')).toBeNull()
    await user.click(await within(metadataOptions).findByTitle('age (int64)'))
    await user.click(within(dialog).getByRole('button', { name: 'Create' }))

    const error = await within(dialog).findByText('A collection with this name already exists.')
    expect(error.closest('.ant-form-item')).toHaveTextContent('Name')
    expect(server.callsTo(CREATE)[0]?.body).toEqual({ name: 'Review search', version: 70, text_column: 'review', metadata_columns: ['city', 'age'] })

    await user.click(within(dialog).getByRole('button', { name: 'Create' }))
    await waitFor(() => expect(router.state.location.pathname).toBe('/data/collections/140'))
    expect(await screen.findByText('The rows are being embedded; the collection can be searched once it is ready.')).toBeInTheDocument()
  })
})
