import { useQueryClient } from '@tanstack/react-query'
import { App, Form, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import type { Project, SchemaColumn, VectorCollection } from '../../api/types'
import { FormModal } from '../../components/FormModal'
import { NameField } from '../../components/NameField'
import { ReadyVersionSelect, useVersionChoices, type VersionChoice } from '../../components/ReadyVersionSelect'
import { useApiForm } from '../../hooks/useApiForm'
import { isTabular } from '../datasets/FormatTag'
import { COLLECTIONS_KEY, createCollection } from './api'

/** The API keeps at most this many metadata columns per collection. */
const MAX_METADATA_COLUMNS = 20

interface CollectionValues {
  name: string
  version: number
  text_column: string
  metadata_columns?: string[]
}

const isTable = (choice: VersionChoice) => isTabular(choice.dataset.format)
const columnOption = (column: SchemaColumn) => ({ value: column.name, label: `${column.name} (${column.type})` })

/** Creates a vector collection over a text column of a ready table, then opens it while it builds. */
export function CollectionFormModal({ project, onClose }: { project: Project; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const { choices } = useVersionChoices(project.id)
  const { form, onFinish, saving, formErrors } = useApiForm<CollectionValues, VectorCollection>({
    submit: ({ metadata_columns = [], ...values }) => createCollection({ ...values, metadata_columns }),
    onSuccess: async (created) => {
      void message.success(t('collections.created', { name: created.name }))
      await queryClient.invalidateQueries({ queryKey: COLLECTIONS_KEY })
      navigate(`/data/collections/${created.id}`)
    },
  })
  const versionId = Form.useWatch('version', form)
  const textColumn = Form.useWatch('text_column', form)
  const columns = choices.find((choice) => choice.version.id === versionId)?.version.schema ?? []

  return (
    <FormModal<CollectionValues>
      title={t('collections.createTitle')}
      okText={t('common.create')}
      form={form}
      onFinish={onFinish}
      saving={saving}
      formErrors={formErrors}
      onCancel={onClose}
    >
      <NameField />
      <Form.Item name="version" label={t('collections.version')} extra={t('collections.versionHelp')} rules={[{ required: true, message: t('validation.required') }]}>
        <ReadyVersionSelect
          projectId={project.id}
          accept={isTable}
          notFoundContent={t('collections.noTables')}
          onChange={() => form.setFieldsValue({ text_column: undefined, metadata_columns: [] })}
        />
      </Form.Item>
      <Form.Item
        name="text_column"
        label={t('collections.textColumn')}
        extra={t('collections.textColumnHelp')}
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <Select
          disabled={!versionId}
          options={columns.map(columnOption)}
          onChange={(column: string) =>
            form.setFieldsValue({ metadata_columns: form.getFieldValue('metadata_columns')?.filter((name: string) => name !== column) })
          }
        />
      </Form.Item>
      <Form.Item
        name="metadata_columns"
        label={t('collections.metadataColumns')}
        extra={t('collections.metadataColumnsHelp', { max: MAX_METADATA_COLUMNS })}
        rules={[{ type: 'array', max: MAX_METADATA_COLUMNS, message: t('collections.tooManyColumns', { max: MAX_METADATA_COLUMNS }) }]}
      >
        <Select mode="multiple" disabled={!versionId} options={columns.filter((column) => column.name !== textColumn).map(columnOption)} />
      </Form.Item>
    </FormModal>
  )
}
