import { KeyOutlined } from '@ant-design/icons'
import { Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { AuditEvent } from '../../api/types'

/** Who acted: a person's email, plus the API key's prefix when they used one. */
export function ActorCell({ event }: { event: Pick<AuditEvent, 'actor' | 'actor_api_key'> }) {
  const { t } = useTranslation()
  return (
    <Space size={4} wrap>
      <span>{event.actor ?? t('audit.system')}</span>
      {event.actor_api_key && (
        <Typography.Text type="secondary" code>
          <KeyOutlined /> {event.actor_api_key}
        </Typography.Text>
      )}
    </Space>
  )
}
