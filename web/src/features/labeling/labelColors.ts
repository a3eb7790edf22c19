import type { CSSProperties } from 'react'

const PALETTE = ['#1677ff', '#fa541c', '#52c41a', '#722ed1', '#faad14', '#eb2f96', '#13c2c2', '#a0d911', '#2f54eb', '#fa8c16']

/** A label's colour: the same for the same position in the project's label set. */
export function labelColor(labels: string[], label: string): string {
  const index = Math.max(0, labels.indexOf(label))
  return PALETTE[index % PALETTE.length]!
}

/** Sets --zt-label-color, which labeling.css paints spans and boxes with. */
export function labelColorStyle(labels: string[], label: string): CSSProperties {
  return { '--zt-label-color': labelColor(labels, label) } as CSSProperties
}
