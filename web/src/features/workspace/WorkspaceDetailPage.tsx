import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, Card, Descriptions, Skeleton, Tabs, Tag, type TabsProps } from 'antd'
import { useMemo, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { ConfirmDelete } from '../../components/ConfirmDelete'
import { formatDateTime } from '../../components/format'
import { LoadFailed } from '../../components/LoadFailed'
import { PageHeader } from '../../components/PageHeader'
import type { MemberRole, MembersApi } from '../members/api'
import { MembersPanel } from '../members/MembersPanel'

/** What organizations and projects have in common. */
interface Workspace {
  id: number
  name: string
  slug: string
  description?: string
  role?: MemberRole | null
  created_at: string
}

/** What the page shows of one loaded organization or project, and what the user may do there. */
export interface WorkspaceView {
  subtitle: string
  canEdit: boolean
  canDelete: boolean
  canManageMembers: boolean
  /** Shown under the members' add form. */
  memberHint?: string
  /** Rows at the top of the details tab, before name, slug and description. */
  leadingDetails?: { label: string; value: ReactNode }[]
  /** Tabs between members and details, e.g. quotas or webhooks. */
  panels?: NonNullable<TabsProps['items']>
}

interface WorkspaceDetailPageProps<T extends Workspace, TRole extends MemberRole> {
  /** Where the texts (loadFailed, backToList, delete…, yourRole) come from, and the list page's path. */
  section: 'organizations' | 'projects'
  id: number
  /** Prefix of the workspace's queries: the object is cached under it, and it is invalidated after a deletion. */
  queryKey: readonly unknown[]
  fetch: (id: number) => Promise<T>
  remove: (id: number) => Promise<unknown>
  members: (id: number) => MembersApi<TRole>
  view: (workspace: T) => WorkspaceView
  editDialog: (workspace: T, onClose: () => void) => ReactNode
}

/** The detail page of an organization or a project: header with edit and delete, members, details. */
export function WorkspaceDetailPage<T extends Workspace, TRole extends MemberRole>({
  section,
  id,
  queryKey,
  fetch,
  remove,
  members: membersOf,
  view,
  editDialog,
}: WorkspaceDetailPageProps<T, TRole>) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [editing, setEditing] = useState(false)
  const query = useQuery({ queryKey: [...queryKey, id], queryFn: () => fetch(id) })
  const members = useMemo(() => membersOf(id), [membersOf, id])
  const listPath = `/${section}`

  if (query.isPending) return <Skeleton active />
  if (query.isError) {
    return <LoadFailed title={t(`${section}.loadFailed`)} error={query.error} backTo={listPath} backLabel={t(`${section}.backToList`)} />
  }
  const workspace = query.data
  const shown = view(workspace)
  return (
    <>
      <PageHeader
        title={workspace.name}
        subtitle={shown.subtitle}
        actions={
          <>
            {shown.canEdit && <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>}
            {shown.canDelete && (
              <ConfirmDelete
                buttonType="default"
                title={t(`${section}.deleteConfirm`, { name: workspace.name })}
                description={t(`${section}.deleteDescription`)}
                successMessage={t(`${section}.deleted`, { name: workspace.name })}
                onConfirm={async () => {
                  await remove(workspace.id)
                  await queryClient.invalidateQueries({ queryKey })
                  navigate(listPath, { replace: true })
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
              children: <MembersPanel members={members} canManage={shown.canManageMembers} addHint={shown.memberHint} />,
            },
            ...(shown.panels ?? []),
            {
              key: 'details',
              label: t('common.details'),
              children: (
                <Descriptions column={1} bordered size="small">
                  {shown.leadingDetails?.map(({ label, value }) => (
                    <Descriptions.Item key={label} label={label}>
                      {value}
                    </Descriptions.Item>
                  ))}
                  <Descriptions.Item label={t('fields.name')}>{workspace.name}</Descriptions.Item>
                  <Descriptions.Item label={t('fields.slug')}>{workspace.slug}</Descriptions.Item>
                  <Descriptions.Item label={t('fields.description')}>{workspace.description || '—'}</Descriptions.Item>
                  <Descriptions.Item label={t(`${section}.yourRole`)}>
                    {workspace.role ? <Tag>{t(`roles.${workspace.role}`)}</Tag> : '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('fields.createdAt')}>{formatDateTime(workspace.created_at)}</Descriptions.Item>
                </Descriptions>
              ),
            },
          ]}
        />
      </Card>
      {editing && editDialog(workspace, () => setEditing(false))}
    </>
  )
}
