import { installFakeXhr } from '../test/fakeXhr'
import { mockApi } from '../test/mockApi'
import { ApiError } from './errors'
import { tokenStore } from './tokens'
import { postFormWithProgress } from './upload'

describe('postFormWithProgress', () => {
  it('sends the form with the bearer token and reports the share sent', async () => {
    tokenStore.set({ access: 'a1', refresh: 'r1' })
    const requests = installFakeXhr()
    const onProgress = vi.fn()
    const form = new FormData()

    const answer = postFormWithProgress('/api/v1/datasets/3/versions/', form, { onProgress })
    const [request] = requests
    request!.progress(50, 200)
    request!.progress(200, 200)
    request!.respond(202, { id: 7, status: 'validating' })

    await expect(answer).resolves.toEqual({ id: 7, status: 'validating' })
    expect(request!.method).toBe('POST')
    expect(request!.url).toBe(`${window.location.origin}/api/v1/datasets/3/versions/`)
    expect(request!.headers.Authorization).toBe('Bearer a1')
    expect(request!.body).toBe(form)
    expect(onProgress.mock.calls).toEqual([[0.25], [1]])
  })

  it('refreshes an expired session once and sends the form again', async () => {
    tokenStore.set({ access: 'old', refresh: 'r1' })
    const server = mockApi({ 'POST /api/v1/auth/token/refresh/': { body: { access: 'new', refresh: 'r2' } } })
    const requests = installFakeXhr()

    const answer = postFormWithProgress('/api/v1/datasets/3/versions/', new FormData())
    requests[0]!.respond(401, { error: { code: 'not_authenticated', message: 'Token expired.', details: {} } })
    await vi.waitFor(() => expect(requests).toHaveLength(2))
    requests[1]!.respond(201, { id: 8 })

    await expect(answer).resolves.toEqual({ id: 8 })
    expect(requests[1]!.headers.Authorization).toBe('Bearer new')
    expect(server.callsTo('POST /api/v1/auth/token/refresh/')).toHaveLength(1)
  })

  it('rejects with the API error, or an AbortError when cancelled', async () => {
    tokenStore.set({ access: 'a1', refresh: 'r1' })
    const requests = installFakeXhr()

    const refused = postFormWithProgress('/api/v1/datasets/3/versions/', new FormData())
    requests[0]!.respond(413, { error: { code: 'quota_exceeded', message: 'The storage quota is used up.', details: {} } })
    await expect(refused).rejects.toEqual(new ApiError(413, 'quota_exceeded', 'The storage quota is used up.'))

    const controller = new AbortController()
    const cancelled = postFormWithProgress('/api/v1/datasets/3/versions/', new FormData(), { signal: controller.signal })
    controller.abort()
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' })
    expect(requests[1]!.aborted).toBe(true)
  })
})
