import { Button } from 'antd'
import type { ReactNode } from 'react'

/** A form's submit button: shows a spinner and refuses clicks while saving. */
export function SubmitButton({ saving, children, block }: { saving: boolean; children: ReactNode; block?: boolean }) {
  return (
    <Button type="primary" htmlType="submit" loading={saving} disabled={saving} block={block}>
      {children}
    </Button>
  )
}
