import { ArrowRightOutlined, StopOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Card, Descriptions, List, Popconfirm, Skeleton, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { describeError } from '../../api/describeError'
import type { Job } from '../../api/types'
import { formatDateTime } from '../../components/format'
import { LoadFailed } from '../../components/LoadFailed'
import { PageHeader } from '../../components/PageHeader'
import { pollingInterval } from '../../hooks/polling'
import { DatasetRef, VersionRef } from '../datasets/refs'
import { useProjectAccess } from '../workspace/useProjectAccess'
import { cancelJob, fetchJob, JOBS_KEY } from './api'
import { JobLogs } from './JobLogs'
import { isJobFinished, JobStatusTag } from './JobStatusTag'

export default function JobDetailPage() {
  const { t } = useTranslation()
  const jobId = Number(useParams().jobId)
  const jobQuery = useQuery({
    queryKey: [...JOBS_KEY, jobId],
    queryFn: () => fetchJob(jobId),
    refetchInterval: (query) => pollingInterval(query.state.data && !isJobFinished(query.state.data.status)),
  })
  if (jobQuery.isPending) return <Skeleton active />
  if (jobQuery.isError) {
    return <LoadFailed title={t('jobs.loadFailed')} error={jobQuery.error} backTo="/data/jobs" backLabel={t('jobs.backToList')} />
  }
  return <JobDetail job={jobQuery.data} />
}

function JobDetail({ job }: { job: Job }) {
  const { t } = useTranslation()
  const access = useProjectAccess(job.project)
  const finished = isJobFinished(job.status)
  const output = job.outputs.at(-1)
  return (
    <>
      <PageHeader
        title={
          <Space>
            {job.name || t('jobs.jobLabel', { id: job.id })}
            <JobStatusTag status={job.status} />
          </Space>
        }
        subtitle={<Link to="/data/jobs">{t('jobs.backToList')}</Link>}
        actions={
          <>
            {job.status === 'succeeded' && output !== undefined && (
              <Link to={`/data/versions/${output}`}>
                <Button type="primary" icon={<ArrowRightOutlined />}>
                  {t('jobs.openOutput')}
                </Button>
              </Link>
            )}
            {!finished && access.canWrite && <CancelJobButton job={job} />}
          </>
        }
      />
      {job.status === 'failed' && job.error && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} message={t('jobs.failedTitle')} description={job.error} />
      )}
      <Card title={t('common.details')} style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}>
          <Descriptions.Item label={t('jobs.kind')}>
            <Tag>{t(`jobs.kinds.${job.kind}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('jobs.orchestrator')}>{job.orchestrator}</Descriptions.Item>
          <Descriptions.Item label={t('jobs.inputs')}>
            <VersionRefs ids={job.inputs} />
          </Descriptions.Item>
          <Descriptions.Item label={t('jobs.target')}>
            {job.target_dataset === null ? '—' : <DatasetRef id={job.target_dataset} />}
          </Descriptions.Item>
          <Descriptions.Item label={t('jobs.outputs')}>
            <VersionRefs ids={job.outputs} />
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.createdAt')}>{formatDateTime(job.created_at)}</Descriptions.Item>
          <Descriptions.Item label={t('jobs.startedAt')}>{formatDateTime(job.started_at) || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('jobs.finishedAt')}>{formatDateTime(job.finished_at) || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('jobs.runId')}>
            {job.external_id ? <Typography.Text copyable>{job.external_id}</Typography.Text> : '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {job.spec.steps.length > 0 && (
        <Card title={t('jobs.steps')} style={{ marginBottom: 16 }}>
          <List
            size="small"
            dataSource={job.spec.steps}
            renderItem={({ op, ...options }, index) => (
              <List.Item>
                <Space wrap>
                  <Typography.Text strong>{t('jobs.stepTitle', { number: index + 1, op: t(`jobs.ops.${op}`) })}</Typography.Text>
                  <Typography.Text code>{JSON.stringify(options)}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
      <Card title={t('jobs.logs')}>
        <JobLogs key={job.id} jobId={job.id} />
      </Card>
    </>
  )
}

function VersionRefs({ ids }: { ids: number[] }) {
  if (ids.length === 0) return <>—</>
  return <Space wrap>{ids.map((id) => <VersionRef key={id} id={id} />)}</Space>
}

function CancelJobButton({ job }: { job: Job }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const cancel = useMutation({
    mutationFn: () => cancelJob(job.id),
    onSuccess: (cancelled) => {
      queryClient.setQueryData([...JOBS_KEY, job.id], cancelled)
      void queryClient.invalidateQueries({ queryKey: JOBS_KEY })
      void message.success(t('jobs.cancelled'))
    },
    onError: (error) => void message.error(describeError(error, t)),
  })
  return (
    <Popconfirm
      title={t('jobs.cancelConfirm')}
      description={t('jobs.cancelDescription')}
      okText={t('jobs.cancelJob')}
      cancelText={t('jobs.keepRunning')}
      okButtonProps={{ danger: true }}
      onConfirm={() => cancel.mutateAsync().catch(() => undefined)}
    >
      <Button danger icon={<StopOutlined />} loading={cancel.isPending}>
        {t('jobs.cancelJob')}
      </Button>
    </Popconfirm>
  )
}
