import { renewedAccessToken } from './client'
import { apiErrorFromResponse, networkError } from './errors'
import { tokenStore } from './tokens'

export interface UploadOptions {
  /** Called as the body goes out, with the share sent so far (0 to 1). */
  onProgress?: (fraction: number) => void
  signal?: AbortSignal
}

interface XhrResult {
  status: number
  body: unknown
}

function parsedBody(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function send(url: string, form: FormData, access: string | undefined, { onProgress, signal }: UploadOptions) {
  return new Promise<XhrResult>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', url)
    xhr.setRequestHeader('Accept', 'application/json')
    if (access) xhr.setRequestHeader('Authorization', `Bearer ${access}`)
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total)
    }
    xhr.onload = () => resolve({ status: xhr.status, body: parsedBody(xhr.responseText) })
    xhr.onerror = () => reject(networkError(new Error('The upload was interrupted.')))
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'))
    signal?.addEventListener('abort', () => xhr.abort(), { once: true })
    xhr.send(form)
  })
}

/**
 * POSTs a multipart form with XMLHttpRequest, because fetch cannot report upload progress.
 * Authenticates as the typed client does: the session's bearer token, and on 401 one refresh and
 * a second attempt. Resolves to the parsed JSON answer; rejects with an ApiError, or an
 * AbortError when `signal` aborts.
 */
export async function postFormWithProgress<T>(path: string, form: FormData, options: UploadOptions = {}): Promise<T> {
  const url = `${window.location.origin}${path}`
  const sentWith = tokenStore.get()?.access
  let result = await send(url, form, sentWith, options)
  if (result.status === 401 && sentWith) {
    const renewed = await renewedAccessToken(sentWith)
    if (renewed) result = await send(url, form, renewed, options)
  }
  if (result.status < 200 || result.status >= 300) throw apiErrorFromResponse(result.status, result.body)
  return result.body as T
}
