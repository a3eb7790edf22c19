/** The signed-in session's JWT pair, kept in localStorage so it survives reloads and is shared by tabs. */
export interface TokenPair {
  access: string
  refresh: string
}

/** Why the session ended: the user signed out, or the refresh token was no longer accepted. */
export type SessionEndReason = 'signed-out' | 'expired'

type Listener = (tokens: TokenPair | null, reason?: SessionEndReason) => void

const STORAGE_KEY = 'zt.tokens'
const listeners = new Set<Listener>()

function read(): TokenPair | null {
  const raw = localStorage.getItem(STORAGE_KEY)
  if (!raw) return null
  try {
    const parsed = JSON.parse(raw) as Partial<TokenPair>
    return typeof parsed.access === 'string' && typeof parsed.refresh === 'string'
      ? { access: parsed.access, refresh: parsed.refresh }
      : null
  } catch {
    return null
  }
}

function notify(tokens: TokenPair | null, reason?: SessionEndReason) {
  listeners.forEach((listener) => listener(tokens, reason))
}

export const tokenStore = {
  get: read,
  set(tokens: TokenPair) {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ access: tokens.access, refresh: tokens.refresh }))
    notify(tokens)
  },
  clear(reason: SessionEndReason) {
    localStorage.removeItem(STORAGE_KEY)
    notify(null, reason)
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
}

// Signing in or out in another tab updates this one too.
window.addEventListener('storage', (event) => {
  if (event.key === STORAGE_KEY) notify(read(), event.newValue ? undefined : 'signed-out')
})
