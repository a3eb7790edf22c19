/** What a new job can start with when the builder is opened from a dataset or a version. */
export interface NewJobPreset {
  /** A version to read. */
  input?: number
  /** The dataset to write to. */
  target?: number
}

/** The jobs page with its builder open, preset with `preset`. */
export function newJobPath({ input, target }: NewJobPreset = {}): string {
  const query = new URLSearchParams({ new: '1' })
  if (input !== undefined) query.set('input', String(input))
  if (target !== undefined) query.set('target', String(target))
  return `/data/jobs?${query.toString()}`
}

/** The preset a jobs page address holds; undefined when its builder is closed. */
export function newJobPresetOf(query: URLSearchParams): NewJobPreset | undefined {
  if (query.get('new') !== '1') return undefined
  const id = (name: string) => {
    const value = Number(query.get(name))
    return Number.isInteger(value) && value > 0 ? value : undefined
  }
  return { input: id('input'), target: id('target') }
}
