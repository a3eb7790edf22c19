import { UserAddOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App, Form, Input, Select, Space, Tag, type TableColumnsType } from 'antd'
import { useTranslation } from 'react-i18next'
import { describeError } from '../../api/describeError'
import type { OrganizationMember, ProjectMember } from '../../api/types'
import { ConfirmDelete } from '../../components/ConfirmDelete'
import { DataTable } from '../../components/DataTable'
import { FormErrors } from '../../components/FormErrors'
import { formatDate } from '../../components/format'
import { SubmitButton } from '../../components/SubmitButton'
import { useApiForm } from '../../hooks/useApiForm'
import { useList } from '../../hooks/useList'
import type { MemberRole, MembersApi } from './api'

type Member = OrganizationMember | ProjectMember

interface MembersPanelProps<TRole extends MemberRole> {
  members: MembersApi<TRole>
  /** Whether the signed-in user may add, re-role and remove members here. */
  canManage: boolean
  /** Shown under the add form, e.g. that project members must belong to the organization. */
  addHint?: string
}

/** Members with roles: list, add by email, change role, remove. */
export function MembersPanel<TRole extends MemberRole>({ members, canManage, addHint }: MembersPanelProps<TRole>) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const list = useList({ queryKey: members.queryKey, fetchPage: members.list })
  const refresh = () => queryClient.invalidateQueries({ queryKey: members.queryKey })

  const changeRole = useMutation({
    mutationFn: ({ member, role }: { member: Member; role: TRole }) => members.changeRole(member.id, role),
    onSuccess: () => {
      void message.success(t('members.roleChanged'))
      return refresh()
    },
    onError: (error) => void message.error(describeError(error, t)),
  })

  const roleOptions = members.roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))

  const columns: TableColumnsType<Member> = [
    {
      title: t('members.user'),
      key: 'user',
      render: (_, member) => (
        <Space direction="vertical" size={0}>
          <span>{member.user.full_name || member.user.email}</span>
          {member.user.full_name && <span style={{ color: '#888' }}>{member.user.email}</span>}
        </Space>
      ),
    },
    {
      title: t('members.role'),
      key: 'role',
      width: 200,
      render: (_, member) =>
        canManage ? (
          <Select<TRole>
            aria-label={t('members.roleOf', { email: member.user.email })}
            value={member.role as TRole}
            options={roleOptions}
            style={{ width: 160 }}
            disabled={changeRole.isPending}
            onChange={(role) => changeRole.mutate({ member, role })}
          />
        ) : (
          <Tag>{t(`roles.${member.role}`)}</Tag>
        ),
    },
    { title: t('members.since'), dataIndex: 'created_at', width: 140, render: formatDate },
  ]
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, member) => (
        <ConfirmDelete
          title={t('members.removeConfirm', { email: member.user.email })}
          description={t('members.removeDescription')}
          actionLabel={t('members.remove')}
          successMessage={t('members.removed')}
          onConfirm={async () => {
            await members.remove(member.id)
            await refresh()
          }}
        />
      ),
    })
  }

  return (
    <>
      {canManage && <AddMemberForm members={members} onAdded={refresh} hint={addHint} />}
      <DataTable<Member>
        query={list.query}
        rows={list.rows}
        columns={columns}
        pagination={list.pagination}
        emptyText={t('members.empty')}
      />
    </>
  )
}

interface AddMemberValues<TRole> {
  email: string
  role: TRole
}

function AddMemberForm<TRole extends MemberRole>({
  members,
  onAdded,
  hint,
}: {
  members: MembersApi<TRole>
  onAdded: () => void
  hint?: string
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { form, onFinish, saving, formErrors } = useApiForm<AddMemberValues<TRole>, Member>({
    submit: members.add,
    onSuccess: (member) => {
      void message.success(t('members.added', { email: member.user.email }))
      form.resetFields()
      onAdded()
    },
  })
  return (
    <div style={{ marginBottom: 16 }}>
      <FormErrors errors={formErrors} />
      <Form<AddMemberValues<TRole>>
        form={form}
        layout="inline"
        onFinish={onFinish}
        initialValues={{ role: members.defaultRole }}
        disabled={saving}
        aria-label={t('members.addTitle')}
      >
        <Form.Item
          name="email"
          rules={[
            { required: true, message: t('validation.required') },
            { type: 'email', message: t('validation.email') },
          ]}
          style={{ minWidth: 280 }}
        >
          <Input placeholder={t('members.emailPlaceholder')} aria-label={t('members.email')} prefix={<UserAddOutlined />} />
        </Form.Item>
        <Form.Item name="role">
          <Select<TRole>
            aria-label={t('members.role')}
            style={{ width: 160 }}
            options={members.roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          />
        </Form.Item>
        <Form.Item>
          <SubmitButton saving={saving}>{t('members.add')}</SubmitButton>
        </Form.Item>
      </Form>
      {hint && <div style={{ color: '#888', marginTop: 8 }}>{hint}</div>}
    </div>
  )
}
