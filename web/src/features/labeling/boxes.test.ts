import { boxFromDrag, boxStyle, dragRect, pointIn } from './boxes'

const rect = { left: 100, top: 50, width: 400, height: 200 }

describe('pointIn', () => {
  it('gives fractions of the element’s size from its top-left corner', () => {
    expect(pointIn(rect, 200, 100)).toEqual({ x: 0.25, y: 0.25 })
  })

  it('keeps points dragged outside the element on its edge', () => {
    expect(pointIn(rect, 0, 400)).toEqual({ x: 0, y: 1 })
  })
})

describe('boxFromDrag', () => {
  it('makes the same box whichever way the drag went', () => {
    const box = { x: 0.1, y: 0.2, width: 0.3, height: 0.4, label: 'cat' }
    expect(boxFromDrag({ x: 0.1, y: 0.2 }, { x: 0.4, y: 0.6 }, 'cat')).toEqual(box)
    expect(boxFromDrag({ x: 0.4, y: 0.6 }, { x: 0.1, y: 0.2 }, 'cat')).toEqual(box)
    expect(boxFromDrag({ x: 0.1, y: 0.6 }, { x: 0.4, y: 0.2 }, 'cat')).toEqual(box)
  })

  it('treats a click or a thin drag as no box', () => {
    expect(boxFromDrag({ x: 0.5, y: 0.5 }, { x: 0.5, y: 0.5 }, 'cat')).toBeUndefined()
    expect(boxFromDrag({ x: 0.5, y: 0.1 }, { x: 0.505, y: 0.9 }, 'cat')).toBeUndefined()
  })

  it('rounds to 1/10,000 and stays within the image, as the API requires', () => {
    const box = boxFromDrag({ x: 1 / 3, y: 0 }, { x: 1, y: 2 / 3 }, 'dog')!
    expect(box).toEqual({ x: 0.3333, y: 0, width: 0.6667, height: 0.6667, label: 'dog' })
    expect(box.x + box.width).toBeLessThanOrEqual(1 + 1e-9)
  })
})

describe('dragRect and boxStyle', () => {
  it('place a rectangle over the image in percentages', () => {
    expect(boxStyle(dragRect({ x: 0.5, y: 0.25 }, { x: 0.25, y: 0.75 }))).toEqual({ left: '25%', top: '25%', width: '25%', height: '50%' })
  })
})
