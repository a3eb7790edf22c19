import { api, unwrap } from '../../api/client'
import type { paths } from '../../api/schema'
import { readEventStream } from '../../api/serverSentEvents'
import type { JobCreateRequest, JobLogLine, JobStatus } from '../../api/types'

type JobQuery = NonNullable<paths['/api/v1/jobs/']['get']['parameters']['query']>

/** Prefix of every jobs query; invalidate it after any change to jobs. */
export const JOBS_KEY = ['jobs'] as const

export const fetchJobs = (query: JobQuery) => unwrap(api.GET('/api/v1/jobs/', { params: { query } }))

export const fetchJob = (id: number) => unwrap(api.GET('/api/v1/jobs/{id}/', { params: { path: { id } } }))

export const createJob = (body: JobCreateRequest) => unwrap(api.POST('/api/v1/jobs/', { body }))

export const cancelJob = (id: number) => unwrap(api.POST('/api/v1/jobs/{id}/cancel/', { params: { path: { id } } }))

interface LogStreamOptions {
  /** Only lines after this one. */
  after: number
  onLine: (line: JobLogLine) => void
  signal: AbortSignal
}

/**
 * Follows a job's log over Server-Sent Events. Resolves with the job's final status once it has
 * finished and every line has arrived, or undefined when the connection closed before that.
 */
export async function streamJobLogs(id: number, { after, onLine, signal }: LogStreamOptions): Promise<JobStatus | undefined> {
  const body = await unwrap(
    api.GET('/api/v1/jobs/{id}/logs/stream/', { params: { path: { id }, query: { after } }, parseAs: 'stream', signal }),
  )
  let finalStatus: JobStatus | undefined
  await readEventStream(body as ReadableStream<Uint8Array>, ({ event, data }) => {
    if (event === 'log') onLine(JSON.parse(data) as JobLogLine)
    if (event === 'end') finalStatus = (JSON.parse(data) as { status: JobStatus }).status
  })
  return finalStatus
}
