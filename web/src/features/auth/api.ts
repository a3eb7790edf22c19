import { api, unwrap } from '../../api/client'
import type { components } from '../../api/schema'

export const fetchMe = () => unwrap(api.GET('/api/v1/me/'))

export const fetchAuthConfig = () => unwrap(api.GET('/api/v1/auth/config/'))

export const obtainTokens = (body: components['schemas']['TokenObtainRequest']) =>
  unwrap(api.POST('/api/v1/auth/token/', { body }))

export const exchangeProviderToken = (body: components['schemas']['OidcExchangeRequest']) =>
  unwrap(api.POST('/api/v1/auth/oidc/exchange/', { body }))

export const revokeRefreshToken = (refresh: string) => unwrap(api.POST('/api/v1/auth/logout/', { body: { refresh } }))
