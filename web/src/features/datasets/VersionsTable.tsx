import { useQueryClient } from '@tanstack/react-query'
import { type TableColumnsType } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { DatasetVersion } from '../../api/types'
import { ConfirmDelete } from '../../components/ConfirmDelete'
import { DataTable } from '../../components/DataTable'
import { formatBytes, formatDateTime } from '../../components/format'
import { useList } from '../../hooks/useList'
import { DATASETS_KEY, deleteVersion, fetchVersions, VERSIONS_KEY } from './api'
import { isVersionSettled, VersionStatusTag } from './VersionStatusTag'

/** A dataset's versions, newest first; refreshed while one of them is still uploading or validating. */
export function VersionsTable({ datasetId, canDelete }: { datasetId: number; canDelete: boolean }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const list = useList({
    queryKey: [...VERSIONS_KEY, 'list', { dataset: datasetId }],
    fetchPage: (params) => fetchVersions({ ...params, dataset: datasetId, ordering: '-number' }),
    pollWhile: (page) => page.results.some((version) => !isVersionSettled(version.status)),
  })

  const columns: TableColumnsType<DatasetVersion> = [
    {
      title: t('datasets.version'),
      dataIndex: 'number',
      render: (number: number, version) => <Link to={`/data/versions/${version.id}`}>{t('datasets.versionLabel', { number })}</Link>,
    },
    {
      title: t('datasets.status'),
      dataIndex: 'status',
      render: (_, version) => <VersionStatusTag status={version.status} failureReason={version.failure_reason} />,
    },
    { title: t('datasets.rows'), dataIndex: 'row_count', align: 'right', render: (rows: number | null) => rows?.toLocaleString() ?? '—' },
    { title: t('datasets.size'), dataIndex: 'total_bytes', align: 'right', render: formatBytes },
    { title: t('datasets.message'), dataIndex: 'message', ellipsis: true },
    { title: t('fields.createdAt'), dataIndex: 'created_at', render: formatDateTime, className: 'nowrap' },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, version) =>
        canDelete && (
          <ConfirmDelete
            title={t('datasets.deleteVersionConfirm', { number: version.number })}
            description={t('datasets.deleteVersionDescription')}
            successMessage={t('datasets.versionDeleted', { number: version.number })}
            onConfirm={async () => {
              await deleteVersion(version.id)
              await Promise.all([
                queryClient.invalidateQueries({ queryKey: VERSIONS_KEY }),
                queryClient.invalidateQueries({ queryKey: DATASETS_KEY }),
              ])
            }}
          />
        ),
    },
  ]

  return (
    <DataTable<DatasetVersion>
      query={list.query}
      rows={list.rows}
      columns={columns}
      pagination={list.pagination}
      emptyText={t('datasets.noVersions')}
      quietRefetch
    />
  )
}
