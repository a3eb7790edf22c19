import { useQueries, useQuery } from '@tanstack/react-query'
import { Descriptions, Result, Skeleton, Space, Table } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { describeError } from '../../api/describeError'
import type { JobStatus, VersionStatus, VersionSummary } from '../../api/types'
import { JobStatusTag } from '../jobs/JobStatusTag'
import { fetchLineage, fetchVersion, VERSIONS_KEY } from './api'
import { VersionStatusTag } from './VersionStatusTag'

/**
 * Where a version comes from (its producing job and input versions) and what was made from it.
 * The lineage types statuses as plain strings; they are the version and job statuses.
 */
export function LineagePanel({ versionId }: { versionId: number }) {
  const { t } = useTranslation()
  const lineage = useQuery({ queryKey: [...VERSIONS_KEY, versionId, 'lineage'], queryFn: () => fetchLineage(versionId) })
  if (lineage.isPending) return <Skeleton active />
  if (lineage.isError) return <Result status="warning" title={t('datasets.lineageFailed')} subTitle={describeError(lineage.error, t)} />
  const { produced_by: job, parents, children } = lineage.data
  return (
    <>
      <Descriptions column={1} bordered size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('datasets.producedBy')}>
          {job ? (
            <Space>
              <Link to={`/data/jobs/${job.id}`}>{job.name || t('jobs.jobLabel', { id: job.id })}</Link>
              <JobStatusTag status={job.status as JobStatus} />
            </Space>
          ) : (
            t('datasets.uploadedDirectly')
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('datasets.parents')}>
          {parents.length ? <Space wrap>{parents.map((parent) => <VersionLink key={parent.id} version={parent} />)}</Space> : '—'}
        </Descriptions.Item>
      </Descriptions>
      <UsedByTable versions={children} />
    </>
  )
}

function VersionLink({ version }: { version: VersionSummary }) {
  const { t } = useTranslation()
  return (
    <Link to={`/data/versions/${version.id}`}>
      {version.dataset_name} · {t('datasets.versionLabel', { number: version.number })}
    </Link>
  )
}

/** The versions made from this one, with the jobs that made them (the lineage names only the versions). */
function UsedByTable({ versions }: { versions: VersionSummary[] }) {
  const { t } = useTranslation()
  const details = useQueries({
    queries: versions.map((child) => ({ queryKey: [...VERSIONS_KEY, child.id], queryFn: () => fetchVersion(child.id) })),
  })
  const producedBy = (index: number) => details[index]?.data?.produced_by
  return (
    <Table<VersionSummary>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={versions}
      locale={{ emptyText: t('datasets.notUsedYet') }}
      title={() => t('datasets.usedBy')}
      columns={[
        {
          title: t('datasets.job'),
          key: 'job',
          render: (_, __, index) => {
            const jobId = producedBy(index)
            return jobId ? <Link to={`/data/jobs/${jobId}`}>{t('jobs.jobLabel', { id: jobId })}</Link> : '—'
          },
        },
        { title: t('datasets.output'), key: 'version', render: (_, child) => <VersionLink version={child} /> },
        { title: t('datasets.status'), dataIndex: 'status', render: (status: VersionStatus) => <VersionStatusTag status={status} /> },
      ]}
    />
  )
}
