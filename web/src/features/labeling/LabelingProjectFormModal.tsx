import { useQueryClient } from '@tanstack/react-query'
import { App, Form, Input, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import type { LabelingProject, LabelKind, Project } from '../../api/types'
import { FormModal } from '../../components/FormModal'
import { NameField } from '../../components/NameField'
import { ReadyVersionSelect, useVersionChoices } from '../../components/ReadyVersionSelect'
import { TagsInput } from '../../components/TagsInput'
import { useApiForm } from '../../hooks/useApiForm'
import { createLabelingProject, LABELING_KEY } from './api'
import { labelKindsFor } from './labelKinds'

interface LabelingProjectValues {
  name: string
  version: number
  kind: LabelKind
  text_column?: string
  labels: string[]
  instructions?: string
}

/** Creates a labeling project over a ready version of `project`; its tasks are then prepared in the background. */
export function LabelingProjectFormModal({ project, onClose }: { project: Project; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const { choices } = useVersionChoices(project.id)
  const { form, onFinish, saving, formErrors } = useApiForm<LabelingProjectValues, LabelingProject>({
    submit: ({ text_column, instructions, ...values }) =>
      createLabelingProject({ ...values, text_column: text_column ?? '', instructions: instructions ?? '' }),
    onSuccess: async (created) => {
      void message.success(t('labeling.created', { name: created.name }))
      await queryClient.invalidateQueries({ queryKey: LABELING_KEY })
      onClose()
    },
  })
  const versionId = Form.useWatch('version', form)
  const kind = Form.useWatch('kind', form)
  const chosen = choices.find((choice) => choice.version.id === versionId)
  const kinds = chosen ? labelKindsFor(chosen.dataset.format) : (['classification', 'text_spans', 'bounding_boxes'] as LabelKind[])
  const isImages = chosen?.dataset.format === 'image_zip'

  /** A new version may not take the kind or the text column chosen for the previous one. */
  const onVersionChange = (id: number) => {
    const next = choices.find((choice) => choice.version.id === id)
    if (!next) return
    const allowed = labelKindsFor(next.dataset.format)
    const columns = next.version.schema?.map((column) => column.name) ?? []
    form.setFieldsValue({
      kind: kind && allowed.includes(kind) ? kind : allowed[0],
      text_column: columns.includes(form.getFieldValue('text_column')) ? form.getFieldValue('text_column') : undefined,
    })
  }

  return (
    <FormModal<LabelingProjectValues>
      title={t('labeling.createTitle')}
      okText={t('common.create')}
      form={form}
      onFinish={onFinish}
      saving={saving}
      formErrors={formErrors}
      onCancel={onClose}
      initialValues={{ kind: 'classification', labels: [] }}
    >
      <NameField />
      <Form.Item name="version" label={t('labeling.version')} extra={t('labeling.versionHelp')} rules={[{ required: true, message: t('validation.required') }]}>
        <ReadyVersionSelect projectId={project.id} onChange={onVersionChange} notFoundContent={t('labeling.noReadyVersions')} />
      </Form.Item>
      <Form.Item name="kind" label={t('labeling.kind')} rules={[{ required: true, message: t('validation.required') }]}>
        <Select options={kinds.map((value) => ({ value, label: t(`labeling.kinds.${value}`) }))} />
      </Form.Item>
      {!isImages && (
        <Form.Item
          name="text_column"
          label={t('labeling.textColumn')}
          extra={t(kind === 'text_spans' ? 'labeling.textColumnSpansHelp' : 'labeling.textColumnHelp')}
          rules={[{ required: kind === 'text_spans', message: t('validation.required') }]}
        >
          <Select allowClear options={(chosen?.version.schema ?? []).map((column) => ({ value: column.name, label: column.name }))} />
        </Form.Item>
      )}
      <Form.Item
        name="labels"
        label={t('labeling.labels')}
        extra={t('labeling.labelsHelp')}
        rules={[{ required: true, type: 'array', min: 1, message: t('labeling.labelsRequired') }]}
      >
        <TagsInput />
      </Form.Item>
      <Form.Item name="instructions" label={t('labeling.instructions')}>
        <Input.TextArea rows={3} maxLength={5000} placeholder={t('labeling.instructionsPlaceholder')} />
      </Form.Item>
    </FormModal>
  )
}
