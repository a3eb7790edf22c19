import { Button, Empty, Result, Table, type TableProps } from 'antd'
import { useTranslation } from 'react-i18next'
import { describeError } from '../api/describeError'

/** The parts of a TanStack query result a table needs to show loading, error and refetching. */
export interface TableQueryState {
  isPending: boolean
  isFetching: boolean
  isError: boolean
  error: unknown
  refetch: () => unknown
}

interface DataTableProps<T> extends Omit<TableProps<T>, 'loading' | 'dataSource'> {
  query: TableQueryState
  rows: T[]
  /** What to say when there are no rows, e.g. "No projects yet". */
  emptyText?: string
  /** Refetches keep showing the rows without a spinner: for lists that poll. */
  quietRefetch?: boolean
}

/** antd Table with the portal's loading, empty and error states. */
export function DataTable<T extends object>({ query, rows, emptyText, quietRefetch, ...tableProps }: DataTableProps<T>) {
  const { t } = useTranslation()
  if (query.isError) {
    return (
      <Result
        status="warning"
        title={t('table.loadFailed')}
        subTitle={describeError(query.error, t)}
        extra={<Button onClick={() => void query.refetch()}>{t('common.retry')}</Button>}
      />
    )
  }
  return (
    <Table<T>
      rowKey="id"
      size="middle"
      scroll={{ x: 'max-content' }}
      {...tableProps}
      dataSource={rows}
      loading={query.isPending || (query.isFetching && !quietRefetch)}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText ?? t('table.empty')} /> }}
    />
  )
}
