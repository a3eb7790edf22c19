import { keepPreviousData, useQuery, type QueryKey } from '@tanstack/react-query'
import type { TablePaginationConfig } from 'antd'
import { useState } from 'react'
import type { Page } from '../api/types'
import { pollingInterval } from './polling'

export interface PageParams {
  page: number
  page_size: number
}

interface UseListOptions<T> {
  /** Identifies the list and its filters; a change of filters goes back to page 1. */
  queryKey: QueryKey
  fetchPage: (params: PageParams) => Promise<Page<T>>
  pageSize?: number
  enabled?: boolean
  /** Refetches the page every POLL_INTERVAL_MS while this holds, e.g. while a row is still being processed. */
  pollWhile?: (page: Page<T>) => boolean
}

/** A page-number paginated list with antd pagination wired to the API's `page` and `page_size`. */
export function useList<T>({ queryKey, fetchPage, pageSize = 20, enabled = true, pollWhile }: UseListOptions<T>) {
  const [params, setParams] = useState<PageParams>({ page: 1, page_size: pageSize })
  const filtersKey = JSON.stringify(queryKey)
  const [pagedFiltersKey, setPagedFiltersKey] = useState(filtersKey)
  if (pagedFiltersKey !== filtersKey) {
    setPagedFiltersKey(filtersKey)
    setParams((current) => ({ ...current, page: 1 }))
  }

  const query = useQuery({
    queryKey: [...queryKey, params],
    queryFn: () => fetchPage(params),
    placeholderData: keepPreviousData,
    enabled,
    refetchInterval: (current) => pollingInterval(current.state.data !== undefined && pollWhile?.(current.state.data)),
  })

  // Deleting the last row of the last page leaves an empty page: step back to one with rows.
  const count = query.data?.count ?? 0
  const lastPage = Math.max(1, Math.ceil(count / params.page_size))
  if (query.data && !query.isPlaceholderData && params.page > lastPage) {
    setParams((current) => ({ ...current, page: lastPage }))
  }

  const pagination: TablePaginationConfig = {
    current: params.page,
    pageSize: params.page_size,
    total: count,
    showSizeChanger: true,
    // Below the smallest page size there is nothing to page through or resize.
    hideOnSinglePage: count <= 10,
    onChange: (page, page_size) => setParams({ page: page_size === params.page_size ? page : 1, page_size }),
  }

  return { query, rows: query.data?.results ?? [], total: count, pagination }
}
