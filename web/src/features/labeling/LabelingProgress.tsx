import { Progress, Tooltip } from 'antd'
import { useTranslation } from 'react-i18next'
import type { LabelingProject } from '../../api/types'

type Counts = Pick<LabelingProject, 'done_count' | 'skipped_count' | 'task_count'>

/** Done tasks out of all of them, as a bar reading "done/total"; skipped ones show as a second segment. */
export function LabelingProgress({ project }: { project: Counts }) {
  const { t } = useTranslation()
  const { done_count: done, skipped_count: skipped, task_count: total } = project
  const share = (count: number) => (total ? Math.floor((count / total) * 100) : 0)
  return (
    <Tooltip title={t('labeling.progressDetail', { done, skipped, total })}>
      <Progress
        size="small"
        style={{ minWidth: 160, margin: 0 }}
        percent={share(done + skipped)}
        success={{ percent: share(done) }}
        format={() => `${done}/${total}`}
        aria-label={t('labeling.progressDetail', { done, skipped, total })}
      />
    </Tooltip>
  )
}
