import { useQueryClient } from '@tanstack/react-query'
import { App, Form, Input, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { SOURCE_KINDS, type DataSource, type Project, type SourceKind } from '../../api/types'
import { FormModal } from '../../components/FormModal'
import { NameField } from '../../components/NameField'
import { useApiForm } from '../../hooks/useApiForm'
import { createSource, SOURCES_KEY, updateSource } from './api'
import { SourceSettingsFields } from './SourceSettingsFields'
import { placeSourceError, settingsOf, toSourceConfig, type SourceSettings } from './sourceSettings'

interface SourceFormValues {
  kind: SourceKind
  name: string
  description?: string
  config?: SourceSettings
}

type SourceFormModalProps = { project: Project; onClose: () => void; source?: DataSource }

/** Creates a data source in `project`, or edits `source` (whose kind never changes). */
export function SourceFormModal({ project, source, onClose }: SourceFormModalProps) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const { form, onFinish, saving, formErrors } = useApiForm<SourceFormValues, DataSource>({
    submit: ({ kind, name, description = '', config = {} }) =>
      source
        ? updateSource(source.id, { name, description, config: toSourceConfig(source.kind, config) })
        : createSource({ project: project.id, kind, name, description, config: toSourceConfig(kind, config) }),
    placeError: placeSourceError,
    onSuccess: async (saved) => {
      void message.success(t(source ? 'sources.updated' : 'sources.created', { name: saved.name }))
      await queryClient.invalidateQueries({ queryKey: SOURCES_KEY })
      onClose()
    },
  })
  const kind = Form.useWatch('kind', form) ?? source?.kind ?? 'postgresql'

  return (
    <FormModal<SourceFormValues>
      title={source ? t('sources.editTitle') : t('sources.createTitle')}
      okText={source ? t('common.save') : t('common.create')}
      form={form}
      onFinish={onFinish}
      saving={saving}
      formErrors={formErrors}
      onCancel={onClose}
      initialValues={
        source
          ? { kind: source.kind, name: source.name, description: source.description, config: settingsOf(source.config) }
          : { kind: 'postgresql', config: {} }
      }
    >
      <Form.Item name="kind" label={t('sources.kind')} extra={source && t('sources.kindFixed')} rules={[{ required: true }]}>
        <Select disabled={source !== undefined} options={SOURCE_KINDS.map((value) => ({ value, label: t(`sources.kinds.${value}`) }))} />
      </Form.Item>
      <NameField />
      <SourceSettingsFields kind={kind} hasStoredSecrets={source?.has_secrets ?? false} />
      <Form.Item name="description" label={t('fields.description')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormModal>
  )
}
