/** Where to go after signing in: only paths inside the portal, never another site. */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/'
  return next
}

export function loginPathFor(location: { pathname: string; search: string }): string {
  const here = `${location.pathname}${location.search}`
  return here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`
}
