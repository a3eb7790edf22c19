import { Button, DatePicker, Form, Input, Select } from 'antd'
import type { Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { AUDIT_ACTIONS, type AuditAction, type Project } from '../../api/types'
import { KNOWN_OBJECT_TYPES, objectTypeLabel } from './objectTypes'

export interface AuditFilterValues {
  action?: AuditAction[]
  actor?: string
  object_type?: string
  project?: number
  search?: string
  period?: [Dayjs | null, Dayjs | null] | null
}

interface AuditFiltersProps {
  projects: Project[]
  onChange: (values: AuditFilterValues) => void
}

/** The audit log's filters; applied on submit, cleared with Reset. */
export function AuditFilters({ projects, onChange }: AuditFiltersProps) {
  const { t } = useTranslation()
  const [form] = Form.useForm<AuditFilterValues>()
  return (
    <Form<AuditFilterValues>
      form={form}
      layout="inline"
      onFinish={onChange}
      style={{ marginBottom: 16, rowGap: 8 }}
      aria-label={t('audit.filters')}
    >
      <Form.Item name="action">
        <Select
          mode="multiple"
          allowClear
          placeholder={t('audit.action')}
          aria-label={t('audit.action')}
          style={{ minWidth: 180 }}
          options={AUDIT_ACTIONS.map((action) => ({ value: action, label: t(`audit.actions.${action}`) }))}
        />
      </Form.Item>
      <Form.Item name="actor" rules={[{ type: 'email', message: t('validation.email') }]}>
        <Input allowClear placeholder={t('audit.actorEmail')} aria-label={t('audit.actorEmail')} />
      </Form.Item>
      <Form.Item name="object_type">
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('audit.objectType')}
          aria-label={t('audit.objectType')}
          style={{ minWidth: 180 }}
          options={KNOWN_OBJECT_TYPES.map((type) => ({ value: type, label: objectTypeLabel(type, t) }))}
        />
      </Form.Item>
      <Form.Item name="project">
        <Select
          allowClear
          placeholder={t('audit.project')}
          aria-label={t('audit.project')}
          style={{ minWidth: 160 }}
          options={projects.map((project) => ({ value: project.id, label: project.name }))}
        />
      </Form.Item>
      <Form.Item name="search">
        <Input allowClear placeholder={t('audit.searchObject')} aria-label={t('audit.searchObject')} />
      </Form.Item>
      <Form.Item name="period">
        <DatePicker.RangePicker allowEmpty={[true, true]} aria-label={t('audit.period')} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit">
          {t('audit.applyFilters')}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.resetFields()
            onChange({})
          }}
        >
          {t('common.reset')}
        </Button>
      </Form.Item>
    </Form>
  )
}
