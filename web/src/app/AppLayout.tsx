import { Flex, Layout, Space, Spin, Typography } from 'antd'
import { Suspense, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, Outlet, useMatches } from 'react-router'
import { LanguageSwitch } from '../components/LanguageSwitch'
import { UserMenu } from '../features/auth/UserMenu'
import { WorkspaceSwitcher } from '../features/workspace/WorkspaceSwitcher'
import type { PortalPage } from './routes'
import { SideNav } from './SideNav'

export interface RouteHandle {
  titleKey: PortalPage['titleKey']
}

function usePageTitle() {
  const { t } = useTranslation()
  const matches = useMatches()
  const handle = matches.at(-1)?.handle as RouteHandle | undefined
  const title = handle ? t(handle.titleKey) : undefined
  useEffect(() => {
    document.title = title ? `${title} · ${t('app.name')}` : t('app.name')
  }, [title, t])
}

/** The signed-in frame: side navigation, header with switchers, and the current page. */
export function AppLayout() {
  const { t } = useTranslation()
  const [collapsed, setCollapsed] = useState(false)
  usePageTitle()
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider theme="light" width={220} collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg">
        <Link to="/">
          <Typography.Title level={4} style={{ margin: 0, padding: '16px 24px', whiteSpace: 'nowrap' }}>
            {collapsed ? t('app.shortName') : t('app.name')}
          </Typography.Title>
        </Link>
        <SideNav />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{ background: '#fff', padding: '0 24px', display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}
        >
          <WorkspaceSwitcher />
          <Space>
            <LanguageSwitch />
            <UserMenu />
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Suspense
            fallback={
              <Flex justify="center" style={{ padding: 64 }}>
                <Spin size="large" />
              </Flex>
            }
          >
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
