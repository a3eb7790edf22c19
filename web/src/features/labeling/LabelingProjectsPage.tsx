import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { LabelingProject } from '../../api/types'
import { formatDateTime } from '../../components/format'
import { VersionRef } from '../datasets/refs'
import { ProjectListPage } from '../workspace/ProjectListPage'
import { deleteLabelingProject, fetchLabelingProjects, LABELING_KEY } from './api'
import { labelColor } from './labelColors'
import { LabelingProgress } from './LabelingProgress'
import { LabelingProjectFormModal } from './LabelingProjectFormModal'
import { LabelingStatusTag } from './statusTags'

/** Labels shown in a row; the rest are counted. */
const SHOWN_LABELS = 4

export default function LabelingProjectsPage() {
  const { t } = useTranslation()
  return (
    <ProjectListPage<LabelingProject>
      title={t('nav.labeling')}
      chooseProject={t('labeling.chooseProject')}
      subtitle={(project) => t('labeling.subtitle', { project: project.name })}
      createLabel={t('labeling.new')}
      emptyText={t('labeling.empty')}
      queryKey={LABELING_KEY}
      fetchPage={fetchLabelingProjects}
      pollWhile={(page) => page.results.some((row) => row.status === 'preparing')}
      columns={[
        { title: t('fields.name'), dataIndex: 'name', render: (name, row) => <Link to={`/data/labeling/${row.id}`}>{name}</Link> },
        { title: t('labeling.kind'), dataIndex: 'kind', render: (kind: LabelingProject['kind']) => t(`labeling.kinds.${kind}`) },
        { title: t('labeling.version'), dataIndex: 'version', render: (version: number) => <VersionRef id={version} /> },
        {
          title: t('labeling.labels'),
          dataIndex: 'labels',
          render: (labels: string[]) => (
            <>
              {labels.slice(0, SHOWN_LABELS).map((label) => (
                <Tag key={label} color={labelColor(labels, label)}>
                  {label}
                </Tag>
              ))}
              {labels.length > SHOWN_LABELS && <Tag>+{labels.length - SHOWN_LABELS}</Tag>}
            </>
          ),
        },
        { title: t('labeling.status'), dataIndex: 'status', render: (_, row) => <LabelingStatusTag status={row.status} error={row.error} /> },
        { title: t('labeling.progress'), key: 'progress', render: (_, row) => <LabelingProgress project={row} /> },
        { title: t('fields.createdAt'), dataIndex: 'created_at', render: formatDateTime, className: 'nowrap' },
      ]}
      deletion={{
        remove: deleteLabelingProject,
        confirm: (row) => t('labeling.deleteConfirm', { name: row.name }),
        description: t('labeling.deleteDescription'),
        deleted: (row) => t('labeling.deleted', { name: row.name }),
      }}
      createDialog={(project, onClose) => <LabelingProjectFormModal project={project} onClose={onClose} />}
    />
  )
}
