import { KeyOutlined, ProjectOutlined, TeamOutlined } from '@ant-design/icons'
import { useQuery, type UseQueryResult } from '@tanstack/react-query'
import { Alert, Card, Col, Row, Statistic, Tooltip, Typography, type TableColumnsType } from 'antd'
import dayjs from 'dayjs'
import { useMemo, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { describeError } from '../../api/describeError'
import type { AuditEvent, Organization } from '../../api/types'
import { Chart, type ChartOption } from '../../components/Chart'
import { DataTable } from '../../components/DataTable'
import { formatDateTime } from '../../components/format'
import { PageHeader } from '../../components/PageHeader'
import { API_KEYS_KEY, fetchApiKeys } from '../apiKeys/api'
import { ActionTag } from '../audit/ActionTag'
import { ActorCell } from '../audit/ActorCell'
import { AUDIT_EVENTS_KEY, fetchAuditEvents } from '../audit/api'
import { countEventsPerDay } from '../audit/changes'
import { objectTypeLabel } from '../audit/objectTypes'
import { useCurrentUser } from '../auth/AuthProvider'
import { organizationMembersApi } from '../members/api'
import { fetchProjects, PROJECTS_KEY } from '../projects/api'
import { canReadAuditLog } from '../workspace/permissions'
import { NoOrganizationYet } from '../workspace/NoOrganizationYet'
import { useWorkspace } from '../workspace/WorkspaceProvider'

const ACTIVITY_DAYS = 14
/** The activity chart counts at most this many events; busier organizations read the audit log. */
const ACTIVITY_EVENT_LIMIT = 1000

export default function DashboardPage() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const { organization, isLoading } = useWorkspace()
  if (!isLoading && !organization) return <NoOrganizationYet title={t('nav.dashboard')} />
  return (
    <>
      <PageHeader
        title={t('dashboard.welcome', { name: user.full_name || user.email })}
        subtitle={organization && t('dashboard.subtitle', { organization: organization.name })}
      />
      {organization && <OrganizationOverview organization={organization} />}
    </>
  )
}

function OrganizationOverview({ organization }: { organization: Organization }) {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const members = useMemo(() => organizationMembersApi(organization.id), [organization.id])
  const projectCount = useQuery({
    queryKey: [...PROJECTS_KEY, 'count', organization.id],
    queryFn: () => fetchProjects({ organization: organization.id, page: 1, page_size: 1 }),
  })
  const memberCount = useQuery({
    queryKey: [...members.queryKey, 'count'],
    queryFn: () => members.list({ page: 1, page_size: 1 }),
  })
  const keyCount = useQuery({
    queryKey: [...API_KEYS_KEY, 'count'],
    queryFn: () => fetchApiKeys({ page: 1, page_size: 1 }),
  })

  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <CountCard title={t('dashboard.projects')} icon={<ProjectOutlined />} query={projectCount} link="/projects" />
        </Col>
        <Col xs={24} md={8}>
          <CountCard title={t('dashboard.members')} icon={<TeamOutlined />} query={memberCount} link={`/organizations/${organization.id}`} />
        </Col>
        <Col xs={24} md={8}>
          <CountCard title={t('dashboard.apiKeys')} icon={<KeyOutlined />} query={keyCount} link="/api-keys" />
        </Col>
      </Row>
      {canReadAuditLog(user, organization.role) ? (
        <RecentActivity organizationId={organization.id} />
      ) : (
        <Alert type="info" showIcon message={t('dashboard.auditNeedsAdmin')} style={{ marginTop: 16 }} />
      )}
    </>
  )
}

interface CountCardProps {
  title: string
  icon: ReactNode
  query: UseQueryResult<{ count: number }>
  link: string
}

function CountCard({ title, icon, query, link }: CountCardProps) {
  const { t } = useTranslation()
  const statistic = (
    <Statistic title={title} prefix={icon} value={query.isError ? '—' : query.data?.count} loading={query.isPending} />
  )
  return (
    <Link to={link}>
      <Card hoverable>
        {query.isError ? <Tooltip title={describeError(query.error, t)}>{statistic}</Tooltip> : statistic}
      </Card>
    </Link>
  )
}

function RecentActivity({ organizationId }: { organizationId: number }) {
  const { t } = useTranslation()
  const since = useMemo(() => dayjs().subtract(ACTIVITY_DAYS - 1, 'day').startOf('day'), [])
  const recent = useQuery({
    queryKey: [...AUDIT_EVENTS_KEY, 'recent', organizationId],
    queryFn: () => fetchAuditEvents({ organization: organizationId, page_size: 10 }),
  })
  const activity = useQuery({
    queryKey: [...AUDIT_EVENTS_KEY, 'activity', organizationId, since.toISOString()],
    queryFn: () =>
      fetchAuditEvents({ organization: organizationId, since: since.toISOString(), page_size: ACTIVITY_EVENT_LIMIT }),
  })

  const chartOption = useMemo((): ChartOption => {
    const perDay = countEventsPerDay(activity.data?.results ?? [], ACTIVITY_DAYS)
    return {
      grid: { left: 32, right: 16, top: 16, bottom: 24 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: perDay.map(({ day }) => day.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: t('dashboard.events'), data: perDay.map(({ count }) => count), itemStyle: { color: '#1677ff' } }],
    }
  }, [activity.data, t])

  const columns: TableColumnsType<AuditEvent> = [
    { title: t('audit.time'), dataIndex: 'time', render: formatDateTime, className: 'nowrap' },
    { title: t('audit.actor'), key: 'actor', render: (_, event) => <ActorCell event={event} /> },
    { title: t('audit.action'), dataIndex: 'action', render: (action: AuditEvent['action']) => <ActionTag action={action} /> },
    {
      title: t('audit.objectName'),
      key: 'object',
      render: (_, event) => (
        <>
          {event.object_repr}
          <br />
          <Typography.Text type="secondary">{objectTypeLabel(event.object_type, t)}</Typography.Text>
        </>
      ),
    },
  ]

  return (
    <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
      <Col span={24}>
        <Card title={t('dashboard.activity', { days: ACTIVITY_DAYS })}>
          <Chart option={chartOption} height={220} label={t('dashboard.activity', { days: ACTIVITY_DAYS })} />
        </Card>
      </Col>
      <Col span={24}>
        <Card title={t('dashboard.recentEvents')} extra={<Link to="/audit">{t('dashboard.viewAll')}</Link>}>
          <DataTable<AuditEvent>
            query={recent}
            rows={recent.data?.results ?? []}
            columns={columns}
            pagination={false}
            size="small"
            emptyText={t('audit.empty')}
          />
        </Card>
      </Col>
    </Row>
  )
}
