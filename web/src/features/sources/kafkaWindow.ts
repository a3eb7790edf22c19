import type { Dayjs } from 'dayjs'
import type { KafkaWindowRequest } from '../../api/types'

/** What the API reads at most when not told otherwise. */
export const DEFAULT_MAX_MESSAGES = 100_000

/** A topic window as the consume form holds it: by offsets or by time, on some or all partitions. */
export interface KafkaWindowValues {
  dataset: number
  by: 'offset' | 'time'
  start_offset?: number | null
  end_offset?: number | null
  /** [start, end]; the end may be left open. */
  times?: [Dayjs | null, Dayjs | null] | null
  /** Partition numbers as typed (tags). */
  partitions?: string[]
  max_messages?: number | null
}

/** The consume request for a form's window; empty bounds and partitions are left to the API's defaults. */
export function toKafkaWindow(values: KafkaWindowValues): KafkaWindowRequest {
  const request: KafkaWindowRequest = { dataset: values.dataset, max_messages: values.max_messages ?? DEFAULT_MAX_MESSAGES }
  if (values.by === 'offset') {
    if (values.start_offset != null) request.start_offset = values.start_offset
    if (values.end_offset != null) request.end_offset = values.end_offset
  } else {
    const [start, end] = values.times ?? [null, null]
    if (start) request.start_time = start.toISOString()
    if (end) request.end_time = end.toISOString()
  }
  if (values.partitions?.length) request.partitions = values.partitions.map(Number)
  return request
}
