import { Alert, Typography } from 'antd'
import { useTranslation } from 'react-i18next'

/** A secret shown once (API keys, tokens) with a copy button and a warning to store it now. */
export function CopyableSecret({ secret }: { secret: string }) {
  const { t } = useTranslation()
  return (
    <>
      <Alert type="warning" showIcon message={t('secret.shownOnce')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph
        code
        copyable={{ text: secret, tooltips: [t('secret.copy'), t('secret.copied')] }}
        data-testid="secret-value"
        style={{ wordBreak: 'break-all', fontSize: 15 }}
      >
        {secret}
      </Typography.Paragraph>
    </>
  )
}
