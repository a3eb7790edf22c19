import { keepPreviousData, useQuery, type QueryKey } from '@tanstack/react-query'
import { useState } from 'react'
import type { CursorPage } from '../api/types'

export interface CursorParams {
  cursor?: string
  page_size: number
}

interface UseCursorListOptions<T> {
  /** Identifies the list and its filters; a change of filters goes back to the newest page. */
  queryKey: QueryKey
  fetchPage: (params: CursorParams) => Promise<CursorPage<T>>
  pageSize?: number
  enabled?: boolean
}

/** The `cursor` query parameter of a next/previous link, or undefined for none. */
export function cursorOf(link: string | null | undefined): string | undefined {
  if (!link) return undefined
  return new URL(link, window.location.origin).searchParams.get('cursor') ?? undefined
}

/** A cursor paginated list (newest first) with older/newer navigation. */
export function useCursorList<T>({ queryKey, fetchPage, pageSize = 50, enabled = true }: UseCursorListOptions<T>) {
  const [cursor, setCursor] = useState<string | undefined>(undefined)
  const filtersKey = JSON.stringify(queryKey)
  const [cursorFiltersKey, setCursorFiltersKey] = useState(filtersKey)
  if (cursorFiltersKey !== filtersKey) {
    setCursorFiltersKey(filtersKey)
    setCursor(undefined)
  }

  const params: CursorParams = { cursor, page_size: pageSize }
  const query = useQuery({
    queryKey: [...queryKey, params],
    queryFn: () => fetchPage(params),
    placeholderData: keepPreviousData,
    enabled,
  })

  const newerCursor = cursorOf(query.data?.previous)
  const olderCursor = cursorOf(query.data?.next)
  return {
    query,
    rows: query.data?.results ?? [],
    isFirstPage: cursor === undefined,
    hasNewer: newerCursor !== undefined,
    hasOlder: olderCursor !== undefined,
    showNewer: () => setCursor(newerCursor),
    showOlder: () => setCursor(olderCursor),
    showNewest: () => setCursor(undefined),
  }
}
