import dayjs from 'dayjs'
import { toKafkaWindow } from './kafkaWindow'

describe('toKafkaWindow', () => {
  it('sends a window by offsets, with partitions as numbers', () => {
    expect(
      toKafkaWindow({ dataset: 5, by: 'offset', start_offset: 0, end_offset: 100, times: [dayjs(), null], partitions: ['0', '2'], max_messages: 50 }),
    ).toEqual({ dataset: 5, start_offset: 0, end_offset: 100, partitions: [0, 2], max_messages: 50 })
  })

  it('sends a window by time with an open end, and the default maximum', () => {
    const start = dayjs('2026-03-01T08:00:00Z')
    expect(toKafkaWindow({ dataset: 5, by: 'time', start_offset: 0, times: [start, null] })).toEqual({
      dataset: 5,
      start_time: '2026-03-01T08:00:00.000Z',
      max_messages: 100_000,
    })
  })
})
