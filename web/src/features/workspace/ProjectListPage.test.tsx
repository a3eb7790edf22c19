import { screen, waitFor, within } from '@testing-library/react'
import { vectorCollection } from '../../test/dataToolFixtures'
import { chooseProject, dataset, me, organization, page, project, shellRoutes } from '../../test/fixtures'
import { mockApi } from '../../test/mockApi'
import { renderPortal } from '../../test/renderPortal'

// The shared list page, driven through two of the pages built on it.

function viewerRoutes() {
  return {
    ...shellRoutes(),
    'GET /api/v1/me/': { body: { ...me, organizations: [{ ...me.organizations[0]!, role: 'viewer' as const }] } },
    'GET /api/v1/organizations/': { body: page([{ ...organization, role: 'viewer' as const }]) },
    'GET /api/v1/projects/': { body: page([{ ...project, role: 'viewer' as const }]) },
  }
}

describe('project list page', () => {
  beforeEach(() => chooseProject())

  it('searches the chosen project and says when nothing matches', async () => {
    const server = mockApi({
      ...shellRoutes(),
      'GET /api/v1/datasets/': ({ query }) => ({ body: page(query.get('search') ? [] : [dataset]) }),
    })
    const { user } = renderPortal('/data/datasets')

    expect(await screen.findByRole('link', { name: 'people' })).toBeInTheDocument()
    expect(screen.getByText('Datasets of Vision')).toBeInTheDocument()
    await user.type(screen.getByPlaceholderText('Search'), 'nobody{Enter}')

    expect(await screen.findByText('Nothing matches your search.')).toBeInTheDocument()
    const last = server.callsTo('GET /api/v1/datasets/').at(-1)!
    expect(last.query.get('search')).toBe('nobody')
    expect(last.query.get('project')).toBe('20')
    expect(last.query.get('page')).toBe('1')
  })

  it('shows a viewer the rows without create, row actions or delete', async () => {
    mockApi({
      ...viewerRoutes(),
      'GET /api/v1/vector-collections/': { body: page([vectorCollection]) },
      'GET /api/v1/dataset-versions/70/': { body: {} },
    })
    renderPortal('/data/collections')

    const row = (await screen.findByRole('link', { name: 'People search' })).closest('tr')!
    expect(screen.queryByRole('button', { name: /New collection/ })).not.toBeInTheDocument()
    expect(within(row).queryByRole('button', { name: /Rebuild/ })).not.toBeInTheDocument()
    expect(within(row).queryByRole('button', { name: /Delete/ })).not.toBeInTheDocument()
  })

  it('gives an owner create, row actions and delete, and refreshes the list after a deletion', async () => {
    let deleted = false
    const server = mockApi({
      ...shellRoutes(),
      'GET /api/v1/vector-collections/': () => ({ body: page(deleted ? [] : [vectorCollection]) }),
      'DELETE /api/v1/vector-collections/130/': () => {
        deleted = true
        return { status: 204 }
      },
      'GET /api/v1/dataset-versions/70/': { body: {} },
    })
    const { user } = renderPortal('/data/collections')

    const row = (await screen.findByRole('link', { name: 'People search' })).closest('tr')!
    expect(screen.getByRole('button', { name: /New collection/ })).toBeInTheDocument()
    expect(within(row).getByRole('button', { name: /Rebuild/ })).toBeInTheDocument()
    await user.click(within(row).getByRole('button', { name: /Delete/ }))
    await user.click(screen.getAllByRole('button', { name: /Delete/ }).at(-1)!)

    await waitFor(() => expect(server.callsTo('DELETE /api/v1/vector-collections/130/')).toHaveLength(1))
    expect(await screen.findByText('No vector collections in this project yet.')).toBeInTheDocument()
  })
})
