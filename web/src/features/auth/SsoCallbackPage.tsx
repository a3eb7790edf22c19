import { useQuery } from '@tanstack/react-query'
import { Button, Result, Spin } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useNavigate } from 'react-router'
import { describeError } from '../../api/describeError'
import type { OidcConfig } from '../../api/types'
import { fetchAuthConfig } from './api'
import { AuthCard } from './AuthCard'
import { useAuth } from './AuthProvider'
import { completeSsoLogin, SsoLoginError } from './oidc'
import { safeNextPath } from './redirects'

/** Where the identity provider sends the browser back to after an SSO login. */
export default function SsoCallbackPage() {
  const { t } = useTranslation()
  const authConfig = useQuery({ queryKey: ['auth-config'], queryFn: fetchAuthConfig, staleTime: Infinity })
  if (authConfig.isPending) return <Completing />
  if (authConfig.isError) return <SsoFailed detail={describeError(authConfig.error, t)} />
  if (!authConfig.data.oidc.enabled) return <SsoFailed detail={t('sso.disabled')} />
  return <CompleteSsoLogin config={authConfig.data.oidc} />
}

function CompleteSsoLogin({ config }: { config: OidcConfig }) {
  const { t } = useTranslation()
  const { signIn } = useAuth()
  const navigate = useNavigate()
  const { search } = useLocation()
  // A query (not an effect) so the one-time code is redeemed exactly once, even under StrictMode.
  const login = useQuery({
    queryKey: ['sso-callback', search],
    queryFn: () => completeSsoLogin(new URLSearchParams(search), config),
    retry: false,
    staleTime: Infinity,
    gcTime: Infinity,
  })

  useEffect(() => {
    if (!login.data) return
    signIn(login.data.tokens)
    navigate(safeNextPath(login.data.next), { replace: true })
  }, [login.data, signIn, navigate])

  if (login.isError) {
    const error = login.error
    return <SsoFailed detail={error instanceof SsoLoginError ? t(`sso.failures.${error.reason}`) : describeError(error, t)} />
  }
  return <Completing />
}

function Completing() {
  const { t } = useTranslation()
  return (
    <AuthCard>
      <Spin tip={t('sso.completing')}>
        <div style={{ height: 80 }} />
      </Spin>
    </AuthCard>
  )
}

function SsoFailed({ detail }: { detail: string }) {
  const { t } = useTranslation()
  return (
    <AuthCard>
      <Result
        status="error"
        title={t('sso.failed')}
        subTitle={detail}
        extra={
          <Link to="/login">
            <Button type="primary">{t('sso.backToLogin')}</Button>
          </Link>
        }
      />
    </AuthCard>
  )
}
