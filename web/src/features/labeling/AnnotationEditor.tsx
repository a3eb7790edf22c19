import { useTranslation } from 'react-i18next'
import type { LabelingProject, LabelTask } from '../../api/types'
import { taskText, type AnnotationDraft } from './annotationDraft'
import { BoxEditor } from './BoxEditor'
import { LabelChoice } from './LabelChoice'
import { SpanEditor } from './SpanEditor'

interface AnnotationEditorProps {
  project: LabelingProject
  task: LabelTask
  draft: AnnotationDraft
  onChange: (draft: AnnotationDraft) => void
}

/** The editor of the project's kind: choose a label, mark text spans, or draw boxes. */
export function AnnotationEditor({ project, task, draft, onChange }: AnnotationEditorProps) {
  const { t } = useTranslation()
  switch (draft.kind) {
    case 'classification':
      return <LabelChoice name={t('labeling.label')} labels={project.labels} value={draft.label} onChange={(label) => onChange({ ...draft, label })} />
    case 'text_spans':
      return <SpanEditor text={taskText(project, task)} labels={project.labels} value={draft.spans} onChange={(spans) => onChange({ ...draft, spans })} />
    case 'bounding_boxes':
      return (
        <BoxEditor
          imageUrl={task.item_url ?? ''}
          imageName={task.item_ref}
          labels={project.labels}
          value={draft.boxes}
          onChange={(boxes) => onChange({ ...draft, boxes })}
        />
      )
  }
}
