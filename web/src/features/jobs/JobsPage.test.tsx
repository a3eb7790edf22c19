import { screen, waitFor, within } from '@testing-library/react'
import { chooseProject, dataset, job, page, shellRoutes, version } from '../../test/fixtures'
import { mockApi, type MockRoutes } from '../../test/mockApi'
import { renderPortal } from '../../test/renderPortal'

const LIST = 'GET /api/v1/jobs/'
const CREATE = 'POST /api/v1/jobs/'

function builderRoutes(overrides: MockRoutes = {}): MockRoutes {
  return {
    ...shellRoutes(),
    [LIST]: { body: page([]) },
    'GET /api/v1/datasets/': { body: page([dataset]) },
    'GET /api/v1/dataset-versions/': { body: page([version]) },
    ...overrides,
  }
}

describe('jobs page', () => {
  beforeEach(() => chooseProject())

  it("lists the project's jobs and filters them by status", async () => {
    const server = mockApi(builderRoutes({ [LIST]: { body: page([job]) } }))
    const { user } = renderPortal('/data/jobs')

    const row = (await screen.findByRole('link', { name: 'Adults only' })).closest('tr')!
    expect(within(row).getByText('Running')).toBeInTheDocument()
    expect(await within(row).findByRole('link', { name: 'people' })).toHaveAttribute('href', '/data/datasets/60')
    expect(server.callsTo(LIST)[0]?.query.get('project')).toBe('20')

    await user.click(screen.getByRole('combobox', { name: 'Status' }))
    await user.click(await screen.findByTitle('Failed'))
    await waitFor(() => expect(server.callsTo(LIST).at(-1)?.query.getAll('status')).toEqual(['failed']))
  })

  it('builds a job from its input, target and ordered steps', async () => {
    const server = mockApi(
      builderRoutes({
        [CREATE]: { status: 202, body: { ...job, id: 81, status: 'queued' } },
        'GET /api/v1/jobs/81/': { body: { ...job, id: 81, status: 'queued' } },
        'GET /api/v1/jobs/81/logs/stream/': { eventStream: 'event: end\ndata: {"status": "queued"}\n\n' },
      }),
    )
    const { user, router } = renderPortal('/data/jobs?new=1&input=70')

    const builder = await screen.findByRole('dialog', { name: 'New processing job' })
    expect(await within(builder).findByText('people · v1')).toBeInTheDocument()
    await user.click(within(builder).getByRole('combobox', { name: 'Target dataset' }))
    await user.click(await screen.findByTitle('people'))

    await user.click(within(builder).getByRole('button', { name: /Add a step/ }))
    await user.click(await screen.findByRole('menuitem', { name: 'Filter rows' }))
    const filter = within(builder).getByRole('group', { name: '1. Filter rows' })
    await user.click(within(filter).getByRole('combobox', { name: 'Column' }))
    await user.click(await screen.findByTitle('age'))
    await user.click(within(filter).getByRole('combobox', { name: 'Operator' }))
    await user.click(await screen.findByTitle('≥'))
    await user.type(within(filter).getByLabelText('Value'), '18')

    await user.click(within(builder).getByRole('button', { name: /Add a step/ }))
    await user.click(await screen.findByRole('menuitem', { name: 'Keep columns' }))
    const select = within(builder).getByRole('group', { name: '2. Keep columns' })
    await user.click(within(select).getByRole('combobox'))
    // The filter's column list is still in the document: pick from the newest one.
    await user.click((await screen.findAllByTitle('name')).at(-1)!)
    await user.click((await screen.findAllByTitle('age')).at(-1)!)
    await user.click(within(select).getByRole('button', { name: 'Move step up' }))
    expect(within(builder).getByRole('group', { name: '1. Keep columns' })).toBeInTheDocument()

    await user.click(within(builder).getByRole('button', { name: 'Run job' }))

    await waitFor(() => expect(router.state.location.pathname).toBe('/data/jobs/81'))
    expect(server.callsTo(CREATE)[0]?.body).toEqual({
      project: 20,
      kind: 'processing',
      name: '',
      inputs: [70],
      target_dataset: 60,
      spec: {
        steps: [
          { op: 'select', columns: ['name', 'age'] },
          { op: 'filter', where: { column: 'age', op: '>=', value: 18 } },
        ],
      },
    })
  })

  it("shows the API's complaint on the step it is about", async () => {
    mockApi(
      builderRoutes({
        [CREATE]: {
          status: 400,
          body: {
            error: {
              code: 'invalid',
              message: "Step 0 (filter): '>=' on a string column needs a number, not 'x'.",
              details: { step: 0, op: 'filter', field: 'where.value' },
            },
          },
        },
      }),
    )
    const { user } = renderPortal('/data/jobs?new=1&input=70&target=60')

    const builder = await screen.findByRole('dialog', { name: 'New processing job' })
    await within(builder).findByText('people · v1')
    await user.click(within(builder).getByRole('button', { name: /Add a step/ }))
    await user.click(await screen.findByRole('menuitem', { name: 'Filter rows' }))
    const filter = within(builder).getByRole('group', { name: '1. Filter rows' })
    await user.click(within(filter).getByRole('combobox', { name: 'Column' }))
    await user.click(await screen.findByTitle('name'))
    await user.type(within(filter).getByLabelText('Value'), 'x')
    await user.click(within(builder).getByRole('button', { name: 'Run job' }))

    expect(await within(filter).findByRole('alert')).toHaveTextContent("'>=' on a string column needs a number")
  })

  it('puts errors about the inputs under the inputs field', async () => {
    mockApi(
      builderRoutes({
        [CREATE]: {
          status: 400,
          body: { error: { code: 'invalid', message: 'Input version 70 is validating, not ready.', details: { field: 'inputs', version: 70 } } },
        },
      }),
    )
    const { user } = renderPortal('/data/jobs?new=1&input=70&target=60')

    const builder = await screen.findByRole('dialog', { name: 'New processing job' })
    await within(builder).findByText('people · v1')
    await user.click(within(builder).getByRole('button', { name: 'Run job' }))

    const error = await within(builder).findByText('Input version 70 is validating, not ready.')
    expect(error.closest('.ant-form-item')).toHaveTextContent('Input versions')
  })
})
