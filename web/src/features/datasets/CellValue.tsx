import { Typography } from 'antd'

/** A value of a data row as text: JSON for nested values; null stays visibly null. */
export function CellValue({ value }: { value: unknown }) {
  if (value === null || value === undefined) {
    return (
      <Typography.Text type="secondary" italic>
        null
      </Typography.Text>
    )
  }
  return <>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</>
}
