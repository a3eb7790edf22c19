import type { LabelingProject, LabelKind, LabelTask } from '../../api/types'
import type { Box } from './boxes'
import type { TextSpan } from './spans'

/** An annotation being made, by the project's kind. */
export type AnnotationDraft =
  | { kind: 'classification'; label?: string }
  | { kind: 'text_spans'; spans: TextSpan[] }
  | { kind: 'bounding_boxes'; boxes: Box[] }

/** What the API takes as an annotation's value: a label, spans or boxes. */
export type AnnotationValue = string | TextSpan[] | Box[]

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null
const records = (value: unknown) => (Array.isArray(value) ? value.filter(isRecord) : [])

/**
 * The draft an editor starts from: the task's latest annotation (its answer), or an empty one.
 * Only the fields the API takes back are kept (stored spans also carry their text).
 */
export function draftOf(kind: LabelKind, task: LabelTask): AnnotationDraft {
  const latest = task.annotations.at(-1)?.value
  switch (kind) {
    case 'classification':
      return { kind, label: typeof latest === 'string' ? latest : undefined }
    case 'text_spans':
      return { kind, spans: records(latest).map(({ start, end, label }) => ({ start: Number(start), end: Number(end), label: String(label) })) }
    case 'bounding_boxes':
      return {
        kind,
        boxes: records(latest).map(({ x, y, width, height, label }) => ({
          x: Number(x),
          y: Number(y),
          width: Number(width),
          height: Number(height),
          label: String(label),
        })),
      }
  }
}

/** The value to submit; undefined while a classification has no label (no spans or boxes is an answer). */
export function draftValue(draft: AnnotationDraft): AnnotationValue | undefined {
  switch (draft.kind) {
    case 'classification':
      return draft.label
    case 'text_spans':
      return draft.spans
    case 'bounding_boxes':
      return draft.boxes
  }
}

/** The task's text to label: its row's value in the project's text column. */
export function taskText(project: Pick<LabelingProject, 'text_column'>, task: Pick<LabelTask, 'data'>): string {
  const value = isRecord(task.data) && project.text_column ? task.data[project.text_column] : undefined
  return value === null || value === undefined ? '' : String(value)
}
