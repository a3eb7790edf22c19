import { Descriptions, Typography } from 'antd'
import type { LabelingProject, LabelTask } from '../../api/types'
import { CellValue } from '../datasets/CellValue'
import { taskText } from './annotationDraft'

/**
 * What the task shows besides its editor: the image to classify, the text to classify, and the
 * row's other values. Text to mark and images to draw on are shown by their editors.
 */
export function TaskData({ project, task }: { project: LabelingProject; task: LabelTask }) {
  if (task.item_url) {
    return project.kind === 'classification' ? <img src={task.item_url} alt={task.item_ref} style={{ maxWidth: '100%', maxHeight: '60vh' }} /> : null
  }
  const row = typeof task.data === 'object' && task.data !== null ? Object.entries(task.data) : []
  const others = row.filter(([name]) => name !== project.text_column)
  return (
    <>
      {project.kind === 'classification' && project.text_column && (
        <Typography.Paragraph style={{ fontSize: 16, whiteSpace: 'pre-wrap' }}>{taskText(project, task)}</Typography.Paragraph>
      )}
      {others.length > 0 && (
        <Descriptions
          size="small"
          bordered
          column={1}
          items={others.map(([name, value]) => ({ key: name, label: name, children: <CellValue value={value} /> }))}
        />
      )}
    </>
  )
}
