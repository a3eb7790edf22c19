import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { VectorCollection } from '../../api/types'
import { formatDateTime } from '../../components/format'
import { VersionRef } from '../datasets/refs'
import { ProjectListPage } from '../workspace/ProjectListPage'
import { COLLECTIONS_KEY, deleteCollection, fetchCollections } from './api'
import { CollectionFormModal } from './CollectionFormModal'
import { CollectionStatusTag } from './CollectionStatusTag'
import { RebuildButton } from './RebuildButton'

export default function CollectionsPage() {
  const { t } = useTranslation()
  return (
    <ProjectListPage<VectorCollection>
      title={t('nav.collections')}
      chooseProject={t('collections.chooseProject')}
      subtitle={(project) => t('collections.subtitle', { project: project.name })}
      createLabel={t('collections.new')}
      emptyText={t('collections.empty')}
      queryKey={COLLECTIONS_KEY}
      fetchPage={fetchCollections}
      pollWhile={(page) => page.results.some((collection) => collection.status === 'building')}
      columns={[
        { title: t('fields.name'), dataIndex: 'name', render: (name, collection) => <Link to={`/data/collections/${collection.id}`}>{name}</Link> },
        { title: t('collections.version'), dataIndex: 'version', render: (version: number) => <VersionRef id={version} /> },
        { title: t('collections.textColumn'), dataIndex: 'text_column', render: (column: string) => <Tag color="blue">{column}</Tag> },
        {
          title: t('collections.metadataColumns'),
          dataIndex: 'metadata_columns',
          render: (names: string[] = []) => (names.length ? names.map((name) => <Tag key={name}>{name}</Tag>) : '—'),
        },
        { title: t('collections.status'), key: 'status', render: (_, collection) => <CollectionStatusTag collection={collection} /> },
        { title: t('collections.items'), dataIndex: 'item_count', align: 'right' },
        { title: t('fields.createdAt'), dataIndex: 'created_at', render: formatDateTime, className: 'nowrap' },
      ]}
      rowActions={(collection, access) => access.canWrite && <RebuildButton collection={collection} />}
      deletion={{
        remove: deleteCollection,
        confirm: (collection) => t('collections.deleteConfirm', { name: collection.name }),
        description: t('collections.deleteDescription'),
        deleted: (collection) => t('collections.deleted', { name: collection.name }),
      }}
      createDialog={(project, onClose) => <CollectionFormModal project={project} onClose={onClose} />}
    />
  )
}
