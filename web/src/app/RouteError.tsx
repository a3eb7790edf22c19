import { Button, Result } from 'antd'
import { useTranslation } from 'react-i18next'
import { useRouteError } from 'react-router'

/** Shown in place of a page that crashed or whose code failed to load (e.g. after a deploy). */
export function RouteError() {
  const { t } = useTranslation()
  const error = useRouteError()
  return (
    <Result
      status="error"
      title={t('errors.pageFailed')}
      subTitle={error instanceof Error ? error.message : undefined}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('common.reload')}
        </Button>
      }
    />
  )
}
