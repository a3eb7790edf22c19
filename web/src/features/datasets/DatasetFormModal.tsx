import { useQueryClient } from '@tanstack/react-query'
import { App, Form, Input, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { DATASET_FORMATS, type Dataset, type DatasetFormat, type Project } from '../../api/types'
import { FormModal } from '../../components/FormModal'
import { NameField } from '../../components/NameField'
import { TagsInput } from '../../components/TagsInput'
import { useApiForm } from '../../hooks/useApiForm'
import { createDataset, DATASETS_KEY } from './api'

interface DatasetValues {
  name: string
  description?: string
  format: DatasetFormat
  tags?: string[]
}

/** Creates a dataset in `project`, then opens it to upload its first version. */
export function DatasetFormModal({ project, onClose }: { project: Project; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const { form, onFinish, saving, formErrors } = useApiForm<DatasetValues, Dataset>({
    submit: ({ name, description, format, tags }) =>
      createDataset({ project: project.id, name, description: description ?? '', format, tags: tags ?? [] }),
    onSuccess: async (dataset) => {
      void message.success(t('datasets.created', { name: dataset.name }))
      await queryClient.invalidateQueries({ queryKey: DATASETS_KEY })
      navigate(`/data/datasets/${dataset.id}`)
    },
  })
  return (
    <FormModal<DatasetValues>
      title={t('datasets.createTitle')}
      okText={t('common.create')}
      form={form}
      onFinish={onFinish}
      saving={saving}
      formErrors={formErrors}
      onCancel={onClose}
      initialValues={{ format: 'csv' }}
    >
      <Form.Item label={t('header.project')}>
        <Input value={project.name} disabled />
      </Form.Item>
      <NameField />
      <Form.Item name="format" label={t('datasets.format')} extra={t('datasets.formatHelp')} rules={[{ required: true }]}>
        <Select<DatasetFormat> options={DATASET_FORMATS.map((format) => ({ value: format, label: t(`datasets.formats.${format}`) }))} />
      </Form.Item>
      <Form.Item name="tags" label={t('datasets.tags')} extra={t('datasets.tagsHelp')}>
        <TagsInput />
      </Form.Item>
      <Form.Item name="description" label={t('fields.description')}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </FormModal>
  )
}
