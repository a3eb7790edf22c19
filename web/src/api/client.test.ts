import { mockApi, validationError } from '../test/mockApi'
import { api, unwrap } from './client'
import { ApiError } from './errors'
import { tokenStore } from './tokens'

const ME = 'GET /api/v1/me/'
const REFRESH = 'POST /api/v1/auth/token/refresh/'

describe('api client', () => {
  it('sends the access token as a bearer token', async () => {
    tokenStore.set({ access: 'a1', refresh: 'r1' })
    const server = mockApi({ [ME]: { body: { id: 1 } } })

    await unwrap(api.GET('/api/v1/me/'))

    expect(server.callsTo(ME)[0]?.authorization).toBe('Bearer a1')
  })

  it('refreshes once on 401 and retries every waiting request with the new token', async () => {
    tokenStore.set({ access: 'old', refresh: 'r1' })
    const server = mockApi({
      [ME]: (call) => (call.authorization === 'Bearer new' ? { body: { id: 1 } } : { status: 401, body: {} }),
      [REFRESH]: { body: { access: 'new', refresh: 'r2' } },
    })

    const results = await Promise.all([unwrap(api.GET('/api/v1/me/')), unwrap(api.GET('/api/v1/me/'))])

    expect(results).toEqual([{ id: 1 }, { id: 1 }])
    expect(server.callsTo(REFRESH)).toHaveLength(1)
    expect(server.callsTo(REFRESH)[0]?.body).toEqual({ refresh: 'r1' })
    expect(tokenStore.get()).toEqual({ access: 'new', refresh: 'r2' })
  })

  it('ends the session as expired when the refresh token is refused', async () => {
    tokenStore.set({ access: 'old', refresh: 'r1' })
    mockApi({ [ME]: { status: 401, body: {} }, [REFRESH]: { status: 401, body: {} } })
    const listener = vi.fn()
    tokenStore.subscribe(listener)

    await expect(unwrap(api.GET('/api/v1/me/'))).rejects.toMatchObject({ status: 401 })

    expect(tokenStore.get()).toBeNull()
    expect(listener).toHaveBeenCalledWith(null, 'expired')
  })

  it('uses the tokens another tab stored when its own refresh loses the race', async () => {
    tokenStore.set({ access: 'old', refresh: 'r1' })
    const server = mockApi({
      [ME]: (call) => (call.authorization === 'Bearer from-other-tab' ? { body: { id: 1 } } : { status: 401, body: {} }),
      [REFRESH]: () => {
        // The other tab used r1 first; the server has already rotated it.
        localStorage.setItem('zt.tokens', JSON.stringify({ access: 'from-other-tab', refresh: 'r2' }))
        return { status: 401, body: {} }
      },
    })

    expect(await unwrap(api.GET('/api/v1/me/'))).toEqual({ id: 1 })
    expect(server.callsTo(ME).at(-1)?.authorization).toBe('Bearer from-other-tab')
  })

  it('does not try to refresh when signing in fails', async () => {
    const server = mockApi({
      'POST /api/v1/auth/token/': { status: 401, body: { error: { code: 'x', message: 'No', details: {} } } },
    })

    await expect(unwrap(api.POST('/api/v1/auth/token/', { body: { email: 'a@b.c', password: 'p' } }))).rejects.toThrow('No')

    expect(server.callsTo(REFRESH)).toHaveLength(0)
  })

  it('turns the error envelope into an ApiError with field errors', async () => {
    mockApi({
      'POST /api/v1/organizations/': validationError({ slug: ['Already taken.'], non_field_errors: ['Bad.'] }, 'slug: Already taken.'),
    })

    const error = await unwrap(api.POST('/api/v1/organizations/', { body: { name: 'A', slug: 'a' } })).catch((e) => e)

    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 400, code: 'invalid', message: 'slug: Already taken.' })
    expect(error.fieldErrors).toEqual({ slug: ['Already taken.'], non_field_errors: ['Bad.'] })
  })

  it('reports an unreachable server as a network error', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')))

    const error = await unwrap(api.GET('/api/v1/auth/config/')).catch((e) => e)

    expect(error).toBeInstanceOf(ApiError)
    expect(error.isNetworkError).toBe(true)
  })
})
