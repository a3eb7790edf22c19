import { PlusOutlined } from '@ant-design/icons'
import { Button, Card, Empty } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { PageHeader } from '../../components/PageHeader'
import { CREATE_ORGANIZATION_PATH } from '../organizations/paths'

/** What organization-scoped pages show to someone who belongs to no organization yet. */
export function NoOrganizationYet({ title }: { title: string }) {
  const { t } = useTranslation()
  return (
    <>
      <PageHeader title={title} />
      <Card>
        <Empty description={t('workspace.noOrganization')}>
          <Link to={CREATE_ORGANIZATION_PATH}>
            <Button type="primary" icon={<PlusOutlined />}>
              {t('organizations.new')}
            </Button>
          </Link>
        </Empty>
      </Card>
    </>
  )
}
