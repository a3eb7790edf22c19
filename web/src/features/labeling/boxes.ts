/**
 * Bounding boxes as the API takes them: fractions (0..1) of the image's width and height from
 * its top-left corner, so they do not depend on the size the image is shown at.
 */
export interface Box {
  x: number
  y: number
  width: number
  height: number
  label: string
}

/** A point on the image, as fractions of its width and height. */
export interface Point {
  x: number
  y: number
}

/** Drags shorter than this (in either direction) are clicks, not boxes. */
export const MIN_BOX_SIZE = 0.01
const PRECISION = 10_000

const clamp = (value: number) => Math.min(1, Math.max(0, value))
const round = (value: number) => Math.round(value * PRECISION) / PRECISION

/** Where a pointer at (clientX, clientY) is on an element with this bounding rectangle, kept inside it. */
export function pointIn(rect: Pick<DOMRect, 'left' | 'top' | 'width' | 'height'>, clientX: number, clientY: number): Point {
  return { x: clamp((clientX - rect.left) / rect.width), y: clamp((clientY - rect.top) / rect.height) }
}

/** The rectangle between two points, whichever way the pointer went, rounded to 1/10,000. */
export function dragRect(from: Point, to: Point): Omit<Box, 'label'> {
  const [left, right] = [round(Math.min(from.x, to.x)), round(Math.max(from.x, to.x))]
  const [top, bottom] = [round(Math.min(from.y, to.y)), round(Math.max(from.y, to.y))]
  return { x: left, y: top, width: round(right - left), height: round(bottom - top) }
}

/** The box dragged between two points; undefined when the drag was too short to be meant. */
export function boxFromDrag(from: Point, to: Point, label: string): Box | undefined {
  const rect = dragRect(from, to)
  return rect.width < MIN_BOX_SIZE || rect.height < MIN_BOX_SIZE ? undefined : { ...rect, label }
}

/** CSS placing a box over the image it was drawn on. */
export function boxStyle(box: Omit<Box, 'label'>) {
  const percent = (value: number) => `${value * 100}%`
  return { left: percent(box.x), top: percent(box.y), width: percent(box.width), height: percent(box.height) }
}
