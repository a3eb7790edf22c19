import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import type { LabelTask } from '../../api/types'
import { doneLabelTask, labelingProject, labelTask } from '../../test/dataToolFixtures'
import { dataset, me, page, shellRoutes, version } from '../../test/fixtures'
import { mockApi, type MockRoutes } from '../../test/mockApi'
import { renderPortal } from '../../test/renderPortal'

const secondTask: LabelTask = { ...labelTask, id: 112, item_ref: '2', data: { name: 'Battery lasts forever', age: 1 } }
const grace = { id: 2, email: 'grace@example.com', full_name: 'Grace Hopper' }

function routes(tasks: LabelTask[], extra: MockRoutes = {}): MockRoutes {
  return {
    ...shellRoutes(),
    'GET /api/v1/labeling-projects/100/': { body: labelingProject },
    'GET /api/v1/label-tasks/': { body: page(tasks) },
    ...Object.fromEntries(tasks.map((task) => [`GET /api/v1/label-tasks/${task.id}/`, { body: task }])),
    'GET /api/v1/projects/20/members/': {
      body: page([
        { id: 31, user: grace, role: 'developer', created_at: '2026-01-04T00:00:00Z' },
        { id: 32, user: { id: 3, email: 'vera@example.com', full_name: 'Vera Viewer' }, role: 'viewer', created_at: '2026-01-04T00:00:00Z' },
      ]),
    },
    'GET /api/v1/dataset-versions/70/': { body: version },
    'GET /api/v1/datasets/60/': { body: dataset },
    ...extra,
  }
}

describe('annotate page', () => {
  it('shows the first open task, takes a label and moves on to the next task', async () => {
    const server = mockApi(
      routes([labelTask, secondTask], {
        'POST /api/v1/label-tasks/110/annotations/': {
          status: 201,
          body: { ...labelTask, status: 'done', annotations: [{ ...doneLabelTask.annotations[0]!, value: 'positive' }] },
        },
      }),
    )
    const { user } = renderPortal('/data/labeling/100')

    expect(await screen.findByRole('heading', { name: /Reviews sentiment/ })).toBeInTheDocument()
    expect(screen.getByText('1/3')).toBeInTheDocument()
    const card = (await screen.findByText('Task #0')).closest('.ant-card') as HTMLElement
    expect(within(card).getByText('Great phone, 很好用')).toBeInTheDocument()
    expect(within(card).getByText('Is the review happy?')).toBeInTheDocument()
    const submit = within(card).getByRole('button', { name: /Submit and next/ })
    expect(submit).toBeDisabled()

    await user.click(within(card).getByRole('radio', { name: 'positive' }))
    await user.click(submit)

    const next = (await screen.findByText('Task #2')).closest('.ant-card') as HTMLElement
    expect(within(next).getByText('Battery lasts forever')).toBeInTheDocument()
    expect(server.callsTo('POST /api/v1/label-tasks/110/annotations/')[0]?.body).toEqual({ value: 'positive' })
    const queueQuery = server.callsTo('GET /api/v1/label-tasks/')[0]!.query
    expect([queueQuery.get('labeling_project'), queueQuery.get('status'), queueQuery.get('ordering')]).toEqual(['100', 'open', 'id'])
  })

  it('skips a task and moves on to the next one', async () => {
    const server = mockApi(
      routes([labelTask, secondTask], { 'POST /api/v1/label-tasks/110/skip/': { body: { ...labelTask, status: 'skipped' } } }),
    )
    const { user } = renderPortal('/data/labeling/100')

    const card = (await screen.findByText('Task #0')).closest('.ant-card') as HTMLElement
    await user.click(within(card).getByRole('button', { name: /Skip/ }))

    const next = (await screen.findByText('Task #2')).closest('.ant-card') as HTMLElement
    expect(within(next).getByText('Battery lasts forever')).toBeInTheDocument()
    expect(server.callsTo('POST /api/v1/label-tasks/110/skip/')).toHaveLength(1)
    expect(await screen.findByText('Task #0 skipped.')).toBeInTheDocument()
  })

  it('does not offer to skip a task that is already done', async () => {
    mockApi(routes([doneLabelTask]))
    const { user } = renderPortal('/data/labeling/100')

    await screen.findByRole('heading', { name: /Reviews sentiment/ })
    await user.click(screen.getByText('Done', { selector: '.ant-segmented-item-label' }))
    const card = (await screen.findByText('Task #1')).closest('.ant-card') as HTMLElement
    expect(within(card).queryByRole('button', { name: /Skip/ })).not.toBeInTheDocument()
    expect(within(card).getByRole('button', { name: /Submit and next/ })).toBeInTheDocument()
  })

  it('filters the queue by status and assignee and opens a task from it', async () => {
    const server = mockApi(routes([labelTask, doneLabelTask]))
    const { user } = renderPortal('/data/labeling/100')

    await screen.findByText('Task #0')
    await user.click(screen.getByText('Done', { selector: '.ant-segmented-item-label' }))
    await user.click(screen.getByRole('combobox', { name: 'Assigned to' }))
    await user.click(await screen.findByTitle('Me'))
    await waitFor(() => expect(server.callsTo('GET /api/v1/label-tasks/').at(-1)?.query.get('assignee')).toBe('me'))
    expect(server.callsTo('GET /api/v1/label-tasks/').at(-1)?.query.get('status')).toBe('done')

    await user.click(screen.getByText('Broke after a day'))
    const card = (await screen.findByText('Task #1')).closest('.ant-card') as HTMLElement
    expect(within(card).getByRole('radio', { name: 'negative' })).toBeChecked()
    expect(within(card).getByText(/Last annotated by Ada Lovelace/)).toBeInTheDocument()
  })

  it('assigns a task to a member who may annotate', async () => {
    const server = mockApi(routes([labelTask], { 'POST /api/v1/label-tasks/110/assign/': { body: { ...labelTask, assignee: grace } } }))
    const { user } = renderPortal('/data/labeling/100')

    const card = (await screen.findByText('Task #0')).closest('.ant-card') as HTMLElement
    await user.click(within(card).getByRole('combobox', { name: 'Assignee' }))
    expect(await screen.findByTitle(me.full_name)).toBeInTheDocument()
    expect(screen.queryByTitle('Vera Viewer')).not.toBeInTheDocument()
    await user.click(await screen.findByTitle('Grace Hopper'))

    await waitFor(() => expect(server.callsTo('POST /api/v1/label-tasks/110/assign/')[0]?.body).toEqual({ assignee: 2 }))
  })

  it('shows why an annotation was refused', async () => {
    mockApi(
      routes([labelTask], {
        'POST /api/v1/label-tasks/110/annotations/': {
          status: 403,
          body: { error: { code: 'permission_denied', message: 'This task is assigned to someone else.', details: {} } },
        },
      }),
    )
    const { user } = renderPortal('/data/labeling/100')

    const card = (await screen.findByText('Task #0')).closest('.ant-card') as HTMLElement
    await user.click(within(card).getByRole('radio', { name: 'negative' }))
    await user.click(within(card).getByRole('button', { name: /Submit and next/ }))

    expect(await within(card).findByRole('alert')).toHaveTextContent('This task is assigned to someone else.')
  })

  it('draws boxes on an image task and submits them', async () => {
    const imageTask: LabelTask = { ...labelTask, item_ref: 'cats/1.png', data: { path: 'cats/1.png', size: 2048 }, item_url: '/storage/cats/1.png?token=t' }
    const server = mockApi({
      ...routes([imageTask], { 'POST /api/v1/label-tasks/110/annotations/': { status: 201, body: { ...imageTask, status: 'done' } } }),
      'GET /api/v1/labeling-projects/100/': { body: { ...labelingProject, kind: 'bounding_boxes', labels: ['cat', 'dog'], text_column: '' } },
    })
    const { user } = renderPortal('/data/labeling/100')

    const image = await screen.findByRole('img', { name: 'cats/1.png' })
    expect(image).toHaveAttribute('src', '/storage/cats/1.png?token=t')
    const surface = screen.getByTestId('box-surface')
    surface.getBoundingClientRect = () => ({ left: 0, top: 0, width: 200, height: 100, right: 200, bottom: 100, x: 0, y: 0, toJSON: () => ({}) })
    fireEvent.mouseDown(surface, { button: 0, clientX: 20, clientY: 10 })
    fireEvent.mouseMove(surface, { clientX: 120, clientY: 60 })
    fireEvent.mouseUp(surface, { clientX: 120, clientY: 60 })
    await user.click(screen.getByRole('button', { name: /Submit and next/ }))

    await waitFor(() =>
      expect(server.callsTo('POST /api/v1/label-tasks/110/annotations/')[0]?.body).toEqual({
        value: [{ x: 0.1, y: 0.1, width: 0.5, height: 0.5, label: 'cat' }],
      }),
    )
  })

  it('exports the labels as a new version and links to it', async () => {
    const server = mockApi(
      routes([labelTask], { 'POST /api/v1/labeling-projects/100/export/': { status: 201, body: { ...version, id: 75, number: 2, row_count: 3 } } }),
    )
    const { user } = renderPortal('/data/labeling/100')

    await user.click(await screen.findByRole('button', { name: /Export labels/ }))
    const dialog = await screen.findByRole('dialog')
    expect(within(dialog).getByText(/“Reviews sentiment labels”/)).toBeInTheDocument()
    await user.type(within(dialog).getByLabelText('Version message'), 'Round 1')
    await user.click(within(dialog).getByRole('button', { name: 'Export labels' }))

    expect(await screen.findByText('Exported as version v2 (3 tasks)')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Open the version' })).toHaveAttribute('href', '/data/versions/75')
    expect(server.callsTo('POST /api/v1/labeling-projects/100/export/')[0]?.body).toEqual({ message: 'Round 1' })
  })

  it('waits while the tasks are being prepared', async () => {
    mockApi({ ...routes([]), 'GET /api/v1/labeling-projects/100/': { body: { ...labelingProject, status: 'preparing', task_count: 0, done_count: 0 } } })
    renderPortal('/data/labeling/100')

    expect(await screen.findByText('Preparing the tasks from the version…')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /Export labels/ })).not.toBeInTheDocument()
  })
})
