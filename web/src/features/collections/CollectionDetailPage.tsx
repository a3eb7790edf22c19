import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, Card, Descriptions, Progress, Skeleton, Space, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import type { VectorCollection } from '../../api/types'
import { ConfirmDelete } from '../../components/ConfirmDelete'
import { formatDateTime } from '../../components/format'
import { LoadFailed } from '../../components/LoadFailed'
import { PageHeader } from '../../components/PageHeader'
import { pollingInterval } from '../../hooks/polling'
import { fetchVersion, VERSIONS_KEY } from '../datasets/api'
import { VersionRef } from '../datasets/refs'
import { useProjectAccess } from '../workspace/useProjectAccess'
import { COLLECTIONS_KEY, deleteCollection, fetchCollection } from './api'
import { CollectionStatusTag } from './CollectionStatusTag'
import { RebuildButton } from './RebuildButton'
import { SearchPanel } from './SearchPanel'

export default function CollectionDetailPage() {
  const { t } = useTranslation()
  const id = Number(useParams().collectionId)
  const collectionQuery = useQuery({
    queryKey: [...COLLECTIONS_KEY, id],
    queryFn: () => fetchCollection(id),
    refetchInterval: (query) => pollingInterval(query.state.data?.status === 'building'),
  })
  if (collectionQuery.isPending) return <Skeleton active />
  if (collectionQuery.isError) {
    return <LoadFailed title={t('collections.loadFailed')} error={collectionQuery.error} backTo="/data/collections" backLabel={t('collections.backToList')} />
  }
  return <CollectionDetail collection={collectionQuery.data} />
}

function CollectionDetail({ collection }: { collection: VectorCollection }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const access = useProjectAccess(collection.project)
  // The version's column types tell how typed filter values are read (numbers, booleans, text).
  const version = useQuery({ queryKey: [...VERSIONS_KEY, collection.version], queryFn: () => fetchVersion(collection.version) })

  return (
    <>
      <PageHeader
        title={
          <Space>
            {collection.name}
            <CollectionStatusTag collection={collection} />
          </Space>
        }
        subtitle={<Link to="/data/collections">{t('collections.backToList')}</Link>}
        actions={
          <>
            {access.canWrite && <RebuildButton collection={collection} buttonType="default" />}
            {access.canDelete && (
              <ConfirmDelete
                buttonType="default"
                title={t('collections.deleteConfirm', { name: collection.name })}
                description={t('collections.deleteDescription')}
                successMessage={t('collections.deleted', { name: collection.name })}
                onConfirm={async () => {
                  await deleteCollection(collection.id)
                  navigate('/data/collections', { replace: true })
                  await queryClient.invalidateQueries({ queryKey: COLLECTIONS_KEY })
                }}
              />
            )}
          </>
        }
      />
      <Card title={t('common.details')} style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('collections.version')}>
            <VersionRef id={collection.version} />
          </Descriptions.Item>
          <Descriptions.Item label={t('collections.textColumn')}>
            <Tag color="blue">{collection.text_column}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('collections.metadataColumns')}>
            {collection.metadata_columns?.length ? collection.metadata_columns.map((name) => <Tag key={name}>{name}</Tag>) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('collections.items')}>{collection.item_count}</Descriptions.Item>
          <Descriptions.Item label={t('collections.model')}>
            {collection.embedding_model} {collection.dimensions > 0 && t('collections.dimensions', { dimensions: collection.dimensions })}
          </Descriptions.Item>
          <Descriptions.Item label={t('collections.backend')}>{collection.backend}</Descriptions.Item>
          <Descriptions.Item label={t('fields.createdAt')}>{formatDateTime(collection.created_at)}</Descriptions.Item>
        </Descriptions>
        {collection.status === 'building' && (
          <Progress percent={Math.floor((collection.progress ?? 0) * 100)} status="active" style={{ marginTop: 8 }} />
        )}
      </Card>
      {collection.status === 'failed' && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} message={t('collections.failedTitle')} description={collection.error} />
      )}
      {collection.status === 'building' && <Alert type="info" showIcon message={t('collections.buildingNote')} />}
      {collection.status === 'ready' && <SearchPanel collection={collection} columns={version.data?.schema ?? []} />}
    </>
  )
}
