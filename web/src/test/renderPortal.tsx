import { StyleProvider } from '@ant-design/cssinjs'
import { render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { ReactElement, ReactNode } from 'react'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { tokenStore } from '../api/tokens'
import { Providers } from '../app/Providers'
import { createQueryClient } from '../app/queryClient'
import { portalRoutes } from '../app/router'

/**
 * antd injects thousands of CSS rules; jsdom matches every one of them whenever Testing Library
 * asks whether an element is visible, which makes role queries take seconds. Tests do not need
 * the styles, so they go into a detached element.
 */
function WithoutInjectedStyles({ children }: { children: ReactNode }) {
  return <StyleProvider container={document.createElement('div')}>{children}</StyleProvider>
}

export const TEST_TOKENS = { access: 'access-1', refresh: 'refresh-1' }

/** Renders the whole portal at `path`, signed in unless told otherwise. Mock the API first. */
export function renderPortal(path: string, { signedIn = true } = {}) {
  if (signedIn) tokenStore.set(TEST_TOKENS)
  const router = createMemoryRouter(portalRoutes(), { initialEntries: [path] })
  const user = userEvent.setup({ delay: null })
  const view = render(
    <WithoutInjectedStyles>
      <Providers queryClient={createQueryClient()}>
        <RouterProvider router={router} />
      </Providers>
    </WithoutInjectedStyles>,
  )
  return { ...view, user, router }
}

/** Renders one component with the portal's providers but no router or signed-in user. */
export function renderWithProviders(ui: ReactElement) {
  const user = userEvent.setup({ delay: null })
  const view = render(
    <WithoutInjectedStyles>
      <Providers queryClient={createQueryClient()}>{ui}</Providers>
    </WithoutInjectedStyles>,
  )
  return { ...view, user }
}
