/**
 * Text spans as the API counts them: offsets in Unicode code points of the task's text, start
 * inclusive, end exclusive (data_platform/services/label_values.py). The browser counts UTF-16
 * units, which differ from code points for characters beyond the BMP (emoji, rare CJK).
 */
export interface TextSpan {
  start: number
  end: number
  label: string
}

/** A run of the text, inside one span or outside every span: what the editor renders. */
export interface TextSegment {
  text: string
  /** Code-point offset of the run's first character. */
  start: number
  span?: TextSpan
}

/** How many code points the first `utf16Index` UTF-16 units of `text` hold. */
export function codePointOffset(text: string, utf16Index: number): number {
  return Array.from(text.slice(0, utf16Index)).length
}

/** Adds a span; spans it overlaps are replaced, so each character has at most one label. */
export function addSpan(spans: TextSpan[], span: TextSpan): TextSpan[] {
  const others = spans.filter((other) => other.end <= span.start || other.start >= span.end)
  return [...others, span].sort((a, b) => a.start - b.start)
}

/** The text cut into runs at the spans' edges (spans must not overlap, as addSpan keeps them). */
export function segments(text: string, spans: TextSpan[]): TextSegment[] {
  const chars = Array.from(text)
  const runs: TextSegment[] = []
  let position = 0
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start > position) runs.push({ text: chars.slice(position, span.start).join(''), start: position })
    runs.push({ text: chars.slice(span.start, span.end).join(''), start: span.start, span })
    position = span.end
  }
  if (position < chars.length) runs.push({ text: chars.slice(position).join(''), start: position })
  return runs
}

/**
 * The code-point range [start, end) that `range` selects in the text of `container`, without the
 * whitespace at its edges; undefined when it selects nothing or reaches outside the container.
 * The container's text content must be the task's text, unchanged.
 */
export function selectedOffsets(container: Node, range: Range): { start: number; end: number } | undefined {
  if (range.collapsed || !container.contains(range.startContainer) || !container.contains(range.endContainer)) return undefined
  const text = container.textContent ?? ''
  const offsetOf = (node: Node, offset: number) => {
    const before = document.createRange()
    before.setStart(container, 0)
    before.setEnd(node, offset)
    return codePointOffset(text, before.toString().length)
  }
  const chars = Array.from(text)
  let start = offsetOf(range.startContainer, range.startOffset)
  let end = offsetOf(range.endContainer, range.endOffset)
  while (start < end && /\s/.test(chars[start]!)) start += 1
  while (end > start && /\s/.test(chars[end - 1]!)) end -= 1
  return start < end ? { start, end } : undefined
}
