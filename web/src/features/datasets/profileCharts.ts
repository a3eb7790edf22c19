import type { ColumnProfile } from '../../api/types'
import type { ChartOption } from '../../components/Chart'

const BAR_COLOR = '#1677ff'

/** A short label for a bin edge: 12.5, 1.2k, 3.4M. */
function formatEdge(value: number): string {
  return Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 2 }).format(value)
}

/** The chart of a column's profile: a histogram of a numeric column, the top values of others, or none. */
export function columnChartOption(column: ColumnProfile, countLabel: string): ChartOption | undefined {
  if (column.histogram) {
    const { bins, counts } = column.histogram
    const labels = counts.map((_, index) => `${formatEdge(bins[index] ?? 0)}–${formatEdge(bins[index + 1] ?? 0)}`)
    return barOption(labels, counts, countLabel)
  }
  if (column.top_values?.length) {
    const values = [...column.top_values].reverse()
    return {
      ...barOption(values.map(({ value }) => String(value)), values.map(({ count }) => count), countLabel),
      grid: { left: 8, right: 16, top: 8, bottom: 8 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: values.map(({ value }) => String(value)), axisLabel: { width: 120, overflow: 'truncate' } },
    }
  }
  return undefined
}

function barOption(labels: string[], counts: number[], countLabel: string): ChartOption {
  return {
    grid: { left: 8, right: 8, top: 8, bottom: 8 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: labels, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', name: countLabel, data: counts, itemStyle: { color: BAR_COLOR }, barCategoryGap: '10%' }],
  }
}
