import { screen, waitFor, within } from '@testing-library/react'
import type { Lineage } from '../../api/types'
import { dataset, shellRoutes, version } from '../../test/fixtures'
import { mockApi } from '../../test/mockApi'
import { renderPortal } from '../../test/renderPortal'

const preview = { columns: ['name', 'age'], rows: [['Ada', 36], ['Grace', null], ['Linus', 54]] }
const profile = {
  row_count: 3,
  sampled: false,
  sample_rows: 3,
  columns: [
    { name: 'name', type: 'string', kind: 'string', count: 3, nulls: 0, distinct: 3, min_length: 3, max_length: 5, top_values: [{ value: 'Ada', count: 1 }] },
    { name: 'age', type: 'int64', kind: 'numeric', count: 3, nulls: 1, distinct: 2, min: 36, max: 54, mean: 45, histogram: { bins: [36, 45, 54], counts: [1, 1] } },
  ],
}
const lineage: Lineage = {
  version: { id: 70, dataset: 60, dataset_name: 'people', number: 1, status: 'ready' },
  parents: [{ id: 65, dataset: 59, dataset_name: 'raw people', number: 4, status: 'ready' }],
  children: [{ id: 72, dataset: 61, dataset_name: 'adults', number: 1, status: 'ready' }],
  produced_by: { id: 79, kind: 'processing', name: 'Clean people', status: 'succeeded' },
}

function versionRoutes(overrides = {}) {
  return {
    ...shellRoutes(),
    'GET /api/v1/dataset-versions/70/': { body: version },
    'GET /api/v1/datasets/60/': { body: dataset },
    'GET /api/v1/dataset-versions/70/preview/': { body: preview },
    'GET /api/v1/dataset-versions/70/profile/': { body: profile },
    'GET /api/v1/dataset-versions/70/lineage/': { body: lineage },
    'GET /api/v1/dataset-versions/72/': { body: { ...version, id: 72, dataset: 61, produced_by: 81 } },
    ...overrides,
  }
}

describe('version detail page', () => {
  it('previews the first rows, nulls included', async () => {
    mockApi(versionRoutes())
    renderPortal('/data/versions/70')

    expect(await screen.findByRole('heading', { name: /people · v1/ })).toBeInTheDocument()
    const grace = (await screen.findByRole('cell', { name: 'Grace' })).closest('tr')!
    expect(within(grace).getByText('null')).toBeInTheDocument()
    expect(within(screen.getByRole('tabpanel')).getAllByRole('row')).toHaveLength(4)
    expect(screen.getByRole('link', { name: /Process this version/ })).toHaveAttribute('href', '/data/jobs?new=1&input=70')
  })

  it('profiles each column with its statistics and a chart', async () => {
    // jsdom lays nothing out; give the charts a size so ECharts draws them.
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(400)
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(180)
    mockApi(versionRoutes())
    const { user } = renderPortal('/data/versions/70')

    await user.click(await screen.findByRole('tab', { name: 'Profile' }))

    const histogram = await screen.findByRole('img', { name: 'Histogram of age' })
    await waitFor(() => expect(histogram.querySelector('svg')).not.toBeNull())
    expect(screen.getByRole('img', { name: 'Most frequent values of name' })).toBeInTheDocument()
    const age = histogram.closest('.ant-card')!
    expect(within(age as HTMLElement).getByText('Nulls').nextElementSibling).toHaveTextContent('1')
    expect(within(age as HTMLElement).getByText('Max').nextElementSibling).toHaveTextContent('54')
  })

  it('lists the files with their checksums and downloads one through its short-lived URL', async () => {
    const server = mockApi(
      versionRoutes({
        'GET /api/v1/dataset-versions/70/download/': {
          body: { url: 'http://localhost:3000/storage/o/people.csv?token=t', expires_at: '2026-01-01T00:15:00Z' },
        },
      }),
    )
    const opened: string[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      opened.push(this.href)
    })
    const { user } = renderPortal('/data/versions/70')

    await user.click(await screen.findByRole('tab', { name: 'Files' }))
    const row = screen.getByRole('cell', { name: 'people.csv' }).closest('tr')!
    expect(within(row).getByText('fc6dbcd4ace0fc2a…')).toBeInTheDocument()
    await user.click(within(row).getByRole('button', { name: /Download/ }))

    await waitFor(() => expect(opened).toEqual(['http://localhost:3000/storage/o/people.csv?token=t']))
    const asked = server.callsTo('GET /api/v1/dataset-versions/70/download/')[0]?.query
    expect(asked?.get('file')).toBe('people.csv')
    expect(asked?.get('redirect')).toBe('false')
  })

  it('shows where the version comes from and what was made from it', async () => {
    mockApi(versionRoutes())
    const { user } = renderPortal('/data/versions/70')

    await user.click(await screen.findByRole('tab', { name: 'Lineage' }))

    expect(await screen.findByRole('link', { name: 'Clean people' })).toHaveAttribute('href', '/data/jobs/79')
    expect(screen.getByRole('link', { name: 'raw people · v4' })).toHaveAttribute('href', '/data/versions/65')
    expect(screen.getByRole('link', { name: 'adults · v1' })).toHaveAttribute('href', '/data/versions/72')
    expect(await screen.findByRole('link', { name: 'Job #81' })).toHaveAttribute('href', '/data/jobs/81')
  })

  it('explains a failed version with its validation report and offers no preview', async () => {
    const failed = {
      ...version,
      status: 'failed' as const,
      row_count: null,
      failure_reason: '2 rows could not be read, first at people.csv line 3: expected 2 fields, saw 3',
      validation_report: {
        bad_row_count: 2,
        bad_rows: [{ file: 'people.csv', line: 3, message: 'expected 2 fields, saw 3', text: 'Ada,36,extra' }],
        schema_mismatches: [{ file: 'more.csv', message: "has columns ['a'], the version's first file ['name', 'age']" }],
        warnings: [],
      },
    }
    mockApi(versionRoutes({ 'GET /api/v1/dataset-versions/70/': { body: failed } }))
    const { user } = renderPortal('/data/versions/70')

    expect(await screen.findByText('This version failed validation')).toBeInTheDocument()
    expect(screen.getByText(failed.failure_reason)).toBeInTheDocument()
    expect(screen.queryByRole('tab', { name: 'Preview' })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /Download/ })).not.toBeInTheDocument()

    await user.click(screen.getByRole('tab', { name: 'Validation report' }))
    expect(screen.getByText('Rows that could not be read: 2')).toBeInTheDocument()
    const badRow = screen.getByText('Ada,36,extra').closest('tr')!
    expect(within(badRow).getByText('expected 2 fields, saw 3')).toBeInTheDocument()
    expect(screen.getByText(/the version's first file/)).toBeInTheDocument()
  })

  it('says when no preview was stored for a version', async () => {
    mockApi(versionRoutes({ 'GET /api/v1/dataset-versions/70/preview/': { body: {} } }))
    renderPortal('/data/versions/70')

    expect(await screen.findByText('No preview was stored for this version.')).toBeInTheDocument()
  })
})
