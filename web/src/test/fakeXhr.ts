/** One XMLHttpRequest the code under test sent; the test drives its progress and answer. */
export class FakeXhr {
  method = ''
  url = ''
  headers: Record<string, string> = {}
  body: Document | XMLHttpRequestBodyInit | null = null
  status = 0
  responseText = ''
  upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null }
  onload: (() => void) | null = null
  onerror: (() => void) | null = null
  onabort: (() => void) | null = null
  aborted = false

  constructor(private readonly sent: FakeXhr[]) {}

  open(method: string, url: string) {
    this.method = method
    this.url = url
  }

  setRequestHeader(name: string, value: string) {
    this.headers[name] = value
  }

  send(body: Document | XMLHttpRequestBodyInit | null) {
    this.body = body
    this.sent.push(this)
  }

  abort() {
    this.aborted = true
    this.onabort?.()
  }

  /** Reports that `loaded` of `total` bytes have gone out. */
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total } as ProgressEvent)
  }

  respond(status: number, body: unknown) {
    this.status = status
    this.responseText = JSON.stringify(body)
    this.onload?.()
  }
}

/** Replaces XMLHttpRequest (used for uploads with progress); returns the requests as they are sent. */
export function installFakeXhr(): FakeXhr[] {
  const sent: FakeXhr[] = []
  vi.stubGlobal(
    'XMLHttpRequest',
    class extends FakeXhr {
      constructor() {
        super(sent)
      }
    },
  )
  return sent
}
