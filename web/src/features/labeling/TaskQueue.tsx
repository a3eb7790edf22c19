import { Card, Flex, Segmented, Select, Typography, type TableColumnsType } from 'antd'
import { useTranslation } from 'react-i18next'
import type { LabelingProject, LabelTask, LabelTaskStatus } from '../../api/types'
import { DataTable } from '../../components/DataTable'
import { useList } from '../../hooks/useList'
import { taskText } from './annotationDraft'
import { fetchLabelTasks, TASKS_KEY } from './api'
import { TaskStatusTag } from './statusTags'
import { itemName } from './taskQueue'

export interface QueueFilters {
  status: LabelTaskStatus | 'all'
  assignee: 'anyone' | 'me' | 'none'
}

/** A labeling project's tasks that match the queue's filters, oldest first. */
export function useTaskQueue(labelingProjectId: number, filters: QueueFilters) {
  return useList({
    queryKey: [...TASKS_KEY, 'queue', labelingProjectId, filters],
    fetchPage: (params) =>
      fetchLabelTasks({
        ...params,
        labeling_project: labelingProjectId,
        status: filters.status === 'all' ? undefined : filters.status,
        assignee: filters.assignee === 'anyone' ? undefined : filters.assignee,
        ordering: 'id',
      }),
  })
}

interface TaskQueueProps {
  project: LabelingProject
  queue: ReturnType<typeof useTaskQueue>
  filters: QueueFilters
  onFiltersChange: (filters: QueueFilters) => void
  selectedId: number | undefined
  onSelect: (taskId: number) => void
}

/** The tasks to work through, filtered by status and assignee; a click opens one. */
export function TaskQueue({ project, queue, filters, onFiltersChange, selectedId, onSelect }: TaskQueueProps) {
  const { t } = useTranslation()
  const columns: TableColumnsType<LabelTask> = [
    {
      title: t('labeling.item'),
      key: 'item',
      render: (_, task) => (
        <Typography.Text ellipsis style={{ maxWidth: 220 }}>
          <Typography.Text type="secondary">{itemName(task)}</Typography.Text> {taskText(project, task)}
        </Typography.Text>
      ),
    },
    { title: t('labeling.status'), dataIndex: 'status', render: (status: LabelTaskStatus) => <TaskStatusTag status={status} /> },
    {
      title: t('labeling.assignee'),
      dataIndex: 'assignee',
      render: (assignee: LabelTask['assignee']) => assignee?.full_name || assignee?.email || '—',
    },
  ]
  return (
    <Card
      title={t('labeling.queue')}
      styles={{ body: { padding: 0 } }}
      extra={
        <Flex gap={8} wrap>
          <Segmented<QueueFilters['status']>
            size="small"
            value={filters.status}
            onChange={(status) => onFiltersChange({ ...filters, status })}
            options={(['open', 'done', 'skipped', 'all'] as const).map((value) => ({ value, label: t(`labeling.queueStatus.${value}`) }))}
          />
          <Select<QueueFilters['assignee']>
            size="small"
            aria-label={t('labeling.assignedTo')}
            value={filters.assignee}
            onChange={(assignee) => onFiltersChange({ ...filters, assignee })}
            options={(['anyone', 'me', 'none'] as const).map((value) => ({ value, label: t(`labeling.assignedFilter.${value}`) }))}
            style={{ width: 130 }}
          />
        </Flex>
      }
    >
      <DataTable<LabelTask>
        query={queue.query}
        rows={queue.rows}
        columns={columns}
        size="small"
        pagination={{ ...queue.pagination, simple: true, size: 'small' }}
        emptyText={t('labeling.queueEmpty')}
        rowClassName={(task) => (task.id === selectedId ? 'ant-table-row-selected' : '')}
        onRow={(task) => ({ onClick: () => onSelect(task.id), style: { cursor: 'pointer' } })}
      />
    </Card>
  )
}
