import { Result } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { describeError } from '../api/describeError'

interface LoadFailedProps {
  title: string
  error: unknown
  /** The list page to go back to, and its link text. */
  backTo: string
  backLabel: string
}

/** What a detail page shows when its object could not be loaded: why, and the way back to its list. */
export function LoadFailed({ title, error, backTo, backLabel }: LoadFailedProps) {
  const { t } = useTranslation()
  return <Result status="warning" title={title} subTitle={describeError(error, t)} extra={<Link to={backTo}>{backLabel}</Link>} />
}
