import { Form, Select } from 'antd'
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { DatasetFormat, DataSource, Job } from '../../api/types'
import { FormModal } from '../../components/FormModal'
import { OutcomeModal } from '../../components/OutcomeModal'
import { useApiForm } from '../../hooks/useApiForm'
import { useProjectDatasets } from '../datasets/projectData'

interface IngestionFormModalProps<TValues> {
  title: string
  source: DataSource
  /** The format of the version the ingestion writes; only datasets of it can take it. */
  format: DatasetFormat
  start: (values: TValues) => Promise<Job>
  initialValues?: Partial<TValues>
  onClose: () => void
  /** The fields besides the target dataset. */
  children: ReactNode
}

/** A dialog that starts an ingestion job into a dataset of the source's project, then links to the job. */
export function IngestionFormModal<TValues extends { dataset: number }>({
  title,
  source,
  format,
  start,
  initialValues,
  onClose,
  children,
}: IngestionFormModalProps<TValues>) {
  const { t } = useTranslation()
  const [job, setJob] = useState<Job>()
  const { form, onFinish, saving, formErrors } = useApiForm<TValues, Job>({ submit: start, onSuccess: setJob })
  if (job) {
    return (
      <OutcomeModal
        title={job.name}
        outcome={t('sources.jobStarted', { id: job.id })}
        description={t('sources.jobStartedHelp')}
        link={{ to: `/data/jobs/${job.id}`, label: t('sources.openJob') }}
        closeLabel={t('sources.done')}
        onClose={onClose}
      />
    )
  }
  return (
    <FormModal<TValues>
      title={title}
      okText={t('sources.start')}
      form={form}
      onFinish={onFinish}
      saving={saving}
      formErrors={formErrors}
      onCancel={onClose}
      initialValues={initialValues}
    >
      <TargetDatasetField projectId={source.project} format={format} />
      {children}
    </FormModal>
  )
}

function TargetDatasetField({ projectId, format }: { projectId: number; format: DatasetFormat }) {
  const { t } = useTranslation()
  const datasets = useProjectDatasets(projectId)
  const formatName = t(`datasets.formats.${format}`)
  return (
    <Form.Item
      name="dataset"
      label={t('sources.targetDataset')}
      extra={t('sources.targetHelp', { format: formatName })}
      rules={[{ required: true, message: t('validation.required') }]}
    >
      <Select<number>
        showSearch
        optionFilterProp="label"
        loading={datasets.isPending}
        options={(datasets.data ?? [])
          .filter((dataset) => dataset.format === format)
          .map((dataset) => ({ value: dataset.id, label: dataset.name }))}
        notFoundContent={
          <>
            {t('sources.noTargetDataset', { format: formatName })} <Link to="/data/datasets">{t('sources.toDatasets')}</Link>
          </>
        }
      />
    </Form.Item>
  )
}
