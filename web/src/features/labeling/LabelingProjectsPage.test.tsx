import { screen, waitFor, within } from '@testing-library/react'
import { labelingProject } from '../../test/dataToolFixtures'
import { chooseProject, dataset, page, shellRoutes, version } from '../../test/fixtures'
import { mockApi, validationError } from '../../test/mockApi'
import { renderPortal } from '../../test/renderPortal'

const LIST = 'GET /api/v1/labeling-projects/'
const CREATE = 'POST /api/v1/labeling-projects/'

const images = { ...dataset, id: 62, name: 'photos', format: 'image_zip' as const }
const imageVersion = { ...version, id: 72, dataset: 62, schema: [] }

function routes() {
  return {
    ...shellRoutes(),
    'GET /api/v1/datasets/': { body: page([dataset, images]) },
    'GET /api/v1/dataset-versions/': { body: page([version, imageVersion]) },
    'GET /api/v1/datasets/60/': { body: dataset },
    'GET /api/v1/dataset-versions/70/': { body: version },
  }
}

describe('labeling projects page', () => {
  beforeEach(() => chooseProject())

  it('lists labeling projects with their version, labels, status and progress', async () => {
    const server = mockApi({ ...routes(), [LIST]: { body: page([labelingProject, { ...labelingProject, id: 101, name: 'Faces', status: 'preparing', task_count: 0, done_count: 0 }]) } })
    renderPortal('/data/labeling')

    const row = (await screen.findByRole('link', { name: 'Reviews sentiment' })).closest('tr')!
    expect(screen.getByRole('link', { name: 'Reviews sentiment' })).toHaveAttribute('href', '/data/labeling/100')
    expect(within(row).getByText('Classification')).toBeInTheDocument()
    expect(await within(row).findByRole('link', { name: 'people · v1' })).toBeInTheDocument()
    expect(within(row).getByText('positive')).toBeInTheDocument()
    expect(within(row).getByText('Ready')).toBeInTheDocument()
    expect(within(row).getByText('1/3')).toBeInTheDocument()
    const preparing = screen.getByRole('link', { name: 'Faces' }).closest('tr')!
    expect(within(preparing).getByText('Preparing tasks')).toBeInTheDocument()
    expect(server.callsTo(LIST).at(-1)?.query.get('project')).toBe('20')
  })

  it('creates a text-span project over a table, offering the kinds and columns the version has', async () => {
    let attempts = 0
    const server = mockApi({
      ...routes(),
      [LIST]: { body: page([]) },
      [CREATE]: () =>
        ++attempts === 1 ? validationError({ labels: ['Labels are 1 to 100 characters.'] }) : { status: 201, body: { ...labelingProject, kind: 'text_spans' } },
    })
    const { user } = renderPortal('/data/labeling')

    await user.click(await screen.findByRole('button', { name: /New labeling project/ }))
    const dialog = await screen.findByRole('dialog')
    await user.type(within(dialog).getByLabelText('Name'), 'People in reviews')
    await user.click(within(dialog).getByLabelText('Dataset version'))
    await user.click(await screen.findByTitle('photos · v1'))
    await user.click(within(dialog).getByLabelText('Kind'))
    expect(await screen.findByTitle('Bounding boxes')).toBeInTheDocument()
    expect(screen.queryByTitle('Text spans')).not.toBeInTheDocument()
    expect(within(dialog).queryByLabelText('Text column')).not.toBeInTheDocument()

    await user.click(within(dialog).getByLabelText('Dataset version'))
    await user.click(await screen.findByTitle('people · v1'))
    await user.click(within(dialog).getByLabelText('Kind'))
    await user.click(await screen.findByTitle('Text spans'))
    await user.click(within(dialog).getByLabelText('Text column'))
    await user.click(await screen.findByTitle('name'))
    await user.type(within(dialog).getByLabelText('Labels'), 'PER,LOC,')
    await user.click(within(dialog).getByRole('button', { name: 'Create' }))

    const error = await within(dialog).findByText('Labels are 1 to 100 characters.')
    expect(error.closest('.ant-form-item')).toHaveTextContent('Labels')
    expect(server.callsTo(CREATE)[0]?.body).toEqual({
      name: 'People in reviews',
      version: 70,
      kind: 'text_spans',
      text_column: 'name',
      labels: ['PER', 'LOC'],
      instructions: '',
    })
  })

  it('asks for a text column before creating a text-span project', async () => {
    const server = mockApi({ ...routes(), [LIST]: { body: page([]) } })
    const { user } = renderPortal('/data/labeling')

    await user.click(await screen.findByRole('button', { name: /New labeling project/ }))
    const dialog = await screen.findByRole('dialog')
    await user.type(within(dialog).getByLabelText('Name'), 'Spans')
    await user.click(within(dialog).getByLabelText('Dataset version'))
    await user.click(await screen.findByTitle('people · v1'))
    await user.click(within(dialog).getByLabelText('Kind'))
    await user.click(await screen.findByTitle('Text spans'))
    await user.type(within(dialog).getByLabelText('Labels'), 'PER,LOC,')
    await user.click(within(dialog).getByRole('button', { name: 'Create' }))

    await waitFor(() => expect(within(dialog).getByLabelText('Text column').closest('.ant-form-item')).toHaveTextContent('This field is required.'))
    expect(server.callsTo(CREATE)).toHaveLength(0)
  })
})
