import { screen, waitFor, within } from '@testing-library/react'
import { chooseProject, dataset, page, shellRoutes } from '../../test/fixtures'
import { mockApi, validationError } from '../../test/mockApi'
import { renderPortal } from '../../test/renderPortal'

const LIST = 'GET /api/v1/datasets/'
const CREATE = 'POST /api/v1/datasets/'

describe('datasets page', () => {
  it('asks for a project, then lists that project’s datasets', async () => {
    const server = mockApi({ ...shellRoutes(), [LIST]: { body: page([dataset]) } })
    const { user } = renderPortal('/data/datasets')

    expect(await screen.findByText(/Choose a project to see its datasets/)).toBeInTheDocument()
    const main = screen.getByRole('main')
    await user.click(within(main).getByRole('combobox', { name: 'Project' }))
    await user.click(await screen.findByTitle('Vision'))

    const row = (await screen.findByRole('link', { name: 'people' })).closest('tr')!
    expect(within(row).getByText('CSV')).toBeInTheDocument()
    expect(within(row).getByText('hr')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'people' })).toHaveAttribute('href', '/data/datasets/60')
    expect(server.callsTo(LIST).at(-1)?.query.get('project')).toBe('20')
  })

  it('creates a dataset in the chosen project and opens it', async () => {
    chooseProject()
    const server = mockApi({
      ...shellRoutes(),
      [LIST]: { body: page([]) },
      [CREATE]: { status: 201, body: { ...dataset, id: 61, name: 'clicks', format: 'parquet', tags: [] } },
      'GET /api/v1/datasets/61/': { body: { ...dataset, id: 61, name: 'clicks', format: 'parquet', version_count: 0 } },
      'GET /api/v1/dataset-versions/': { body: page([]) },
    })
    const { user, router } = renderPortal('/data/datasets')

    expect(await screen.findByText('No datasets in this project yet.')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: /New dataset/ }))
    const dialog = await screen.findByRole('dialog')
    expect(within(dialog).getByDisplayValue('Vision')).toBeDisabled()
    await user.type(within(dialog).getByLabelText('Name'), 'clicks')
    await user.click(within(dialog).getByLabelText('Format'))
    await user.click(await screen.findByTitle('Parquet'))
    await user.type(within(dialog).getByLabelText('Tags'), 'web{Enter}')
    await user.click(within(dialog).getByRole('button', { name: 'Create' }))

    await waitFor(() => expect(router.state.location.pathname).toBe('/data/datasets/61'))
    expect(server.callsTo(CREATE)[0]?.body).toEqual({ project: 20, name: 'clicks', description: '', format: 'parquet', tags: ['web'] })
    expect(await screen.findByRole('heading', { name: 'clicks' })).toBeInTheDocument()
  })

  it('shows the API’s refusal under the field it is about', async () => {
    chooseProject()
    mockApi({
      ...shellRoutes(),
      [LIST]: { body: page([]) },
      [CREATE]: validationError({ name: ['A dataset with this name already exists in the project.'] }),
    })
    const { user } = renderPortal('/data/datasets')

    await user.click(await screen.findByRole('button', { name: /New dataset/ }))
    const dialog = await screen.findByRole('dialog')
    await user.type(within(dialog).getByLabelText('Name'), 'people')
    await user.click(within(dialog).getByRole('button', { name: 'Create' }))

    const error = await within(dialog).findByText('A dataset with this name already exists in the project.')
    expect(error.closest('.ant-form-item')).toHaveTextContent('Name')
  })

  it('deletes a dataset after confirmation', async () => {
    chooseProject()
    let deleted = false
    const server = mockApi({
      ...shellRoutes(),
      [LIST]: () => ({ body: page(deleted ? [] : [dataset]) }),
      'DELETE /api/v1/datasets/60/': () => {
        deleted = true
        return { status: 204 }
      },
    })
    const { user } = renderPortal('/data/datasets')

    const row = (await screen.findByRole('link', { name: 'people' })).closest('tr')!
    await user.click(within(row).getByRole('button', { name: /Delete/ }))
    expect(await screen.findByText('Delete dataset people?')).toBeInTheDocument()
    await user.click(screen.getAllByRole('button', { name: /Delete/ }).at(-1)!)

    expect(await screen.findByText('No datasets in this project yet.')).toBeInTheDocument()
    expect(server.callsTo('DELETE /api/v1/datasets/60/')).toHaveLength(1)
  })
})
