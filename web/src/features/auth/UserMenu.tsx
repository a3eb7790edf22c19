import { LogoutOutlined, UserOutlined } from '@ant-design/icons'
import { Avatar, Button, Dropdown, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { useAuth, useCurrentUser } from './AuthProvider'

export function UserMenu() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const { signOut } = useAuth()
  const navigate = useNavigate()
  const signOutAndLeave = async () => {
    await signOut()
    navigate('/login', { replace: true })
  }
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          {
            key: 'who',
            disabled: true,
            label: (
              <div>
                <Typography.Text strong>{user.full_name || user.email}</Typography.Text>
                <br />
                <Typography.Text type="secondary">{user.email}</Typography.Text>
              </div>
            ),
          },
          { type: 'divider' },
          { key: 'sign-out', icon: <LogoutOutlined />, label: t('header.signOut'), onClick: () => void signOutAndLeave() },
        ],
      }}
    >
      <Button type="text" data-testid="user-menu" icon={<Avatar size="small" icon={<UserOutlined />} />}>
        {user.full_name || user.email}
      </Button>
    </Dropdown>
  )
}
