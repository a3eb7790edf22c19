import { Checkbox, DatePicker, Form, Input, Select } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { API_KEY_SCOPES, type ApiKeyCreated, type ApiKeyScope } from '../../api/types'
import { FormModal } from '../../components/FormModal'
import { useApiForm } from '../../hooks/useApiForm'
import { useWorkspace } from '../workspace/WorkspaceProvider'
import { createApiKey } from './api'

interface CreateApiKeyValues {
  name: string
  scopes: ApiKeyScope[]
  expires_at?: Dayjs | null
  project?: number
}

export function CreateApiKeyModal({ onClose, onCreated }: { onClose: () => void; onCreated: (key: ApiKeyCreated) => void }) {
  const { t } = useTranslation()
  const { projects } = useWorkspace()
  const { form, onFinish, saving, formErrors } = useApiForm<CreateApiKeyValues, ApiKeyCreated>({
    submit: ({ name, scopes, expires_at, project }) =>
      createApiKey({
        name,
        scopes,
        expires_at: expires_at ? expires_at.endOf('day').toISOString() : null,
        ...(project ? { project } : {}),
      }),
    onSuccess: onCreated,
  })
  return (
    <FormModal<CreateApiKeyValues>
      title={t('apiKeys.createTitle')}
      okText={t('common.create')}
      form={form}
      onFinish={onFinish}
      saving={saving}
      formErrors={formErrors}
      onCancel={onClose}
      initialValues={{ scopes: ['read'] }}
    >
      <Form.Item
        name="name"
        label={t('fields.name')}
        extra={t('apiKeys.nameHelp')}
        rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
      >
        <Input />
      </Form.Item>
      <Form.Item
        name="scopes"
        label={t('apiKeys.scopes')}
        rules={[{ required: true, type: 'array', min: 1, message: t('apiKeys.scopeRequired') }]}
      >
        <Checkbox.Group
          options={API_KEY_SCOPES.map((scope) => ({ value: scope, label: t(`apiKeys.scopeLabels.${scope}`) }))}
        />
      </Form.Item>
      <Form.Item name="project" label={t('apiKeys.project')} extra={t('apiKeys.projectHelp')}>
        <Select
          allowClear
          placeholder={t('apiKeys.anyProject')}
          options={projects.map((project) => ({ value: project.id, label: project.name }))}
        />
      </Form.Item>
      <Form.Item name="expires_at" label={t('apiKeys.expiresAt')} extra={t('apiKeys.expiresHelp')}>
        <DatePicker disabledDate={(day) => day.isBefore(dayjs(), 'day')} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  )
}
