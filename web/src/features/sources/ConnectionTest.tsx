import { ApiOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App, Button, Space, Tooltip, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { describeError } from '../../api/describeError'
import type { DataSource } from '../../api/types'
import { formatDateTime } from '../../components/format'
import { StatusTag } from '../../components/StatusTag'
import { SOURCES_KEY, testConnection } from './api'

/** Reaches the source; the outcome is kept on it and shown by LastConnectionTest. */
export function TestConnectionButton({ source }: { source: DataSource }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const test = useMutation({
    mutationFn: () => testConnection(source.id),
    onSuccess: async (result) => {
      void (result.ok ? message.success(result.message) : message.error(result.message))
      await queryClient.invalidateQueries({ queryKey: SOURCES_KEY })
    },
    onError: (error) => void message.error(describeError(error, t)),
  })
  return (
    <Button type="link" size="small" icon={<ApiOutlined />} loading={test.isPending} onClick={() => test.mutate()}>
      {t('sources.test')}
    </Button>
  )
}

/** The outcome of the source's last connection test, with the reason it failed; `action` runs a new one. */
export function LastConnectionTest({ source, action }: { source: DataSource; action: ReactNode }) {
  const { t } = useTranslation()
  const tested = source.last_test_ok !== null
  return (
    <Space direction="vertical" size={2} style={{ maxWidth: 360 }}>
      <Space size={4}>
        {tested ? (
          <Tooltip title={formatDateTime(source.last_tested_at)}>
            <span>
              <StatusTag tone={source.last_test_ok ? 'success' : 'error'}>
                {source.last_test_ok ? t('sources.testOk') : t('sources.testFailed')}
              </StatusTag>
            </span>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">{t('sources.neverTested')}</Typography.Text>
        )}
        {action}
      </Space>
      {tested && (
        <Typography.Text type={source.last_test_ok ? 'secondary' : 'danger'} style={{ whiteSpace: 'normal' }}>
          {source.last_test_message}
        </Typography.Text>
      )}
    </Space>
  )
}
