import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { AuditAction } from '../../api/types'

const ACTION_COLORS: Record<AuditAction, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  revoke: 'volcano',
  login: 'cyan',
  login_failed: 'magenta',
  logout: 'default',
}

export function ActionTag({ action }: { action: AuditAction }) {
  const { t } = useTranslation()
  return <Tag color={ACTION_COLORS[action]}>{t(`audit.actions.${action}`)}</Tag>
}
