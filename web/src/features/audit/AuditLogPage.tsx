import { Card, Segmented, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AuditEvent } from '../../api/types'
import { CursorNav } from '../../components/CursorNav'
import { DataTable } from '../../components/DataTable'
import { formatDateTime } from '../../components/format'
import { PageHeader } from '../../components/PageHeader'
import { useCursorList } from '../../hooks/useCursorList'
import { useCurrentUser } from '../auth/AuthProvider'
import { NoOrganizationYet } from '../workspace/NoOrganizationYet'
import { useWorkspace } from '../workspace/WorkspaceProvider'
import { ActionTag } from './ActionTag'
import { ActorCell } from './ActorCell'
import { AUDIT_EVENTS_KEY, fetchAuditEvents } from './api'
import { AuditEventDrawer } from './AuditEventDrawer'
import { AuditFilters, type AuditFilterValues } from './AuditFilters'
import { auditQueryFromFilters } from './auditQuery'
import { objectTypeLabel } from './objectTypes'

/** Operators may also read events outside any organization: sign-ins, users, API keys. */
type AuditScope = 'organization' | 'platform'

export default function AuditLogPage() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const isOperator = user.is_staff || user.is_superuser
  const { organization, projects, isLoading } = useWorkspace()
  const [scope, setScope] = useState<AuditScope>('organization')
  const [filters, setFilters] = useState<AuditFilterValues>({})
  const [selected, setSelected] = useState<AuditEvent>()
  const wholePlatform = isOperator && (scope === 'platform' || (!isLoading && !organization))
  const query = wholePlatform
    ? auditQueryFromFilters(undefined, filters)
    : organization && auditQueryFromFilters(organization.id, filters)
  const list = useCursorList({
    queryKey: [...AUDIT_EVENTS_KEY, query],
    fetchPage: (params) => fetchAuditEvents({ ...query, ...params }),
    enabled: query !== undefined,
  })

  if (!isLoading && !organization && !isOperator) return <NoOrganizationYet title={t('nav.audit')} />

  const projectName = (id: number | null) => (id === null ? '' : (projects.find((p) => p.id === id)?.name ?? `#${id}`))
  const columns: TableColumnsType<AuditEvent> = [
    { title: t('audit.time'), dataIndex: 'time', render: formatDateTime, className: 'nowrap' },
    { title: t('audit.actor'), key: 'actor', render: (_, event) => <ActorCell event={event} /> },
    { title: t('audit.action'), dataIndex: 'action', width: 110, render: (action: AuditEvent['action']) => <ActionTag action={action} /> },
    { title: t('audit.objectType'), dataIndex: 'object_type', render: (type: string) => objectTypeLabel(type, t) },
    { title: t('audit.objectName'), dataIndex: 'object_repr' },
    { title: t('audit.project'), dataIndex: 'project', render: projectName },
  ]

  return (
    <>
      <PageHeader
        title={t('nav.audit')}
        subtitle={
          wholePlatform
            ? t('audit.platformSubtitle')
            : organization && t('audit.subtitle', { organization: organization.name })
        }
        actions={
          isOperator && (
            <Segmented<AuditScope>
              aria-label={t('audit.scope')}
              value={wholePlatform ? 'platform' : 'organization'}
              onChange={setScope}
              options={[
                { value: 'organization', label: t('audit.scopes.organization'), disabled: !organization },
                { value: 'platform', label: t('audit.scopes.platform') },
              ]}
            />
          )
        }
      />
      <Card>
        <AuditFilters projects={wholePlatform ? [] : projects} onChange={setFilters} />
        <DataTable<AuditEvent>
          className="clickable-rows"
          query={list.query}
          rows={list.rows}
          columns={columns}
          pagination={false}
          emptyText={t('audit.empty')}
          onRow={(event) => ({ onClick: () => setSelected(event) })}
        />
        <CursorNav list={list} />
      </Card>
      <AuditEventDrawer event={selected} projectName={projectName} onClose={() => setSelected(undefined)} />
    </>
  )
}
