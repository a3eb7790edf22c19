import { screen } from '@testing-library/react'
import { tokenStore } from '../../api/tokens'
import { me, shellRoutes } from '../../test/fixtures'
import { mockApi, validationError } from '../../test/mockApi'
import { renderPortal, TEST_TOKENS } from '../../test/renderPortal'

const ssoOff = { body: { oidc: { enabled: false, issuer: '', client_id: '', authorization_endpoint: '', token_endpoint: '', end_session_endpoint: '', scopes: [] } } }

describe('signing in', () => {
  it('sends visitors to the login page and back to where they were going', async () => {
    const server = mockApi({
      ...shellRoutes(),
      'GET /api/v1/auth/config/': ssoOff,
      'POST /api/v1/auth/token/': { body: { access: 'a1', refresh: 'r1' } },
    })
    const { user, router } = renderPortal('/projects', { signedIn: false })

    await user.type(await screen.findByLabelText('Email'), 'ada@example.com')
    await user.type(screen.getByLabelText('Password'), 'correct horse')
    expect(router.state.location.search).toBe('?next=%2Fprojects')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))

    expect(await screen.findByRole('heading', { name: 'Projects' })).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/projects')
    expect(server.callsTo('POST /api/v1/auth/token/')[0]?.body).toEqual({ email: 'ada@example.com', password: 'correct horse' })
    expect(tokenStore.get()).toEqual({ access: 'a1', refresh: 'r1' })
  })

  it('shows the API message for wrong credentials', async () => {
    mockApi({
      'GET /api/v1/auth/config/': ssoOff,
      'POST /api/v1/auth/token/': validationError({ non_field_errors: ['The email or password is incorrect.'] }),
    })
    const { user } = renderPortal('/login', { signedIn: false })

    await user.type(await screen.findByLabelText('Email'), 'ada@example.com')
    await user.type(screen.getByLabelText('Password'), 'wrong')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))

    expect(await screen.findByRole('alert')).toHaveTextContent('The email or password is incorrect.')
    expect(tokenStore.get()).toBeNull()
  })

  it('validates the form before calling the API', async () => {
    const server = mockApi({ 'GET /api/v1/auth/config/': ssoOff })
    const { user } = renderPortal('/login', { signedIn: false })

    await user.type(await screen.findByLabelText('Email'), 'not-an-email')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))

    expect(await screen.findByText('Enter a valid email address.')).toBeInTheDocument()
    expect(await screen.findByText('This field is required.')).toBeInTheDocument()
    expect(server.callsTo('POST /api/v1/auth/token/')).toHaveLength(0)
  })

  it('offers single sign-on only when the server has it configured', async () => {
    mockApi({
      'GET /api/v1/auth/config/': {
        body: {
          oidc: {
            enabled: true,
            issuer: 'https://id.example.com',
            client_id: 'portal',
            authorization_endpoint: 'https://id.example.com/auth',
            token_endpoint: 'https://id.example.com/token',
            end_session_endpoint: '',
            scopes: ['openid'],
          },
        },
      },
    })
    renderPortal('/login', { signedIn: false })

    expect(await screen.findByRole('button', { name: /Sign in with SSO/ })).toBeInTheDocument()
  })

  it('returns to the login page with an explanation when the session cannot be refreshed', async () => {
    mockApi({
      'GET /api/v1/auth/config/': ssoOff,
      'GET /api/v1/me/': { status: 401, body: {} },
      'POST /api/v1/auth/token/refresh/': { status: 401, body: {} },
    })
    const { router } = renderPortal('/audit')

    expect(await screen.findByText('Your session has expired. Please sign in again.')).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/login')
    expect(tokenStore.get()).toBeNull()
  })

  it('signs out through the user menu', async () => {
    const server = mockApi({
      ...shellRoutes(),
      'GET /api/v1/auth/config/': ssoOff,
      'POST /api/v1/auth/logout/': { status: 204 },
    })
    const { user, router } = renderPortal('/projects')

    await user.click(await screen.findByRole('button', { name: new RegExp(me.full_name) }))
    await user.click(await screen.findByText('Sign out'))

    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/login')
    expect(server.callsTo('POST /api/v1/auth/logout/')[0]?.body).toEqual({ refresh: TEST_TOKENS.refresh })
    expect(tokenStore.get()).toBeNull()
  })
})
