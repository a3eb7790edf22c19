import { useQuery, useQueryClient } from '@tanstack/react-query'
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { tokenStore, type SessionEndReason, type TokenPair } from '../../api/tokens'
import type { Me } from '../../api/types'
import { fetchMe, revokeRefreshToken } from './api'

export type AuthState =
  | { status: 'anonymous'; sessionEnd?: SessionEndReason }
  | { status: 'loading' }
  | { status: 'error'; error: unknown; retry: () => void }
  | { status: 'authenticated'; user: Me }

interface AuthContextValue {
  state: AuthState
  signIn: (tokens: TokenPair) => void
  signOut: () => Promise<void>
}

const AuthContext = createContext<AuthContextValue | null>(null)

const ME_QUERY_KEY = ['me'] as const

/** Holds who is signed in; any code path that clears the tokens (401 after refresh, other tab) signs out here. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient()
  const [signedIn, setSignedIn] = useState(() => tokenStore.get() !== null)
  const [sessionEnd, setSessionEnd] = useState<SessionEndReason>()

  useEffect(
    () =>
      tokenStore.subscribe((tokens, reason) => {
        setSignedIn(tokens !== null)
        if (tokens === null) {
          setSessionEnd(reason)
          queryClient.clear()
        }
      }),
    [queryClient],
  )

  const me = useQuery({ queryKey: ME_QUERY_KEY, queryFn: fetchMe, enabled: signedIn, staleTime: 60_000 })

  const signIn = useCallback((tokens: TokenPair) => {
    setSessionEnd(undefined)
    tokenStore.set(tokens)
  }, [])

  const signOut = useCallback(async () => {
    const refresh = tokenStore.get()?.refresh
    // Signing out locally must work even when the server cannot be reached.
    if (refresh) await revokeRefreshToken(refresh).catch(() => undefined)
    tokenStore.clear('signed-out')
  }, [])

  const state: AuthState = useMemo(() => {
    if (!signedIn) return { status: 'anonymous', sessionEnd }
    if (me.isPending) return { status: 'loading' }
    if (me.isError) return { status: 'error', error: me.error, retry: () => void me.refetch() }
    return { status: 'authenticated', user: me.data }
  }, [signedIn, sessionEnd, me])

  const value = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut])
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
}

export function useAuth(): AuthContextValue {
  const context = useContext(AuthContext)
  if (!context) throw new Error('useAuth must be used inside <AuthProvider>')
  return context
}

/** The signed-in user; only for components rendered behind <RequireAuth>. */
export function useCurrentUser(): Me {
  const { state } = useAuth()
  if (state.status !== 'authenticated') throw new Error('useCurrentUser needs a signed-in user')
  return state.user
}
