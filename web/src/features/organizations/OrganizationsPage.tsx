import { EditOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { Button, Space, Tag, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import type { Organization } from '../../api/types'
import { ConfirmDelete } from '../../components/ConfirmDelete'
import { DataTable } from '../../components/DataTable'
import { formatDate } from '../../components/format'
import { ListActions } from '../../components/ListActions'
import { PageHeader } from '../../components/PageHeader'
import { useList } from '../../hooks/useList'
import { useCurrentUser } from '../auth/AuthProvider'
import { canChangeOrganization, canDeleteOrganization } from '../workspace/permissions'
import { useWorkspace } from '../workspace/WorkspaceProvider'
import { deleteOrganization, fetchOrganizations, ORGANIZATIONS_KEY } from './api'
import { OrganizationFormModal } from './OrganizationFormModal'

export default function OrganizationsPage() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const queryClient = useQueryClient()
  const { selectOrganization } = useWorkspace()
  const [searchParams, setSearchParams] = useSearchParams()
  const [search, setSearch] = useState('')
  const [editing, setEditing] = useState<Organization>()
  const creating = searchParams.get('new') === '1'
  const setCreating = (open: boolean) => setSearchParams(open ? { new: '1' } : {}, { replace: true })

  const list = useList({
    queryKey: [...ORGANIZATIONS_KEY, 'list', search],
    fetchPage: (params) => fetchOrganizations({ ...params, search: search || undefined }),
  })

  const columns: TableColumnsType<Organization> = [
    { title: t('fields.name'), dataIndex: 'name', render: (name, org) => <Link to={`/organizations/${org.id}`}>{name}</Link> },
    { title: t('fields.slug'), dataIndex: 'slug' },
    { title: t('organizations.yourRole'), dataIndex: 'role', render: (role: Organization['role']) => role && <Tag>{t(`roles.${role}`)}</Tag> },
    { title: t('fields.createdAt'), dataIndex: 'created_at', render: formatDate },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, org) => (
        <Space size={0}>
          {canChangeOrganization(user, org.role) && (
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(org)}>
              {t('common.edit')}
            </Button>
          )}
          {canDeleteOrganization(user, org.role) && (
            <ConfirmDelete
              title={t('organizations.deleteConfirm', { name: org.name })}
              description={t('organizations.deleteDescription')}
              successMessage={t('organizations.deleted', { name: org.name })}
              onConfirm={async () => {
                await deleteOrganization(org.id)
                await queryClient.invalidateQueries({ queryKey: ORGANIZATIONS_KEY })
              }}
            />
          )}
        </Space>
      ),
    },
  ]

  return (
    <>
      <PageHeader
        title={t('nav.organizations')}
        subtitle={t('organizations.subtitle')}
        actions={<ListActions onSearch={setSearch} createLabel={t('organizations.new')} onCreate={() => setCreating(true)} />}
      />
      <DataTable<Organization>
        query={list.query}
        rows={list.rows}
        columns={columns}
        pagination={list.pagination}
        emptyText={search ? t('table.noMatches') : t('organizations.empty')}
      />
      {creating && (
        <OrganizationFormModal onClose={() => setCreating(false)} onSaved={(org) => selectOrganization(org.id)} />
      )}
      {editing && <OrganizationFormModal organization={editing} onClose={() => setEditing(undefined)} />}
    </>
  )
}
