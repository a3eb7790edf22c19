import { useQuery } from '@tanstack/react-query'
import { Card, Col, Descriptions, Result, Row, Skeleton, Space, Spin, Tag } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { describeError } from '../../api/describeError'
import type { LabelingProject } from '../../api/types'
import { LoadFailed } from '../../components/LoadFailed'
import { PageHeader } from '../../components/PageHeader'
import { pollingInterval } from '../../hooks/polling'
import { VersionRef } from '../datasets/refs'
import { useProjectAccess } from '../workspace/useProjectAccess'
import { fetchLabelingProject, fetchLabelTask, LABELING_KEY, TASKS_KEY } from './api'
import { ExportLabelsButton } from './ExportLabelsButton'
import { labelColor } from './labelColors'
import { LabelingProgress } from './LabelingProgress'
import { LabelingStatusTag } from './statusTags'
import { nextOpenTask } from './taskQueue'
import { TaskQueue, useTaskQueue, type QueueFilters } from './TaskQueue'
import { TaskWorkbench } from './TaskWorkbench'

export default function AnnotatePage() {
  const { t } = useTranslation()
  const id = Number(useParams().labelingProjectId)
  const projectQuery = useQuery({
    queryKey: [...LABELING_KEY, id],
    queryFn: () => fetchLabelingProject(id),
    refetchInterval: (query) => pollingInterval(query.state.data?.status === 'preparing'),
  })
  if (projectQuery.isPending) return <Skeleton active />
  if (projectQuery.isError) {
    return <LoadFailed title={t('labeling.loadFailed')} error={projectQuery.error} backTo="/data/labeling" backLabel={t('labeling.backToList')} />
  }
  return <Annotate project={projectQuery.data} />
}

function Annotate({ project }: { project: LabelingProject }) {
  const { t } = useTranslation()
  const access = useProjectAccess(project.project)
  return (
    <>
      <PageHeader
        title={
          <Space>
            {project.name}
            <LabelingStatusTag status={project.status} error={project.error} />
          </Space>
        }
        subtitle={<Link to="/data/labeling">{t('labeling.backToList')}</Link>}
        actions={access.canWrite && project.status === 'ready' && <ExportLabelsButton project={project} />}
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
          <Descriptions.Item label={t('labeling.kind')}>{t(`labeling.kinds.${project.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('labeling.version')}>
            <VersionRef id={project.version} />
          </Descriptions.Item>
          <Descriptions.Item label={t('labeling.labels')}>
            {project.labels.map((label) => (
              <Tag key={label} color={labelColor(project.labels, label)}>
                {label}
              </Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('labeling.progress')}>
            <LabelingProgress project={project} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {project.status === 'preparing' && <Result icon={<Spin size="large" />} title={t('labeling.preparing')} />}
      {project.status === 'failed' && <Result status="error" title={t('labeling.failedTitle')} subTitle={project.error} />}
      {project.status === 'ready' && <TaskDesk project={project} canAssign={access.canWrite} />}
    </>
  )
}

/** The queue beside the task being worked on; submitting or skipping moves on to the next open task. */
function TaskDesk({ project, canAssign }: { project: LabelingProject; canAssign: boolean }) {
  const { t } = useTranslation()
  const [filters, setFilters] = useState<QueueFilters>({ status: 'open', assignee: 'anyone' })
  const queue = useTaskQueue(project.id, filters)
  const [chosenId, setChosenId] = useState<number>()
  const selectedId = chosenId ?? queue.rows[0]?.id
  const taskQuery = useQuery({
    queryKey: [...TASKS_KEY, selectedId],
    queryFn: () => fetchLabelTask(selectedId!),
    enabled: selectedId !== undefined,
  })

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={9}>
        <TaskQueue project={project} queue={queue} filters={filters} onFiltersChange={setFilters} selectedId={selectedId} onSelect={setChosenId} />
      </Col>
      <Col xs={24} xl={15}>
        {selectedId === undefined && !queue.query.isPending && (
          <Card>
            <Result status="success" title={t('labeling.queueDone')} subTitle={t('labeling.queueDoneHelp')} />
          </Card>
        )}
        {selectedId !== undefined && taskQuery.isPending && <Skeleton active />}
        {taskQuery.isError && <Result status="warning" title={t('labeling.taskLoadFailed')} subTitle={describeError(taskQuery.error, t)} />}
        {taskQuery.data && (
          <TaskWorkbench
            key={taskQuery.data.id}
            project={project}
            task={taskQuery.data}
            canAssign={canAssign}
            onFinished={(task) => setChosenId(nextOpenTask(queue.rows, task.id)?.id)}
          />
        )}
      </Col>
    </Row>
  )
}
