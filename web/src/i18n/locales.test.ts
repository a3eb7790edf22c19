import en from '../locales/en.json'
import zhCN from '../locales/zh-CN.json'

/** Every key path of a catalogue, with the type of its value (string or list). */
function shape(catalogue: object, prefix = ''): Record<string, string> {
  return Object.entries(catalogue).reduce<Record<string, string>>((paths, [key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key
    if (Array.isArray(value)) return { ...paths, [path]: `list of ${value.length}` }
    if (typeof value === 'object' && value !== null) return { ...paths, ...shape(value, path) }
    return { ...paths, [path]: 'string' }
  }, {})
}

function leaves(catalogue: object): string[] {
  return Object.values(catalogue).flatMap((value) =>
    typeof value === 'object' && value !== null ? leaves(value) : [String(value)],
  )
}

describe('locale catalogues', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect(shape(zhCN)).toEqual(shape(en))
  })

  it.each([
    ['en', en],
    ['zh-CN', zhCN],
  ])('%s has no empty strings', (_, catalogue) => {
    expect(leaves(catalogue).filter((text) => text.trim() === '')).toEqual([])
  })

  it('uses the same interpolation variables in both languages', () => {
    const variables = (text: string) => [...text.matchAll(/{{(\w+)}}/g)].map((match) => match[1]).sort()
    const enTexts = Object.entries(shape(en)).map(([path]) => path)
    for (const path of enTexts) {
      const read = (catalogue: object) =>
        path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], catalogue)
      const english = read(en)
      if (typeof english !== 'string') continue
      expect(variables(String(read(zhCN))), path).toEqual(variables(english))
    }
  })
})
