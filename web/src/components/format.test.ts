import { slugify } from './format'

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
