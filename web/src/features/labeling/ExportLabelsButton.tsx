import { ExportOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { Button, Form, Input, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DatasetVersion, LabelingProject } from '../../api/types'
import { FormModal } from '../../components/FormModal'
import { OutcomeModal } from '../../components/OutcomeModal'
import { useApiForm } from '../../hooks/useApiForm'
import { DATASETS_KEY, VERSIONS_KEY } from '../datasets/api'
import { exportLabels } from './api'

/** Exports the project's tasks and annotations as a new JSON Lines dataset version. */
export function ExportLabelsButton({ project }: { project: LabelingProject }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  return (
    <>
      <Button icon={<ExportOutlined />} onClick={() => setOpen(true)}>
        {t('labeling.export')}
      </Button>
      {open && <ExportLabelsModal project={project} onClose={() => setOpen(false)} />}
    </>
  )
}

function ExportLabelsModal({ project, onClose }: { project: LabelingProject; onClose: () => void }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [exported, setExported] = useState<DatasetVersion>()
  const { form, onFinish, saving, formErrors } = useApiForm<{ message?: string }, DatasetVersion>({
    submit: ({ message }) => exportLabels(project.id, message?.trim() ?? ''),
    onSuccess: async (version) => {
      setExported(version)
      await queryClient.invalidateQueries({ queryKey: DATASETS_KEY })
      await queryClient.invalidateQueries({ queryKey: VERSIONS_KEY })
    },
  })
  if (exported) {
    return (
      <OutcomeModal
        title={t('labeling.exportTitle')}
        outcome={t('labeling.exported', { number: exported.number, rows: exported.row_count ?? 0 })}
        link={{ to: `/data/versions/${exported.id}`, label: t('labeling.openExport') }}
        closeLabel={t('labeling.done')}
        onClose={onClose}
      />
    )
  }
  return (
    <FormModal<{ message?: string }>
      title={t('labeling.exportTitle')}
      okText={t('labeling.export')}
      form={form}
      onFinish={onFinish}
      saving={saving}
      formErrors={formErrors}
      onCancel={onClose}
    >
      <Typography.Paragraph>{t('labeling.exportHelp', { dataset: `${project.name} labels` })}</Typography.Paragraph>
      <Form.Item name="message" label={t('labeling.exportMessage')} rules={[{ max: 500, message: t('validation.maxLength', { max: 500 }) }]}>
        <Input placeholder={t('labeling.exportMessagePlaceholder')} />
      </Form.Item>
    </FormModal>
  )
}
