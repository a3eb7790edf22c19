import { Progress } from 'antd'
import type { LabelingProject } from '../../api/types'

/** Done tasks out of all of them, as a bar reading "done/total". */
export function LabelingProgress({ project }: { project: Pick<LabelingProject, 'done_count' | 'task_count'> }) {
  const { done_count: done, task_count: total } = project
  return (
    <Progress
      size="small"
      style={{ minWidth: 160, margin: 0 }}
      percent={total ? Math.floor((done / total) * 100) : 0}
      format={() => `${done}/${total}`}
      status={total > 0 && done === total ? 'success' : 'normal'}
    />
  )
}
