import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, Card, Descriptions, Skeleton, Tabs, Tag } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams } from 'react-router'
import { ConfirmDelete } from '../../components/ConfirmDelete'
import { formatDateTime } from '../../components/format'
import { LoadFailed } from '../../components/LoadFailed'
import { PageHeader } from '../../components/PageHeader'
import { useCurrentUser } from '../auth/AuthProvider'
import { organizationMembersApi } from '../members/api'
import { MembersPanel } from '../members/MembersPanel'
import { canChangeOrganization, canDeleteOrganization, canManageMembers } from '../workspace/permissions'
import { deleteOrganization, fetchOrganization, ORGANIZATIONS_KEY } from './api'
import { OrganizationFormModal } from './OrganizationFormModal'

export default function OrganizationDetailPage() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const organizationId = Number(useParams().organizationId)
  const [editing, setEditing] = useState(false)
  const organization = useQuery({
    queryKey: [...ORGANIZATIONS_KEY, organizationId],
    queryFn: () => fetchOrganization(organizationId),
  })
  const members = useMemo(() => organizationMembersApi(organizationId), [organizationId])

  if (organization.isPending) return <Skeleton active />
  if (organization.isError) {
    return <LoadFailed title={t('organizations.loadFailed')} error={organization.error} backTo="/organizations" backLabel={t('organizations.backToList')} />
  }
  const org = organization.data
  return (
    <>
      <PageHeader
        title={org.name}
        subtitle={org.slug}
        actions={
          <>
            {canChangeOrganization(user, org.role) && <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>}
            {canDeleteOrganization(user, org.role) && (
              <ConfirmDelete
                buttonType="default"
                title={t('organizations.deleteConfirm', { name: org.name })}
                description={t('organizations.deleteDescription')}
                successMessage={t('organizations.deleted', { name: org.name })}
                onConfirm={async () => {
                  await deleteOrganization(org.id)
                  await queryClient.invalidateQueries({ queryKey: ORGANIZATIONS_KEY })
                  navigate('/organizations', { replace: true })
                }}
              />
            )}
          </>
        }
      />
      <Card>
        <Tabs
          items={[
            {
              key: 'members',
              label: t('members.title'),
              children: <MembersPanel members={members} canManage={canManageMembers(user, org.role)} />,
            },
            {
              key: 'details',
              label: t('common.details'),
              children: (
                <Descriptions column={1} bordered size="small">
                  <Descriptions.Item label={t('fields.name')}>{org.name}</Descriptions.Item>
                  <Descriptions.Item label={t('fields.slug')}>{org.slug}</Descriptions.Item>
                  <Descriptions.Item label={t('fields.description')}>{org.description || '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('organizations.yourRole')}>
                    {org.role ? <Tag>{t(`roles.${org.role}`)}</Tag> : '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('fields.createdAt')}>{formatDateTime(org.created_at)}</Descriptions.Item>
                </Descriptions>
              ),
            },
          ]}
        />
      </Card>
      {editing && <OrganizationFormModal organization={org} onClose={() => setEditing(false)} />}
    </>
  )
}
