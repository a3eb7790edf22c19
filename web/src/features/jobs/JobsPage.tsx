import { PlusOutlined } from '@ant-design/icons'
import { Button, Input, Select, Tag, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { JOB_STATUSES, type Job, type JobStatus, type Project } from '../../api/types'
import { DataTable } from '../../components/DataTable'
import { formatDateTime } from '../../components/format'
import { PageHeader } from '../../components/PageHeader'
import { useList } from '../../hooks/useList'
import { useProjectDatasets } from '../datasets/projectData'
import { RequireProject } from '../workspace/RequireProject'
import { useProjectAccess } from '../workspace/useProjectAccess'
import { fetchJobs, JOBS_KEY } from './api'
import { JobBuilderDrawer } from './JobBuilderDrawer'
import { isJobFinished, JobStatusTag } from './JobStatusTag'
import { newJobPath, newJobPresetOf } from './paths'

export default function JobsPage() {
  const { t } = useTranslation()
  return (
    <RequireProject title={t('nav.jobs')} message={t('jobs.chooseProject')}>
      {(project) => <ProjectJobs project={project} />}
    </RequireProject>
  )
}

function ProjectJobs({ project }: { project: Project }) {
  const { t } = useTranslation()
  const access = useProjectAccess(project.id)
  const datasets = useProjectDatasets(project.id)
  const [searchParams, setSearchParams] = useSearchParams()
  const preset = newJobPresetOf(searchParams)
  const [search, setSearch] = useState('')
  const [statuses, setStatuses] = useState<JobStatus[]>([])

  const list = useList({
    queryKey: [...JOBS_KEY, 'list', project.id, search, statuses],
    fetchPage: (params) =>
      fetchJobs({ ...params, project: project.id, search: search || undefined, status: statuses.length ? statuses : undefined }),
    pollWhile: (page) => page.results.some((job) => !isJobFinished(job.status)),
  })

  const datasetName = (id: number | null) =>
    id === null ? '—' : <Link to={`/data/datasets/${id}`}>{datasets.data?.find((dataset) => dataset.id === id)?.name ?? `#${id}`}</Link>
  const columns: TableColumnsType<Job> = [
    {
      title: t('fields.name'),
      dataIndex: 'name',
      render: (name: string, job) => <Link to={`/data/jobs/${job.id}`}>{name || t('jobs.jobLabel', { id: job.id })}</Link>,
    },
    { title: t('jobs.kind'), dataIndex: 'kind', render: (kind: Job['kind']) => <Tag>{t(`jobs.kinds.${kind}`)}</Tag> },
    { title: t('jobs.status'), dataIndex: 'status', render: (status: JobStatus) => <JobStatusTag status={status} /> },
    { title: t('jobs.target'), dataIndex: 'target_dataset', render: datasetName },
    { title: t('fields.createdAt'), dataIndex: 'created_at', render: formatDateTime, className: 'nowrap' },
    { title: t('jobs.finishedAt'), dataIndex: 'finished_at', render: (value: string | null) => formatDateTime(value) || '—', className: 'nowrap' },
  ]

  return (
    <>
      <PageHeader
        title={t('nav.jobs')}
        subtitle={t('jobs.subtitle', { project: project.name })}
        actions={
          <>
            <Select<JobStatus[]>
              mode="multiple"
              allowClear
              aria-label={t('jobs.status')}
              placeholder={t('jobs.status')}
              style={{ minWidth: 160 }}
              value={statuses}
              onChange={setStatuses}
              options={JOB_STATUSES.map((status) => ({ value: status, label: t(`jobs.statuses.${status}`) }))}
            />
            <Input.Search allowClear placeholder={t('common.search')} onSearch={setSearch} style={{ width: 200 }} />
            {access.canWrite && (
              <Link to={newJobPath()} replace>
                <Button type="primary" icon={<PlusOutlined />}>
                  {t('jobs.new')}
                </Button>
              </Link>
            )}
          </>
        }
      />
      <DataTable<Job>
        query={list.query}
        rows={list.rows}
        columns={columns}
        pagination={list.pagination}
        emptyText={search || statuses.length ? t('table.noMatches') : t('jobs.empty')}
        quietRefetch
      />
      {preset && access.canWrite && (
        <JobBuilderDrawer project={project} preset={preset} onClose={() => setSearchParams({}, { replace: true })} />
      )}
    </>
  )
}
