import { toSearchFilters, typedValue } from './searchFilters'

const columns = [
  { name: 'age', type: 'int64' },
  { name: 'score', type: 'double' },
  { name: 'city', type: 'string' },
  { name: 'zip', type: 'string' },
  { name: 'active', type: 'bool' },
]

describe('typedValue', () => {
  it('reads what was typed as the column’s type', () => {
    expect(typedValue(' 42 ', 'int64')).toBe(42)
    expect(typedValue('0.5', 'double')).toBe(0.5)
    expect(typedValue('007', 'string')).toBe('007')
    expect(typedValue('true', 'bool')).toBe(true)
    expect(typedValue('old', 'int64')).toBe('old')
  })
})

describe('toSearchFilters', () => {
  it('turns conditions into the API’s filters', () => {
    expect(
      toSearchFilters(
        [
          { column: 'city', operator: 'in', value: 'Beijing, 上海，Shenzhen' },
          { column: 'age', operator: 'gte', value: '30' },
          { column: 'age', operator: 'lte', value: '50' },
          { column: 'zip', operator: 'eq', value: '01234' },
          { column: 'active', operator: 'eq', value: 'false' },
        ],
        columns,
      ),
    ).toEqual({ city: { in: ['Beijing', '上海', 'Shenzhen'] }, age: { gte: 30, lte: 50 }, zip: '01234', active: false })
  })

  it('leaves out unfinished conditions', () => {
    expect(toSearchFilters([{ column: 'age', operator: 'eq' }, { operator: 'eq', value: '3' }, { column: 'city', operator: 'eq', value: ' ' }], columns)).toEqual({})
  })
})
