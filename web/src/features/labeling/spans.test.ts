import { addSpan, codePointOffset, segments, selectedOffsets } from './spans'

describe('codePointOffset', () => {
  it('counts characters beyond the BMP once, as the API does', () => {
    const text = 'a😀b'
    expect(text.indexOf('b')).toBe(3)
    expect(codePointOffset(text, 3)).toBe(2)
    expect(codePointOffset('你好世界', 2)).toBe(2)
  })
})

describe('addSpan', () => {
  it('keeps spans sorted and replaces the ones a new span overlaps', () => {
    const spans = [
      { start: 0, end: 4, label: 'ORG' },
      { start: 10, end: 14, label: 'LOC' },
    ]
    expect(addSpan(spans, { start: 5, end: 8, label: 'PER' }).map((span) => span.start)).toEqual([0, 5, 10])
    expect(addSpan(spans, { start: 3, end: 11, label: 'PER' })).toEqual([{ start: 3, end: 11, label: 'PER' }])
    expect(addSpan(spans, { start: 4, end: 10, label: 'PER' })).toHaveLength(3)
  })
})

describe('segments', () => {
  it('cuts the text at the spans’ edges, in code points', () => {
    expect(segments('😀 Ada met 李雷', [{ start: 2, end: 5, label: 'PER' }, { start: 10, end: 12, label: 'PER' }])).toEqual([
      { text: '😀 ', start: 0 },
      { text: 'Ada', start: 2, span: { start: 2, end: 5, label: 'PER' } },
      { text: ' met ', start: 5 },
      { text: '李雷', start: 10, span: { start: 10, end: 12, label: 'PER' } },
    ])
  })

  it('is the whole text when nothing is marked', () => {
    expect(segments('plain', [])).toEqual([{ text: 'plain', start: 0 }])
  })
})

describe('selectedOffsets', () => {
  /** A container rendered like the editor: one element per segment. */
  function render(parts: string[]) {
    const container = document.createElement('div')
    for (const part of parts) container.appendChild(document.createElement('span')).textContent = part
    document.body.appendChild(container)
    return container
  }
  const textOf = (container: HTMLElement, index: number) => container.children[index]!.firstChild!

  it('finds a selection that crosses segments, counting code points', () => {
    const container = render(['😀 Ada ', 'met', ' 李雷 today'])
    const range = document.createRange()
    range.setStart(textOf(container, 0), 3) // after "😀 " (the emoji is two UTF-16 units)
    range.setEnd(textOf(container, 2), 3) // after " 李雷"
    expect(selectedOffsets(container, range)).toEqual({ start: 2, end: 12 })
  })

  it('leaves out the whitespace at the selection’s edges', () => {
    const container = render(['one  two  three'])
    const range = document.createRange()
    range.setStart(textOf(container, 0), 3)
    range.setEnd(textOf(container, 0), 10)
    expect(selectedOffsets(container, range)).toEqual({ start: 5, end: 8 })
  })

  it('ignores empty selections and selections outside the text', () => {
    const container = render(['text'])
    const outside = document.body.appendChild(document.createElement('p'))
    outside.textContent = 'elsewhere'
    const empty = document.createRange()
    empty.setStart(textOf(container, 0), 2)
    expect(selectedOffsets(container, empty)).toBeUndefined()
    const spaces = render(['a   b'])
    const blank = document.createRange()
    blank.setStart(textOf(spaces, 0), 1)
    blank.setEnd(textOf(spaces, 0), 4)
    expect(selectedOffsets(spaces, blank)).toBeUndefined()
    const leaving = document.createRange()
    leaving.setStart(textOf(container, 0), 1)
    leaving.setEnd(outside.firstChild!, 3)
    expect(selectedOffsets(container, leaving)).toBeUndefined()
  })
})
