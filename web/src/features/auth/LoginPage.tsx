import { LockOutlined, MailOutlined, SafetyCertificateOutlined } from '@ant-design/icons'
import { useMutation, useQuery } from '@tanstack/react-query'
import { Alert, App, Button, Divider, Form, Input } from 'antd'
import { useTranslation } from 'react-i18next'
import { Navigate, useSearchParams } from 'react-router'
import { describeError } from '../../api/describeError'
import type { OidcConfig } from '../../api/types'
import { FormErrors } from '../../components/FormErrors'
import { SubmitButton } from '../../components/SubmitButton'
import { useApiForm } from '../../hooks/useApiForm'
import { fetchAuthConfig, obtainTokens } from './api'
import { AuthCard } from './AuthCard'
import { useAuth } from './AuthProvider'
import { beginSsoLogin } from './oidc'
import { safeNextPath } from './redirects'

interface Credentials {
  email: string
  password: string
}

export default function LoginPage() {
  const { t } = useTranslation()
  const { state, signIn } = useAuth()
  const [searchParams] = useSearchParams()
  const next = safeNextPath(searchParams.get('next'))
  const authConfig = useQuery({ queryKey: ['auth-config'], queryFn: fetchAuthConfig, staleTime: Infinity })
  const { form, onFinish, saving, formErrors } = useApiForm<Credentials, Awaited<ReturnType<typeof obtainTokens>>>({
    submit: obtainTokens,
    onSuccess: signIn,
  })

  if (state.status === 'authenticated') return <Navigate to={next} replace />

  const oidc = authConfig.data?.oidc
  return (
    <AuthCard>
      {state.status === 'anonymous' && state.sessionEnd === 'expired' && (
        <Alert type="info" showIcon message={t('login.sessionExpired')} style={{ marginBottom: 16 }} />
      )}
      <FormErrors errors={formErrors} />
      <Form<Credentials> form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={saving}>
        <Form.Item
          name="email"
          label={t('login.email')}
          rules={[
            { required: true, message: t('validation.required') },
            { type: 'email', message: t('validation.email') },
          ]}
        >
          <Input prefix={<MailOutlined />} autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        <SubmitButton saving={saving || state.status === 'loading'} block>
          {t('login.submit')}
        </SubmitButton>
      </Form>
      {oidc?.enabled && <SsoButton config={oidc} next={next} />}
    </AuthCard>
  )
}

function SsoButton({ config, next }: { config: OidcConfig; next: string }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const redirect = useMutation({
    mutationFn: () => beginSsoLogin(config, next),
    onSuccess: (url) => window.location.assign(url),
    onError: (error) => void message.error(describeError(error, t)),
  })
  return (
    <>
      <Divider plain>{t('login.or')}</Divider>
      <Button block icon={<SafetyCertificateOutlined />} loading={redirect.isPending} onClick={() => redirect.mutate()}>
        {t('login.sso')}
      </Button>
    </>
  )
}
