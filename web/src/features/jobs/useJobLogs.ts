import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import type { JobLogLine } from '../../api/types'
import { JOBS_KEY, streamJobLogs } from './api'

/** Wait before reconnecting when the stream closed before the job finished (a proxy timeout, a restart). */
const RECONNECT_MS = 2000

function pause(ms: number, signal: AbortSignal) {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => clearTimeout(timer), { once: true })
  })
}

/**
 * A job's log lines, followed live until the job finishes (then its status is fetched again).
 * Reconnects after a dropped stream from the last line received; a refused one is an error.
 */
export function useJobLogs(jobId: number) {
  const queryClient = useQueryClient()
  const [lines, setLines] = useState<JobLogLine[]>([])
  const [ended, setEnded] = useState(false)
  const [error, setError] = useState<unknown>()
  const [attempt, setAttempt] = useState(0)
  const lastLineId = useRef(0)

  useEffect(() => {
    const controller = new AbortController()
    const { signal } = controller
    const onLine = (line: JobLogLine) => {
      lastLineId.current = line.id
      setLines((current) => [...current, line])
    }
    const follow = async () => {
      while (!signal.aborted) {
        const finalStatus = await streamJobLogs(jobId, { after: lastLineId.current, onLine, signal })
        if (finalStatus) {
          setEnded(true)
          await queryClient.invalidateQueries({ queryKey: [...JOBS_KEY, jobId] })
          return
        }
        await pause(RECONNECT_MS, signal)
      }
    }
    follow().catch((cause: unknown) => {
      if (!signal.aborted) setError(cause)
    })
    return () => controller.abort()
  }, [jobId, attempt, queryClient])

  const retry = () => {
    setError(undefined)
    setAttempt((count) => count + 1)
  }
  return { lines, ended, error, retry }
}
