import { QueryClient } from '@tanstack/react-query'
import { ApiError } from '../api/errors'

/** Retries only what may succeed on a second try: lost connections and server errors. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  const transient = error instanceof ApiError && (error.isNetworkError || error.status >= 500)
  return transient && failureCount < 2
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: false, staleTime: 10_000 },
      mutations: { retry: false },
    },
  })
}
