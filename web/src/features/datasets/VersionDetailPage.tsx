import { DownloadOutlined, NodeIndexOutlined } from '@ant-design/icons'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Card, Descriptions, Skeleton, Space, Tabs, type TabsProps } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import type { Dataset, DatasetVersion } from '../../api/types'
import { ConfirmDelete } from '../../components/ConfirmDelete'
import { formatBytes, formatDateTime } from '../../components/format'
import { LoadFailed } from '../../components/LoadFailed'
import { PageHeader } from '../../components/PageHeader'
import { pollingInterval } from '../../hooks/polling'
import { newJobPath } from '../jobs/paths'
import { useProjectAccess } from '../workspace/useProjectAccess'
import { useWorkspace } from '../workspace/WorkspaceProvider'
import { DATASETS_KEY, deleteVersion, fetchDataset, fetchVersion, VERSIONS_KEY } from './api'
import { isTabular } from './FormatTag'
import { LineagePanel } from './LineagePanel'
import { PreviewTable } from './PreviewTable'
import { ProfilePanel } from './ProfilePanel'
import { useDownload } from './useDownload'
import { ValidationReportPanel } from './ValidationReportPanel'
import { ManifestFilesTable, SchemaTable } from './VersionContents'
import { isVersionSettled, VersionStatusTag } from './VersionStatusTag'

export default function VersionDetailPage() {
  const { t } = useTranslation()
  const versionId = Number(useParams().versionId)
  const versionQuery = useQuery({
    queryKey: [...VERSIONS_KEY, versionId],
    queryFn: () => fetchVersion(versionId),
    refetchInterval: (query) => pollingInterval(query.state.data && !isVersionSettled(query.state.data.status)),
  })
  const datasetId = versionQuery.data?.dataset
  const datasetQuery = useQuery({
    queryKey: [...DATASETS_KEY, datasetId],
    queryFn: () => fetchDataset(datasetId!),
    enabled: datasetId !== undefined,
  })

  const failed = versionQuery.isError ? versionQuery : datasetQuery.isError ? datasetQuery : undefined
  if (failed) {
    return <LoadFailed title={t('datasets.versionLoadFailed')} error={failed.error} backTo="/data/datasets" backLabel={t('datasets.backToList')} />
  }
  if (!versionQuery.data || !datasetQuery.data) return <Skeleton active />
  return <VersionDetail version={versionQuery.data} dataset={datasetQuery.data} />
}

function VersionDetail({ version, dataset }: { version: DatasetVersion; dataset: Dataset }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const access = useProjectAccess(version.project)
  const { selectProject } = useWorkspace()
  const download = useDownload(version.id)
  const ready = version.status === 'ready'
  const onlyFile = version.files.length === 1 ? version.files[0] : undefined

  const tabs: TabsProps['items'] = [
    ...(ready
      ? [
          { key: 'preview', label: t('datasets.preview'), children: <PreviewTable versionId={version.id} /> },
          { key: 'profile', label: t('datasets.profile'), children: <ProfilePanel versionId={version.id} /> },
          { key: 'schema', label: t('datasets.schema'), children: <SchemaTable columns={version.schema} /> },
        ]
      : []),
    { key: 'files', label: t('datasets.files'), children: <ManifestFilesTable version={version} /> },
    { key: 'report', label: t('datasets.validationReport'), children: <ValidationReportPanel report={version.validation_report} /> },
    { key: 'lineage', label: t('datasets.lineage'), children: <LineagePanel versionId={version.id} /> },
  ]

  return (
    <>
      <PageHeader
        title={
          <Space>
            {`${dataset.name} · ${t('datasets.versionLabel', { number: version.number })}`}
            <VersionStatusTag status={version.status} />
          </Space>
        }
        subtitle={<Link to={`/data/datasets/${dataset.id}`}>{t('datasets.backToDataset', { name: dataset.name })}</Link>}
        actions={
          <>
            {ready && onlyFile && (
              <Button icon={<DownloadOutlined />} loading={download.downloading !== undefined} onClick={() => download.start(onlyFile.path)}>
                {t('datasets.download')}
              </Button>
            )}
            {ready && access.canWrite && isTabular(dataset.format) && (
              <Link to={newJobPath({ input: version.id })} onClick={() => selectProject(version.project)}>
                <Button icon={<NodeIndexOutlined />}>{t('datasets.process')}</Button>
              </Link>
            )}
            {access.canDelete && (
              <ConfirmDelete
                buttonType="default"
                title={t('datasets.deleteVersionConfirm', { number: version.number })}
                description={t('datasets.deleteVersionDescription')}
                successMessage={t('datasets.versionDeleted', { number: version.number })}
                onConfirm={async () => {
                  await deleteVersion(version.id)
                  navigate(`/data/datasets/${dataset.id}`, { replace: true })
                  await Promise.all([
                    queryClient.invalidateQueries({ queryKey: VERSIONS_KEY }),
                    queryClient.invalidateQueries({ queryKey: DATASETS_KEY }),
                  ])
                }}
              />
            )}
          </>
        }
      />
      {version.status === 'failed' && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} message={t('datasets.failedTitle')} description={version.failure_reason} />
      )}
      {!isVersionSettled(version.status) && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('datasets.validatingNote')} />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('datasets.rows')}>{version.row_count?.toLocaleString() ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('datasets.size')}>{formatBytes(version.total_bytes)}</Descriptions.Item>
          <Descriptions.Item label={t('datasets.files')}>{version.files.length}</Descriptions.Item>
          <Descriptions.Item label={t('datasets.message')}>{version.message || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('fields.createdAt')}>{formatDateTime(version.created_at)}</Descriptions.Item>
          <Descriptions.Item label={t('datasets.readyAt')}>{formatDateTime(version.ready_at) || '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card>
        {/* A version that becomes ready opens on its preview. */}
        <Tabs key={String(ready)} items={tabs} />
      </Card>
    </>
  )
}
