import { act, screen, waitFor, within } from '@testing-library/react'
import { dataset, page, shellRoutes, version } from '../../test/fixtures'
import { installFakeXhr } from '../../test/fakeXhr'
import { mockApi } from '../../test/mockApi'
import { renderPortal } from '../../test/renderPortal'

const VERSIONS = 'GET /api/v1/dataset-versions/'

describe('dataset detail page', () => {
  it('shows the dataset and its versions', async () => {
    const server = mockApi({
      ...shellRoutes(),
      'GET /api/v1/datasets/60/': { body: dataset },
      [VERSIONS]: { body: page([version, { ...version, id: 69, number: 0, status: 'failed', failure_reason: 'people.csv has no header row.', row_count: null }]) },
    })
    renderPortal('/data/datasets/60')

    expect(await screen.findByRole('heading', { name: 'people' })).toBeInTheDocument()
    expect(screen.getByText('Who is who')).toBeInTheDocument()
    const ready = (await screen.findByRole('link', { name: 'v1' })).closest('tr')!
    expect(screen.getByRole('link', { name: 'v1' })).toHaveAttribute('href', '/data/versions/70')
    expect(within(ready).getByText('Ready')).toBeInTheDocument()
    expect(within(ready).getByText('2.0 KB')).toBeInTheDocument()
    expect(within(screen.getByRole('link', { name: 'v0' }).closest('tr')!).getByText('Failed')).toBeInTheDocument()
    expect(server.callsTo(VERSIONS)[0]?.query.get('dataset')).toBe('60')
    expect(screen.getByRole('link', { name: /Process into this dataset/ })).toHaveAttribute('href', '/data/jobs?new=1&target=60')
  })

  it('uploads files with a progress bar, then follows the new version until it is ready', async () => {
    const validating = { ...version, id: 71, number: 2, status: 'validating' as const, row_count: null }
    let uploaded = false
    let listedSinceUpload = 0
    mockApi({
      ...shellRoutes(),
      'GET /api/v1/datasets/60/': { body: dataset },
      [VERSIONS]: () => {
        if (!uploaded) return { body: page([version]) }
        listedSinceUpload += 1
        return { body: page([listedSinceUpload > 1 ? { ...validating, status: 'ready', row_count: 5 } : validating, version]) }
      },
    })
    const requests = installFakeXhr()
    const { user, container } = renderPortal('/data/datasets/60')

    await screen.findByRole('link', { name: 'v1' })
    const file = new File(['name,age\nAda,36\n'], 'more.csv', { type: 'text/csv' })
    await user.upload(container.querySelector<HTMLInputElement>('input[type=file]')!, file)
    expect(screen.getByText('more.csv')).toBeInTheDocument()
    await user.type(screen.getByLabelText('Note'), 'March export')
    await user.click(screen.getByRole('button', { name: /Upload as new version/ }))

    const [request] = requests
    expect(request!.url).toMatch(/\/api\/v1\/datasets\/60\/versions\/$/)
    const form = request!.body as FormData
    expect((form.getAll('file') as File[]).map((part) => part.name)).toEqual(['more.csv'])
    expect(form.get('message')).toBe('March export')
    act(() => request!.progress(512, 1024))
    expect(await screen.findByRole('progressbar')).toHaveAttribute('aria-valuenow', '50')
    expect(screen.getByRole('button', { name: /Upload as new version/ })).toBeDisabled()

    uploaded = true
    act(() => request!.respond(202, validating))
    expect(await screen.findByText('Version 2 uploaded; it is being validated.')).toBeInTheDocument()
    const row = (await screen.findByRole('link', { name: 'v2' })).closest('tr')!
    expect(within(row).getByText('Validating')).toBeInTheDocument()
    await waitFor(() => expect(within(screen.getByRole('link', { name: 'v2' }).closest('tr')!).getByText('Ready')).toBeInTheDocument())
    expect(screen.queryByText('more.csv')).not.toBeInTheDocument()
  })

  it('shows why an upload was refused', async () => {
    mockApi({ ...shellRoutes(), 'GET /api/v1/datasets/60/': { body: dataset }, [VERSIONS]: { body: page([]) } })
    const requests = installFakeXhr()
    const { user, container } = renderPortal('/data/datasets/60')

    await screen.findByText('No versions yet: upload files to create the first one.')
    await user.upload(container.querySelector<HTMLInputElement>('input[type=file]')!, new File(['x'], 'x.csv'))
    await user.click(screen.getByRole('button', { name: /Upload as new version/ }))
    act(() => requests[0]!.respond(400, { error: { code: 'invalid', message: "'x.csv' does not start like a CSV file.", details: {} } }))

    expect(await screen.findByRole('alert')).toHaveTextContent("'x.csv' does not start like a CSV file.")
    expect(screen.getByRole('button', { name: /Upload as new version/ })).toBeEnabled()
  })
})
