import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Divider, Drawer, Form, Input, Select, Space } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { describeError } from '../../api/describeError'
import type { Job, Project } from '../../api/types'
import { FormErrors } from '../../components/FormErrors'
import { useVersionChoices } from '../../components/ReadyVersionSelect'
import { useApiForm } from '../../hooks/useApiForm'
import { isTabular } from '../datasets/FormatTag'
import { useProjectDatasets } from '../datasets/projectData'
import { createJob, JOBS_KEY } from './api'
import { placeJobError } from './jobErrors'
import type { NewJobPreset } from './paths'
import { primaryInput, schemaOf, schemasBeforeSteps, toPipelineSpec, type Schema, type StepValues } from './pipeline'
import { StepsEditor } from './StepsEditor'

interface JobFormValues {
  name?: string
  inputs: number[]
  target_dataset: number
  steps?: StepValues[]
}

/** Builds a processing job: input versions, a target dataset and the steps between them. */
export function JobBuilderDrawer({ project, preset, onClose }: { project: Project; preset: NewJobPreset; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const datasets = useProjectDatasets(project.id)
  const versions = useVersionChoices(project.id)
  const [stepErrors, setStepErrors] = useState<Record<number, string>>({})

  const tabularDatasets = useMemo(() => (datasets.data ?? []).filter((dataset) => isTabular(dataset.format)), [datasets.data])
  const readable = useMemo(() => versions.choices.filter(({ dataset }) => isTabular(dataset.format)), [versions.choices])
  const inputSchemas = useMemo(
    () => Object.fromEntries(readable.map(({ version }) => [version.id, schemaOf(version.schema)])) as Record<number, Schema>,
    [readable],
  )

  const { form, onFinish, saving, formErrors } = useApiForm<JobFormValues, Job>({
    submit: ({ name, inputs, target_dataset, steps = [] }) =>
      createJob({
        project: project.id,
        kind: 'processing',
        name: name?.trim() ?? '',
        inputs,
        target_dataset,
        spec: toPipelineSpec(inputs, steps, inputSchemas),
      }),
    placeError: (current, error) => placeJobError(current, error, (step, text) => setStepErrors({ [step]: text })),
    onSuccess: async (job) => {
      void message.success(t('jobs.submitted', { id: job.id }))
      await queryClient.invalidateQueries({ queryKey: JOBS_KEY })
      navigate(`/data/jobs/${job.id}`)
    },
  })
  const inputs = Form.useWatch('inputs', form) ?? []
  const steps = Form.useWatch('steps', form) ?? []
  const primary = primaryInput(inputs, steps)
  const schemas = schemasBeforeSteps(primary === undefined ? {} : (inputSchemas[primary] ?? {}), steps, inputSchemas)
  const versionOptions = readable.map(({ version, label }) => ({ value: version.id, label }))
  const joinable = versionOptions.filter((option) => inputs.slice(1).includes(option.value))
  const pickerError = versions.error ?? datasets.error

  return (
    <Drawer
      open
      width={760}
      title={t('jobs.builderTitle')}
      onClose={onClose}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} disabled={saving} onClick={() => form.submit()}>
            {t('jobs.run')}
          </Button>
        </Space>
      }
    >
      {pickerError && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={describeError(pickerError, t)} />}
      <FormErrors errors={formErrors} />
      <Form<JobFormValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={saving}
        initialValues={{ inputs: preset.input ? [preset.input] : [], target_dataset: preset.target, steps: [] }}
        onValuesChange={() => setStepErrors((current) => (Object.keys(current).length ? {} : current))}
      >
        <Form.Item name="name" label={t('fields.name')} extra={t('jobs.nameHelp')} rules={[{ max: 100, message: t('validation.maxLength', { max: 100 }) }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="inputs"
          label={t('jobs.inputs')}
          extra={t('jobs.inputsHelp')}
          rules={[{ required: true, type: 'array', min: 1, message: t('jobs.inputsRequired') }]}
        >
          <Select<number[]>
            mode="multiple"
            loading={versions.isPending}
            options={versionOptions}
            optionFilterProp="label"
            notFoundContent={t('jobs.noReadyVersions')}
          />
        </Form.Item>
        <Form.Item name="target_dataset" label={t('jobs.target')} extra={t('jobs.targetHelp')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select<number>
            showSearch
            loading={datasets.isPending}
            options={tabularDatasets.map((dataset) => ({ value: dataset.id, label: dataset.name }))}
            optionFilterProp="label"
          />
        </Form.Item>
        <Divider orientation="left">{t('jobs.steps')}</Divider>
        <StepsEditor steps={steps} schemas={schemas} joinable={joinable} stepErrors={stepErrors} />
        <button type="submit" hidden />
      </Form>
    </Drawer>
  )
}
