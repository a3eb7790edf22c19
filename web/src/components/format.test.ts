import { formatBytes, slugify } from './format'

describe('slugify', () => {
  it.each([
    ['Vision Team', 'vision-team'],
    ['  Données & Modèles  ', 'donnees-modeles'],
    ['数据中台', ''],
    ['A--B__C', 'a-b-c'],
  ])('%s → %s', (name, slug) => {
    expect(slugify(name)).toBe(slug)
  })

  it('stays within the 50 characters the API accepts', () => {
    expect(slugify('x'.repeat(80))).toHaveLength(50)
  })
})

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [900, '900 B'],
    [1536, '1.5 KB'],
    [25 * 1024 * 1024, '25 MB'],
    [3 * 1024 ** 5, '3072 TB'],
  ])('%d → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text)
  })
})
