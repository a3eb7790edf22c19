import { useQueryClient } from '@tanstack/react-query'
import { App } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Organization } from '../../api/types'
import { FormModal } from '../../components/FormModal'
import { nameSlugBody, NameSlugFields, type NameSlugValues } from '../../components/NameSlugFields'
import { useApiForm } from '../../hooks/useApiForm'
import { createOrganization, ORGANIZATIONS_KEY, updateOrganization } from './api'

interface OrganizationFormModalProps {
  /** The organization to edit; omit to create one. */
  organization?: Organization
  onClose: () => void
  onSaved?: (organization: Organization) => void
}

export function OrganizationFormModal({ organization, onClose, onSaved }: OrganizationFormModalProps) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const { form, onFinish, saving, formErrors } = useApiForm<NameSlugValues, Organization>({
    submit: (values) =>
      organization ? updateOrganization(organization.id, nameSlugBody(values)) : createOrganization(nameSlugBody(values)),
    onSuccess: async (saved) => {
      void message.success(t(organization ? 'organizations.updated' : 'organizations.created', { name: saved.name }))
      await queryClient.invalidateQueries({ queryKey: ORGANIZATIONS_KEY })
      onSaved?.(saved)
      onClose()
    },
  })
  return (
    <FormModal<NameSlugValues>
      title={organization ? t('organizations.editTitle') : t('organizations.createTitle')}
      okText={organization ? t('common.save') : t('common.create')}
      form={form}
      onFinish={onFinish}
      saving={saving}
      formErrors={formErrors}
      onCancel={onClose}
      initialValues={organization}
    >
      <NameSlugFields form={form} slugFollowsName={!organization} />
    </FormModal>
  )
}
