import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { Dataset } from '../../api/types'
import { formatDateTime } from '../../components/format'
import { ProjectListPage } from '../workspace/ProjectListPage'
import { DATASETS_KEY, deleteDataset, fetchDatasets } from './api'
import { DatasetFormModal } from './DatasetFormModal'
import { FormatTag } from './FormatTag'

export default function DatasetsPage() {
  const { t } = useTranslation()
  return (
    <ProjectListPage<Dataset>
      title={t('nav.datasets')}
      chooseProject={t('datasets.chooseProject')}
      subtitle={(project) => t('datasets.subtitle', { project: project.name })}
      createLabel={t('datasets.new')}
      emptyText={t('datasets.empty')}
      queryKey={DATASETS_KEY}
      fetchPage={fetchDatasets}
      columns={[
        { title: t('fields.name'), dataIndex: 'name', render: (name, dataset) => <Link to={`/data/datasets/${dataset.id}`}>{name}</Link> },
        { title: t('datasets.format'), dataIndex: 'format', render: (format: Dataset['format']) => <FormatTag format={format} /> },
        { title: t('datasets.tags'), dataIndex: 'tags', render: (tags: string[] = []) => tags.map((tag) => <Tag key={tag}>{tag}</Tag>) },
        { title: t('datasets.versions'), dataIndex: 'version_count', align: 'right' },
        { title: t('datasets.updatedAt'), dataIndex: 'updated_at', render: formatDateTime, className: 'nowrap' },
      ]}
      deletion={{
        remove: deleteDataset,
        confirm: (dataset) => t('datasets.deleteConfirm', { name: dataset.name }),
        description: t('datasets.deleteDescription'),
        deleted: (dataset) => t('datasets.deleted', { name: dataset.name }),
      }}
      createDialog={(project, onClose) => <DatasetFormModal project={project} onClose={onClose} />}
    />
  )
}
