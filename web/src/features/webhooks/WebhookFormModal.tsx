import { useQuery } from '@tanstack/react-query'
import { Form, Input, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import type { WebhookCreated } from '../../api/types'
import { FormModal } from '../../components/FormModal'
import { useApiForm } from '../../hooks/useApiForm'
import { createWebhook, fetchEventTypes, WEBHOOKS_KEY } from './api'

interface WebhookValues {
  name: string
  url: string
  event_types?: string[]
  secret?: string
}

interface WebhookFormModalProps {
  projectId: number
  onClose: () => void
  /** `generated`: the platform made the secret, so it must be shown now. */
  onCreated: (webhook: WebhookCreated, generated: boolean) => void
}

export function WebhookFormModal({ projectId, onClose, onCreated }: WebhookFormModalProps) {
  const { t } = useTranslation()
  const eventTypes = useQuery({ queryKey: [...WEBHOOKS_KEY, 'event-types'], queryFn: fetchEventTypes })
  const { form, onFinish, saving, formErrors } = useApiForm<WebhookValues, WebhookCreated>({
    submit: ({ name, url, event_types, secret }) =>
      createWebhook({ project: projectId, name, url, event_types: event_types ?? [], ...(secret ? { secret } : {}) }),
    onSuccess: (webhook, values) => onCreated(webhook, !values.secret),
  })
  return (
    <FormModal<WebhookValues>
      title={t('webhooks.createTitle')}
      okText={t('common.create')}
      form={form}
      onFinish={onFinish}
      saving={saving}
      formErrors={formErrors}
      onCancel={onClose}
    >
      <Form.Item name="name" label={t('fields.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
        <Input />
      </Form.Item>
      <Form.Item name="url" label={t('webhooks.url')} extra={t('webhooks.urlHelp')} rules={[{ required: true, message: t('validation.required') }]}>
        <Input placeholder="https://example.com/hooks/zhongtai" />
      </Form.Item>
      <Form.Item name="event_types" label={t('webhooks.eventTypes')} extra={t('webhooks.eventTypesHelp')}>
        <Select
          mode="multiple"
          allowClear
          loading={eventTypes.isPending}
          placeholder={t('webhooks.allEvents')}
          options={(eventTypes.data ?? []).map((type) => ({ value: type.type, label: type.type, title: type.description }))}
        />
      </Form.Item>
      <Form.Item name="secret" label={t('webhooks.secret')} extra={t('webhooks.secretHelp')}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  )
}
