import { screen, within } from '@testing-library/react'
import type { Job } from '../../api/types'
import { dataset, job, shellRoutes, version } from '../../test/fixtures'
import { mockApi, type MockRoutes } from '../../test/mockApi'
import { renderPortal } from '../../test/renderPortal'

const STREAM = 'GET /api/v1/jobs/80/logs/stream/'

function logEvent(id: number, message: string, level = 'INFO') {
  return `id: ${id}\nevent: log\ndata: ${JSON.stringify({ id, time: '2026-01-08T00:00:02Z', level, message })}\n\n`
}

function jobRoutes(overrides: MockRoutes = {}): MockRoutes {
  return {
    ...shellRoutes(),
    'GET /api/v1/jobs/80/': { body: job },
    'GET /api/v1/dataset-versions/70/': { body: version },
    'GET /api/v1/datasets/60/': { body: dataset },
    ...overrides,
  }
}

describe('job detail page', () => {
  it('follows the log live, then shows the version the job produced', async () => {
    let ended = false
    const server = mockApi(
      jobRoutes({
        'GET /api/v1/jobs/80/': () => ({ body: ended ? { ...job, status: 'succeeded', outputs: [72] } : job }),
        [STREAM]: () => {
          ended = true
          return { eventStream: `${logEvent(1, 'Started.')}: keep-alive\n\n${logEvent(2, 'Done: version 2 is ready with 5 rows.')}event: end\ndata: {"status": "succeeded"}\n\n` }
        },
        'GET /api/v1/dataset-versions/72/': { body: { ...version, id: 72, number: 2 } },
      }),
    )
    renderPortal('/data/jobs/80')

    expect(await screen.findByRole('heading', { name: /Adults only/ })).toBeInTheDocument()
    expect(await screen.findByRole('link', { name: 'people · v1' })).toHaveAttribute('href', '/data/versions/70')
    expect(screen.getByText('{"where":{"column":"age","op":">=","value":18}}')).toBeInTheDocument()

    const log = screen.getByRole('log', { name: 'Log' })
    expect(await within(log).findByText(/Done: version 2 is ready with 5 rows\./)).toBeInTheDocument()
    expect(within(log).getByText(/Started\./)).toBeInTheDocument()
    expect(await screen.findByText('Succeeded')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: /Open the new version/ })).toHaveAttribute('href', '/data/versions/72')
    expect(within(log).queryByText('Following the log live…')).not.toBeInTheDocument()
    expect(server.callsTo(STREAM)[0]?.query.get('after')).toBe('0')
  })

  it('reconnects to the log from the last line when the stream drops', async () => {
    const server = mockApi(
      jobRoutes({
        [STREAM]: (call) =>
          call.query.get('after') === '0'
            ? { eventStream: logEvent(1, 'Started.') }
            : { eventStream: `${logEvent(2, 'Step: filter')}event: end\ndata: {"status": "succeeded"}\n\n` },
      }),
    )
    renderPortal('/data/jobs/80')

    expect(await screen.findByText(/Step: filter/, {}, { timeout: 5000 })).toBeInTheDocument()
    expect(server.callsTo(STREAM).map((call) => call.query.get('after'))).toEqual(['0', '1'])
  })

  it('cancels a running job after confirmation', async () => {
    const cancelled: Job = { ...job, status: 'cancelled', finished_at: '2026-01-08T00:01:00Z' }
    let current = job
    const server = mockApi(
      jobRoutes({
        'GET /api/v1/jobs/80/': () => ({ body: current }),
        [STREAM]: { eventStream: logEvent(1, 'Started.') },
        'POST /api/v1/jobs/80/cancel/': () => {
          current = cancelled
          return { body: cancelled }
        },
      }),
    )
    const { user } = renderPortal('/data/jobs/80')

    await user.click(await screen.findByRole('button', { name: /Cancel job/ }))
    expect(await screen.findByText('Cancel this job?')).toBeInTheDocument()
    await user.click(screen.getAllByRole('button', { name: /Cancel job/ }).at(-1)!)

    expect(await screen.findByText('Job cancelled')).toBeInTheDocument()
    expect(server.callsTo('POST /api/v1/jobs/80/cancel/')).toHaveLength(1)
    expect(await within(screen.getByRole('heading', { name: /Adults only/ })).findByText('Cancelled')).toBeInTheDocument()
  })

  it("shows a failed job's error", async () => {
    mockApi(
      jobRoutes({
        'GET /api/v1/jobs/80/': { body: { ...job, status: 'failed', error: "Step 0 (filter) failed: cannot compare 'age'." } },
        [STREAM]: { eventStream: `${logEvent(1, 'Failed.', 'ERROR')}event: end\ndata: {"status": "failed"}\n\n` },
      }),
    )
    renderPortal('/data/jobs/80')

    expect(await screen.findByText('The job failed')).toBeInTheDocument()
    expect(screen.getByText("Step 0 (filter) failed: cannot compare 'age'.")).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /Cancel job/ })).not.toBeInTheDocument()
  })
})
