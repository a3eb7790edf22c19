import { Alert } from 'antd'

/** Errors of a whole form (not of one field), shown above its fields. */
export function FormErrors({ errors }: { errors: string[] }) {
  if (errors.length === 0) return null
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      message={errors.length === 1 ? errors[0] : <ul style={{ margin: 0, paddingLeft: 16 }}>{errors.map((e) => <li key={e}>{e}</li>)}</ul>}
    />
  )
}
