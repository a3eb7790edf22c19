import { Button, Flex, Result, Spin } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate, useLocation } from 'react-router'
import { describeError } from '../../api/describeError'
import { useAuth } from './AuthProvider'
import { loginPathFor } from './redirects'

/** Shows its children only to a signed-in user; sends anyone else to the login page and back. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  const { state } = useAuth()
  const location = useLocation()

  switch (state.status) {
    case 'anonymous':
      return <Navigate to={loginPathFor(location)} replace />
    case 'loading':
      return (
        <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
          <Spin size="large" />
        </Flex>
      )
    case 'error':
      return (
        <Result
          status="warning"
          title={t('errors.profileFailed')}
          subTitle={describeError(state.error, t)}
          extra={<Button onClick={state.retry}>{t('common.retry')}</Button>}
        />
      )
    case 'authenticated':
      return children
  }
}
