import { apiErrorFromResponse } from './errors'

describe('apiErrorFromResponse', () => {
  it('flattens nested validation details and ignores non-message details', () => {
    const error = apiErrorFromResponse(409, {
      error: {
        code: 'organization_not_empty',
        message: 'Still has projects.',
        details: { user: { email: ['Unknown.'] }, projects: 3 },
      },
    })

    expect(error.code).toBe('organization_not_empty')
    expect(error.fieldErrors).toEqual({ user: ['Unknown.'] })
  })

  it('copes with bodies that are not the error envelope', () => {
    const error = apiErrorFromResponse(502, '<html>Bad gateway</html>')

    expect(error).toMatchObject({ status: 502, code: 'server_error', message: 'Request failed (502)' })
    expect(error.fieldErrors).toEqual({})
  })
})
