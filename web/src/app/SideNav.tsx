import { Menu, type MenuProps } from 'antd'
import { useTranslation } from 'react-i18next'
import { useLocation, useNavigate } from 'react-router'
import { dashboardIcon, dashboardPage, navPathFor, navSections } from './routes'

type MenuItem = Required<MenuProps>['items'][number]

/** Side navigation built from the route registry: one entry per 中台 section. */
export function SideNav() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { pathname } = useLocation()

  const items: MenuItem[] = [
    { key: dashboardPage.path, icon: dashboardIcon, label: t(dashboardPage.titleKey) },
    ...navSections.map((section): MenuItem => {
      const pages = section.pages.filter((page) => !page.hiddenInNav)
      // A section with a single page is a plain entry named after the section.
      if (pages.length === 1 && pages[0]) {
        return { key: pages[0].path, icon: section.icon, label: t(section.titleKey) }
      }
      return {
        key: section.key,
        icon: section.icon,
        label: t(section.titleKey),
        children: pages.map((page) => ({ key: page.path, label: t(page.titleKey) })),
      }
    }),
  ]
  const openSections = navSections.filter((section) => section.pages.length > 1).map((section) => section.key)

  return (
    <nav aria-label={t('nav.label')}>
      <Menu
        mode="inline"
        items={items}
        selectedKeys={[navPathFor(pathname)]}
        defaultOpenKeys={openSections}
        onClick={({ key }) => navigate(key)}
        style={{ borderInlineEnd: 'none' }}
      />
    </nav>
  )
}
