import dayjs from 'dayjs'
import i18n from '../../i18n'
import { auditQueryFromFilters } from './auditQuery'
import { countEventsPerDay, fieldChanges, formatChangeValue } from './changes'
import { objectTypeLabel } from './objectTypes'

describe('fieldChanges', () => {
  it('turns {field: [old, new]} into rows', () => {
    expect(fieldChanges({ name: ['Old', 'New'], scopes: [null, ['read']] })).toEqual([
      { field: 'name', before: 'Old', after: 'New' },
      { field: 'scopes', before: null, after: ['read'] },
    ])
  })

  it('keeps values of another shape as the new value and ignores non-objects', () => {
    expect(fieldChanges({ note: 'set' })).toEqual([{ field: 'note', before: undefined, after: 'set' }])
    expect(fieldChanges(null)).toEqual([])
    expect(fieldChanges(['a'])).toEqual([])
  })

  it('formats values for display', () => {
    expect(formatChangeValue(null)).toBe('∅')
    expect(formatChangeValue(['read', 'write'])).toBe('["read","write"]')
    expect(formatChangeValue('text')).toBe('text')
  })
})

describe('countEventsPerDay', () => {
  it('counts events per day, including days without any', () => {
    const today = dayjs('2026-03-10T12:00:00')
    const events = [
      { time: dayjs('2026-03-10T09:00:00').toISOString() },
      { time: dayjs('2026-03-10T10:00:00').toISOString() },
      { time: dayjs('2026-03-08T10:00:00').toISOString() },
      { time: dayjs('2026-02-01T10:00:00').toISOString() },
    ]

    expect(countEventsPerDay(events, 3, today)).toEqual([
      { day: '2026-03-08', count: 1 },
      { day: '2026-03-09', count: 0 },
      { day: '2026-03-10', count: 2 },
    ])
  })
})

describe('auditQueryFromFilters', () => {
  it('covers everything the caller may see when no organization is given', () => {
    expect(auditQueryFromFilters(undefined, { action: ['login'] })).toEqual({ action: ['login'] })
  })

  it('leaves out empty filters and makes the end of the period exclusive', () => {
    const query = auditQueryFromFilters(7, {
      action: ['create'],
      actor: ' ada@example.com ',
      object_type: '',
      period: [dayjs('2026-03-01T15:00:00'), dayjs('2026-03-02T15:00:00')],
    })

    expect(query).toEqual({
      organization: 7,
      action: ['create'],
      actor: 'ada@example.com',
      since: dayjs('2026-03-01T00:00:00').toISOString(),
      until: dayjs('2026-03-03T00:00:00').toISOString(),
    })
  })
})

describe('objectTypeLabel', () => {
  it('names known models in the current language and shows unknown ones by model name', async () => {
    expect(objectTypeLabel('platform_core.apikey', i18n.t)).toBe('API key')
    expect(objectTypeLabel('data_platform.datasetversion', i18n.t)).toBe('Dataset version')
    expect(objectTypeLabel('datasets.datasetversion', i18n.t)).toBe('datasetversion')
    await i18n.changeLanguage('zh-CN')
    expect(objectTypeLabel('platform_core.projectmembership', i18n.t)).toBe('项目成员')
  })
})
