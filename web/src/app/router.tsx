import { lazy } from 'react'
import type { RouteObject } from 'react-router'
import { RequireAuth } from '../features/auth/RequireAuth'
import { SSO_CALLBACK_PATH } from '../features/auth/oidc'
import { WorkspaceProvider } from '../features/workspace/WorkspaceProvider'
import { AppLayout, type RouteHandle } from './AppLayout'
import { NotFoundPage } from './NotFoundPage'
import { RouteError } from './RouteError'
import { allPages } from './routes'

const LoginPage = lazy(() => import('../features/auth/LoginPage'))
const SsoCallbackPage = lazy(() => import('../features/auth/SsoCallbackPage'))

/** Public pages, then every registered page inside the signed-in layout. */
export function portalRoutes(): RouteObject[] {
  return [
    { path: '/login', element: <LoginPage /> },
    { path: SSO_CALLBACK_PATH, element: <SsoCallbackPage /> },
    {
      element: (
        <RequireAuth>
          <WorkspaceProvider>
            <AppLayout />
          </WorkspaceProvider>
        </RequireAuth>
      ),
      children: [
        {
          errorElement: <RouteError />,
          children: [
            ...allPages.map(
              (page): RouteObject => ({
                path: page.path,
                element: page.element,
                handle: { titleKey: page.titleKey } satisfies RouteHandle,
              }),
            ),
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]
}
