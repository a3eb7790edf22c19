/** How often pages ask again about work still under way (validations, jobs). */
export const POLL_INTERVAL_MS = 2000

/** A TanStack Query `refetchInterval`: poll while `underWay`, stop once it is over. */
export function pollingInterval(underWay: boolean | undefined): number | false {
  return underWay ? POLL_INTERVAL_MS : false
}
