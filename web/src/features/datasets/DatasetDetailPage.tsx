import { NodeIndexOutlined } from '@ant-design/icons'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, Card, Col, Descriptions, Row, Skeleton, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { ConfirmDelete } from '../../components/ConfirmDelete'
import { formatDateTime } from '../../components/format'
import { LoadFailed } from '../../components/LoadFailed'
import { PageHeader } from '../../components/PageHeader'
import { newJobPath } from '../jobs/paths'
import { useProjectAccess } from '../workspace/useProjectAccess'
import { useWorkspace } from '../workspace/WorkspaceProvider'
import { DATASETS_KEY, deleteDataset, fetchDataset } from './api'
import { FormatTag, isTabular } from './FormatTag'
import { VersionsTable } from './VersionsTable'
import { VersionUploader } from './VersionUploader'

export default function DatasetDetailPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const { projects, selectProject } = useWorkspace()
  const datasetId = Number(useParams().datasetId)
  const datasetQuery = useQuery({ queryKey: [...DATASETS_KEY, datasetId], queryFn: () => fetchDataset(datasetId) })
  const access = useProjectAccess(datasetQuery.data?.project)

  if (datasetQuery.isPending) return <Skeleton active />
  if (datasetQuery.isError) {
    return <LoadFailed title={t('datasets.loadFailed')} error={datasetQuery.error} backTo="/data/datasets" backLabel={t('datasets.backToList')} />
  }
  const dataset = datasetQuery.data
  const projectName = projects.find((project) => project.id === dataset.project)?.name ?? `#${dataset.project}`
  return (
    <>
      <PageHeader
        title={dataset.name}
        subtitle={<Link to="/data/datasets">{t('datasets.backToList')}</Link>}
        actions={
          <>
            {access.canWrite && isTabular(dataset.format) && (
              <Link to={newJobPath({ target: dataset.id })} onClick={() => selectProject(dataset.project)}>
                <Button icon={<NodeIndexOutlined />}>{t('datasets.processInto')}</Button>
              </Link>
            )}
            {access.canDelete && (
              <ConfirmDelete
                buttonType="default"
                title={t('datasets.deleteConfirm', { name: dataset.name })}
                description={t('datasets.deleteDescription')}
                successMessage={t('datasets.deleted', { name: dataset.name })}
                onConfirm={async () => {
                  await deleteDataset(dataset.id)
                  navigate('/data/datasets', { replace: true })
                  await queryClient.invalidateQueries({ queryKey: DATASETS_KEY })
                }}
              />
            )}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={access.canWrite ? 12 : 24}>
          <Card title={t('common.details')} style={{ height: '100%' }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('header.project')}>{projectName}</Descriptions.Item>
              <Descriptions.Item label={t('datasets.format')}>
                <FormatTag format={dataset.format} />
              </Descriptions.Item>
              <Descriptions.Item label={t('datasets.tags')}>
                {dataset.tags?.length ? dataset.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('fields.description')}>{dataset.description || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('fields.createdAt')}>{formatDateTime(dataset.created_at)}</Descriptions.Item>
              <Descriptions.Item label={t('datasets.updatedAt')}>{formatDateTime(dataset.updated_at)}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        {access.canWrite && (
          <Col xs={24} lg={12}>
            <Card title={t('datasets.uploadTitle')}>
              <VersionUploader dataset={dataset} />
            </Card>
          </Col>
        )}
        <Col span={24}>
          <Card title={t('datasets.versions')}>
            <VersionsTable datasetId={dataset.id} canDelete={access.canDelete} />
          </Card>
        </Col>
      </Row>
    </>
  )
}
