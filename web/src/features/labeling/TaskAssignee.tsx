import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { App, Select, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { describeError } from '../../api/describeError'
import type { LabelTask } from '../../api/types'
import { useCurrentUser } from '../auth/AuthProvider'
import { projectMembersApi } from '../members/api'
import { assignLabelTask, TASKS_KEY } from './api'

interface Person {
  id: number
  email: string
  full_name?: string
}

const personName = (person: Person) => person.full_name || person.email

/** Who may be given tasks: the signed-in user and the project's members who may annotate (not viewers). */
function useAnnotators(projectId: number): Person[] {
  const me = useCurrentUser()
  const members = projectMembersApi(projectId)
  const query = useQuery({
    queryKey: [...members.queryKey, 'annotators'],
    queryFn: () => members.list({ page: 1, page_size: 100 }),
    select: (page) => page.results.filter((member) => member.role !== 'viewer').map((member) => member.user),
  })
  return [me, ...(query.data ?? []).filter((user) => user.id !== me.id)]
}

/** Who the task is assigned to; those who may change tasks pick someone (or nobody) here. */
export function TaskAssignee({ task, canAssign }: { task: LabelTask; canAssign: boolean }) {
  const { t } = useTranslation()
  if (!canAssign) return <Typography.Text>{task.assignee ? personName(task.assignee) : t('labeling.unassigned')}</Typography.Text>
  return <AssigneeSelect task={task} />
}

function AssigneeSelect({ task }: { task: LabelTask }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const annotators = useAnnotators(task.project)
  const people = task.assignee && !annotators.some((person) => person.id === task.assignee?.id) ? [...annotators, task.assignee] : annotators
  const assign = useMutation({
    mutationFn: (assignee: number | null) => assignLabelTask(task.id, assignee),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TASKS_KEY }),
    onError: (error) => void message.error(describeError(error, t)),
  })
  return (
    <Select<number>
      aria-label={t('labeling.assignee')}
      allowClear
      placeholder={t('labeling.unassigned')}
      style={{ minWidth: 220 }}
      loading={assign.isPending}
      disabled={assign.isPending}
      value={task.assignee?.id}
      onChange={(id) => assign.mutate(id ?? null)}
      options={people.map((person) => ({ value: person.id, label: personName(person) }))}
    />
  )
}
