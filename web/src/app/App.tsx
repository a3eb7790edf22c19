import { Suspense } from 'react'
import { createBrowserRouter, RouterProvider } from 'react-router'
import { Providers } from './Providers'
import { createQueryClient } from './queryClient'
import { portalRoutes } from './router'

const queryClient = createQueryClient()
const router = createBrowserRouter(portalRoutes())

export function App() {
  return (
    <Providers queryClient={queryClient}>
      <Suspense>
        <RouterProvider router={router} />
      </Suspense>
    </Providers>
  )
}
