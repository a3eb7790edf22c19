import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  MinusCircleOutlined,
  SyncOutlined,
} from '@ant-design/icons'
import { Tag } from 'antd'
import type { ReactNode } from 'react'

/** How a state of some long work reads: not started, under way, or over one way or another. */
export type StatusTone = 'waiting' | 'working' | 'success' | 'error' | 'stopped'

const TONES: Record<StatusTone, { color: string; icon: ReactNode }> = {
  waiting: { color: 'default', icon: <ClockCircleOutlined /> },
  working: { color: 'processing', icon: <SyncOutlined spin /> },
  success: { color: 'success', icon: <CheckCircleOutlined /> },
  error: { color: 'error', icon: <CloseCircleOutlined /> },
  stopped: { color: 'warning', icon: <MinusCircleOutlined /> },
}

/** A coloured tag with an icon for the status of a version, a job or any other long work. */
export function StatusTag({ tone, children }: { tone: StatusTone; children: ReactNode }) {
  const { color, icon } = TONES[tone]
  return (
    <Tag color={color} icon={icon}>
      {children}
    </Tag>
  )
}
