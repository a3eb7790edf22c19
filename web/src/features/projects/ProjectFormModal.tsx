import { useQueryClient } from '@tanstack/react-query'
import { App, Form, Input } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Organization, Project } from '../../api/types'
import { FormModal } from '../../components/FormModal'
import { nameSlugBody, NameSlugFields, type NameSlugValues } from '../../components/NameSlugFields'
import { useApiForm } from '../../hooks/useApiForm'
import { createProject, PROJECTS_KEY, updateProject } from './api'

type ProjectFormModalProps = { onClose: () => void } & (
  | { project: Project; organization?: undefined }
  | { project?: undefined; organization: Organization }
)

/** Creates a project in `organization`, or edits `project` (projects never change organization). */
export function ProjectFormModal({ project, organization, onClose }: ProjectFormModalProps) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const { form, onFinish, saving, formErrors } = useApiForm<NameSlugValues, Project>({
    submit: (values) =>
      project
        ? updateProject(project.id, nameSlugBody(values))
        : createProject({ ...nameSlugBody(values), organization: organization.id }),
    onSuccess: async (saved) => {
      void message.success(t(project ? 'projects.updated' : 'projects.created', { name: saved.name }))
      await queryClient.invalidateQueries({ queryKey: PROJECTS_KEY })
      onClose()
    },
  })
  return (
    <FormModal<NameSlugValues>
      title={project ? t('projects.editTitle') : t('projects.createTitle')}
      okText={project ? t('common.save') : t('common.create')}
      form={form}
      onFinish={onFinish}
      saving={saving}
      formErrors={formErrors}
      onCancel={onClose}
      initialValues={project}
    >
      {organization && (
        <Form.Item label={t('projects.organization')}>
          <Input value={organization.name} disabled />
        </Form.Item>
      )}
      <NameSlugFields form={form} slugFollowsName={!project} />
    </FormModal>
  )
}
