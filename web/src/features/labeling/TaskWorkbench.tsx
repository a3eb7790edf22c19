import { CheckOutlined, ForwardOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App, Button, Card, Divider, Flex, Space, Typography } from 'antd'
import type { TFunction } from 'i18next'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { describeError } from '../../api/describeError'
import { ApiError } from '../../api/errors'
import type { LabelingProject, LabelTask } from '../../api/types'
import { FormErrors } from '../../components/FormErrors'
import { formatDateTime } from '../../components/format'
import { draftOf, draftValue, type AnnotationValue } from './annotationDraft'
import { AnnotationEditor } from './AnnotationEditor'
import { annotateLabelTask, LABELING_KEY, skipLabelTask, TASKS_KEY } from './api'
import { TaskAssignee } from './TaskAssignee'
import { TaskData } from './TaskData'
import { TaskStatusTag } from './statusTags'
import { itemName } from './taskQueue'

interface TaskWorkbenchProps {
  project: LabelingProject
  task: LabelTask
  canAssign: boolean
  /** After the annotation was saved (the task is then done) or the task was skipped. */
  onFinished: (task: LabelTask) => void
}

/** One task: its data, its assignee, the editor of the project's kind, submit and skip. Render it with key={task.id}. */
export function TaskWorkbench({ project, task, canAssign, onFinished }: TaskWorkbenchProps) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [draft, setDraft] = useState(() => draftOf(project.kind, task))
  const finished = (notice: string) => async (saved: LabelTask) => {
    void message.success(notice)
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: TASKS_KEY }),
      queryClient.invalidateQueries({ queryKey: LABELING_KEY }),
    ])
    onFinished(saved)
  }
  const submit = useMutation({
    mutationFn: (value: AnnotationValue) => annotateLabelTask(task.id, value),
    onSuccess: finished(t('labeling.annotated', { item: itemName(task) })),
  })
  const skip = useMutation({
    mutationFn: () => skipLabelTask(task.id),
    onSuccess: finished(t('labeling.skipped', { item: itemName(task) })),
  })
  const busy = submit.isPending || skip.isPending
  const value = draftValue(draft)
  const latest = task.annotations.at(-1)

  return (
    <Card
      title={
        <Space>
          {t('labeling.taskTitle', { item: itemName(task) })}
          <TaskStatusTag status={task.status} />
        </Space>
      }
      extra={<TaskAssignee task={task} canAssign={canAssign} />}
    >
      {submit.isError && <FormErrors errors={refusalMessages(submit.error, t)} />}
      {skip.isError && <FormErrors errors={[describeError(skip.error, t)]} />}
      <TaskData project={project} task={task} />
      {project.instructions && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>
          {project.instructions}
        </Typography.Paragraph>
      )}
      <Divider orientation="left" plain>
        {t('labeling.annotation')}
      </Divider>
      <AnnotationEditor project={project} task={task} draft={draft} onChange={setDraft} />
      <Flex justify="space-between" align="center" gap={16} wrap style={{ marginTop: 24 }}>
        <Typography.Text type="secondary">
          {latest &&
            t('labeling.lastAnnotated', { who: latest.annotator?.full_name || latest.annotator?.email || '—', when: formatDateTime(latest.created_at) })}
        </Typography.Text>
        <Space>
          {task.status === 'open' && (
            <Button icon={<ForwardOutlined />} loading={skip.isPending} disabled={busy} onClick={() => skip.mutate()}>
              {t('labeling.skip')}
            </Button>
          )}
          <Button
            type="primary"
            icon={<CheckOutlined />}
            loading={submit.isPending}
            disabled={value === undefined || busy}
            onClick={() => value !== undefined && submit.mutate(value)}
          >
            {t('labeling.submitNext')}
          </Button>
        </Space>
      </Flex>
    </Card>
  )
}

/** Why an annotation was refused: the API's reasons about the value, or its message. */
function refusalMessages(error: unknown, t: TFunction): string[] {
  const reasons = error instanceof ApiError ? error.fieldErrors.value : undefined
  return reasons ?? [describeError(error, t)]
}
