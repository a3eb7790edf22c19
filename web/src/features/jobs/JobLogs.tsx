import { Alert, Button, Empty, Typography } from 'antd'
import dayjs from 'dayjs'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { describeError } from '../../api/describeError'
import { useJobLogs } from './useJobLogs'

const LEVEL_COLORS: Record<string, string> = { ERROR: '#ff7875', WARNING: '#ffc069' }

/** A job's log, oldest line first, growing live while the job runs. Key it by job. */
export function JobLogs({ jobId }: { jobId: number }) {
  const { t } = useTranslation()
  const { lines, ended, error, retry } = useJobLogs(jobId)
  const box = useRef<HTMLDivElement>(null)

  // New lines scroll the log box (not the page) to its end.
  useEffect(() => {
    if (box.current) box.current.scrollTop = box.current.scrollHeight
  }, [lines.length])

  return (
    <>
      {error !== undefined && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('jobs.logsFailed')}
          description={describeError(error, t)}
          action={<Button onClick={retry}>{t('common.retry')}</Button>}
        />
      )}
      {lines.length === 0 && ended ? (
        <Empty description={t('jobs.logsEmpty')} />
      ) : (
        <div ref={box} className="zt-log" role="log" aria-label={t('jobs.logs')}>
          {lines.map((line) => (
            <div key={line.id} style={{ color: LEVEL_COLORS[line.level] }}>
              <span className="zt-log-time">{dayjs(line.time).format('HH:mm:ss')}</span> {line.level.padEnd(7)} {line.message}
            </div>
          ))}
          {!ended && error === undefined && <Typography.Text className="zt-log-live">{t('jobs.following')}</Typography.Text>}
        </div>
      )}
    </>
  )
}
