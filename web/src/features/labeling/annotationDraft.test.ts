import { doneLabelTask, labelTask } from '../../test/dataToolFixtures'
import { draftOf, draftValue, taskText } from './annotationDraft'

const annotated = (value: unknown) => ({ ...labelTask, annotations: [{ ...doneLabelTask.annotations[0]!, value }] })

describe('draftOf', () => {
  it('starts a classification from the latest label, or from none', () => {
    expect(draftOf('classification', doneLabelTask)).toEqual({ kind: 'classification', label: 'negative' })
    expect(draftOf('classification', labelTask)).toEqual({ kind: 'classification', label: undefined })
  })

  it('keeps only the span fields the API takes back (stored spans carry their text)', () => {
    const stored = [{ start: 0, end: 5, label: 'PER', text: 'Great' }]
    expect(draftOf('text_spans', annotated(stored))).toEqual({ kind: 'text_spans', spans: [{ start: 0, end: 5, label: 'PER' }] })
  })

  it('starts boxes from the latest annotation, or empty', () => {
    const box = { x: 0.1, y: 0.2, width: 0.3, height: 0.4, label: 'cat' }
    expect(draftOf('bounding_boxes', annotated([box]))).toEqual({ kind: 'bounding_boxes', boxes: [box] })
    expect(draftOf('bounding_boxes', labelTask)).toEqual({ kind: 'bounding_boxes', boxes: [] })
  })
})

describe('draftValue', () => {
  it('has nothing to submit until a label is chosen; no spans or boxes is an answer', () => {
    expect(draftValue({ kind: 'classification' })).toBeUndefined()
    expect(draftValue({ kind: 'classification', label: 'positive' })).toBe('positive')
    expect(draftValue({ kind: 'text_spans', spans: [] })).toEqual([])
    expect(draftValue({ kind: 'bounding_boxes', boxes: [] })).toEqual([])
  })
})

describe('taskText', () => {
  it('reads the text column of the task’s row', () => {
    expect(taskText({ text_column: 'name' }, labelTask)).toBe('Great phone, 很好用')
    expect(taskText({ text_column: '' }, labelTask)).toBe('')
    expect(taskText({ text_column: 'missing' }, labelTask)).toBe('')
  })
})
