import { fireEvent, screen } from '@testing-library/react'
import { useState } from 'react'
import { renderWithProviders } from '../../test/renderPortal'
import { SpanEditor } from './SpanEditor'
import type { TextSpan } from './spans'

const TEXT = 'Ada Lovelace met 李雷 in London'

/** The editor with its spans kept in state, reporting each change. */
function Harness({ onChange, initial = [] }: { onChange: (spans: TextSpan[]) => void; initial?: TextSpan[] }) {
  const [spans, setSpans] = useState(initial)
  return (
    <SpanEditor
      text={TEXT}
      labels={['PER', 'LOC']}
      value={spans}
      onChange={(next) => {
        setSpans(next)
        onChange(next)
      }}
    />
  )
}

/** Selects characters [start, end) of the text node inside the `index`-th run of the text. */
function selectInRun(index: number, start: number, end: number) {
  const run = screen.getByTestId('span-text').children[index]!.firstChild!
  const range = document.createRange()
  range.setStart(run, start)
  range.setEnd(run, end)
  const selection = window.getSelection()!
  selection.removeAllRanges()
  selection.addRange(range)
  fireEvent.mouseUp(screen.getByTestId('span-text'))
}

describe('SpanEditor', () => {
  it('marks the selected words with the chosen label and highlights them', async () => {
    const onChange = vi.fn()
    const { user } = renderWithProviders(<Harness onChange={onChange} />)

    selectInRun(0, 0, 12)
    expect(onChange).toHaveBeenLastCalledWith([{ start: 0, end: 12, label: 'PER' }])

    await user.click(screen.getByRole('radio', { name: 'LOC' }))
    // The text is now two runs: "Ada Lovelace" and " met 李雷 in London".
    selectInRun(1, 11, 17)
    expect(onChange).toHaveBeenLastCalledWith([
      { start: 0, end: 12, label: 'PER' },
      { start: 23, end: 29, label: 'LOC' },
    ])
    const marks = screen.getByTestId('span-text').querySelectorAll('mark')
    expect([...marks].map((mark) => [mark.textContent, mark.dataset.label])).toEqual([
      ['Ada Lovelace', 'PER'],
      ['London', 'LOC'],
    ])
    expect(screen.getByTestId('span-text')).toHaveTextContent(TEXT)
    expect(window.getSelection()?.rangeCount).toBe(0)
  })

  it('removes a span from the list', async () => {
    const onChange = vi.fn()
    const { user } = renderWithProviders(<Harness onChange={onChange} initial={[{ start: 17, end: 19, label: 'PER' }]} />)

    expect(screen.getByTestId('span-text').querySelector('mark')).toHaveTextContent('李雷')
    await user.click(screen.getByRole('button', { name: 'Remove the span “李雷”' }))

    expect(onChange).toHaveBeenLastCalledWith([])
    expect(screen.getByTestId('span-text').querySelector('mark')).toBeNull()
    expect(screen.getByText('No spans marked yet.')).toBeInTheDocument()
  })
})
