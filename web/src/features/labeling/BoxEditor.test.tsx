import { fireEvent, screen, within } from '@testing-library/react'
import { useState } from 'react'
import { renderWithProviders } from '../../test/renderPortal'
import type { Box } from './boxes'
import { BoxEditor } from './BoxEditor'

function Harness({ onChange, initial = [] }: { onChange: (boxes: Box[]) => void; initial?: Box[] }) {
  const [boxes, setBoxes] = useState(initial)
  return (
    <BoxEditor
      imageUrl="/storage/cat.png?token=x"
      imageName="images/cat.png"
      labels={['cat', 'dog']}
      value={boxes}
      onChange={(next) => {
        setBoxes(next)
        onChange(next)
      }}
    />
  )
}

/** The drawing surface, 400×200 px at (100, 50) on the page. */
function surface() {
  const element = screen.getByTestId('box-surface')
  element.getBoundingClientRect = () => ({ left: 100, top: 50, width: 400, height: 200, right: 500, bottom: 250, x: 100, y: 50, toJSON: () => ({}) })
  return element
}

function drag(element: HTMLElement, from: [number, number], to: [number, number]) {
  fireEvent.mouseDown(element, { button: 0, clientX: from[0], clientY: from[1] })
  fireEvent.mouseMove(element, { clientX: (from[0] + to[0]) / 2, clientY: (from[1] + to[1]) / 2 })
  fireEvent.mouseMove(element, { clientX: to[0], clientY: to[1] })
  fireEvent.mouseUp(element, { clientX: to[0], clientY: to[1] })
}

describe('BoxEditor', () => {
  it('draws a box with the chosen label by dragging over the image', async () => {
    const onChange = vi.fn()
    const { user } = renderWithProviders(<Harness onChange={onChange} />)
    expect(screen.getByRole('img', { name: 'images/cat.png' })).toHaveAttribute('src', '/storage/cat.png?token=x')

    await user.click(screen.getByRole('radio', { name: 'dog' }))
    drag(surface(), [300, 200], [200, 100])

    expect(onChange).toHaveBeenLastCalledWith([{ x: 0.25, y: 0.25, width: 0.25, height: 0.5, label: 'dog' }])
    const drawn = surface().querySelector('.zt-box')! as HTMLElement
    expect(drawn).toHaveTextContent('dog')
    expect(drawn.style.left).toBe('25%')
    expect(drawn.style.height).toBe('50%')
  })

  it('shows the box being drawn, and ignores a click', () => {
    const onChange = vi.fn()
    renderWithProviders(<Harness onChange={onChange} />)
    const element = surface()

    fireEvent.mouseDown(element, { button: 0, clientX: 150, clientY: 60 })
    fireEvent.mouseMove(element, { clientX: 350, clientY: 160 })
    expect(element.querySelector('.zt-box-draft')).toBeInTheDocument()
    fireEvent.mouseLeave(element)
    expect(onChange).toHaveBeenLastCalledWith([{ x: 0.125, y: 0.05, width: 0.5, height: 0.5, label: 'cat' }])

    fireEvent.mouseDown(element, { button: 0, clientX: 200, clientY: 100 })
    fireEvent.mouseUp(element, { clientX: 200, clientY: 100 })
    expect(onChange).toHaveBeenCalledTimes(1)
    expect(element.querySelector('.zt-box-draft')).toBeNull()
  })

  it('relabels and removes boxes from the list', async () => {
    const onChange = vi.fn()
    const box = { x: 0.1, y: 0.1, width: 0.2, height: 0.2, label: 'cat' }
    const { user } = renderWithProviders(<Harness onChange={onChange} initial={[box, { ...box, x: 0.5 }]} />)

    await user.click(screen.getByRole('combobox', { name: 'Label of box 2' }))
    await user.click(within(document.querySelector('.ant-select-dropdown')! as HTMLElement).getByTitle('dog'))
    expect(onChange).toHaveBeenLastCalledWith([box, { ...box, x: 0.5, label: 'dog' }])

    await user.click(screen.getByRole('button', { name: 'Remove box 1' }))
    expect(onChange).toHaveBeenLastCalledWith([{ ...box, x: 0.5, label: 'dog' }])
    expect(surface().querySelectorAll('.zt-box')).toHaveLength(1)
  })
})
