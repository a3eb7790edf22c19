import { newStep, primaryInput, schemasBeforeSteps, toPipelineSpec, typedValue, type Schema, type StepValues } from './pipeline'

const people: Schema = { id: 'int64', name: 'string', age: 'int64', member: 'bool' }
const cities: Schema = { id: 'int64', city: 'string' }

describe('job builder steps', () => {
  it('types filter values as the column wants them and combines several conditions', () => {
    const steps: StepValues[] = [
      {
        op: 'filter',
        match: 'any',
        conditions: [
          { column: 'age', op: '>=', value: '30' },
          { column: 'name', op: 'in', value: 'Ada, Grace' },
          { column: 'member', op: '==', value: 'true' },
          { column: 'name', op: 'is_null', value: 'ignored' },
        ],
      },
      { op: 'filter', match: 'all', conditions: [{ column: 'id', op: 'in', value: '1,2,x' }] },
    ]

    expect(toPipelineSpec([5], steps, { 5: people })).toEqual({
      steps: [
        {
          op: 'filter',
          where: {
            any: [
              { column: 'age', op: '>=', value: 30 },
              { column: 'name', op: 'in', value: ['Ada', 'Grace'] },
              { column: 'member', op: '==', value: true },
              { column: 'name', op: 'is_null' },
            ],
          },
        },
        // A single condition needs no combination; what is not a number is left for the API to refuse.
        { op: 'filter', where: { column: 'id', op: 'in', value: [1, 2, 'x'] } },
      ],
    })
  })

  it('turns rows of renames, fills and casts into objects keyed by column', () => {
    const steps: StepValues[] = [
      { op: 'rename', pairs: [{ from: 'name', to: 'full_name' }] },
      { op: 'fill_missing', fills: [{ column: 'age', value: '0' }, { column: 'full_name', value: 'unknown' }] },
      { op: 'cast', casts: [{ column: 'age', type: 'float' }] },
      { op: 'drop_duplicates', columns: [] },
      { op: 'sample', by: 'fraction', n: 1000, fraction: 0.1, seed: 3 },
    ]

    expect(toPipelineSpec([5], steps, { 5: people }).steps).toEqual([
      { op: 'rename', columns: { name: 'full_name' } },
      { op: 'fill_missing', values: { age: 0, full_name: 'unknown' } },
      { op: 'cast', columns: { age: 'float' } },
      { op: 'drop_duplicates' },
      { op: 'sample', fraction: 0.1, seed: 3 },
    ])
  })

  it('follows the schema through the steps, joins included', () => {
    const steps: StepValues[] = [
      { op: 'join', version: 6, on: ['id'], how: 'left', suffix: '_right' },
      { op: 'select', columns: ['name', 'city'] },
      { op: 'cast', casts: [{ column: 'name', type: 'integer' }] },
      { op: 'split', test_fraction: 0.2, column: 'part' },
      newStep('sample'),
    ]

    const before = schemasBeforeSteps(people, steps, { 5: people, 6: cities })

    expect(before.map(Object.keys)).toEqual([
      ['id', 'name', 'age', 'member'],
      ['id', 'name', 'age', 'member', 'city'],
      ['name', 'city'],
      ['name', 'city'],
      ['name', 'city', 'part'],
    ])
    expect(before[3]?.name).toBe('int64')
  })

  it('transforms the first input that no join step reads', () => {
    expect(primaryInput([6, 5], [{ op: 'join', version: 6 }])).toBe(5)
    expect(primaryInput([6, 5], [])).toBe(6)
    expect(primaryInput([], [])).toBeUndefined()
  })

  it.each([
    ['42', 'int64', 42],
    ['4.5', 'double', 4.5],
    ['', 'int64', ''],
    ['false', 'bool', false],
    ['007', 'string', '007'],
  ])('types %j for a %s column as %j', (text, type, typed) => {
    expect(typedValue(text, type)).toBe(typed)
  })
})
