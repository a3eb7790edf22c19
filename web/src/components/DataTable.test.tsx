import { screen } from '@testing-library/react'
import { ApiError } from '../api/errors'
import { renderWithProviders } from '../test/renderPortal'
import { DataTable, type TableQueryState } from './DataTable'

const columns = [{ title: 'Name', dataIndex: 'name' }]
const settled: TableQueryState = { isPending: false, isFetching: false, isError: false, error: null, refetch: vi.fn() }

describe('DataTable', () => {
  it('shows its rows', () => {
    renderWithProviders(<DataTable query={settled} rows={[{ id: 1, name: 'Vision' }]} columns={columns} />)

    expect(screen.getByRole('cell', { name: 'Vision' })).toBeInTheDocument()
  })

  it('says what is missing when there are no rows', () => {
    renderWithProviders(<DataTable query={settled} rows={[]} columns={columns} emptyText="No projects yet" />)

    expect(screen.getByText('No projects yet')).toBeInTheDocument()
  })

  it('shows a spinner while loading', () => {
    const { container } = renderWithProviders(
      <DataTable query={{ ...settled, isPending: true }} rows={[]} columns={columns} />,
    )

    expect(container.querySelector('.ant-spin-spinning')).not.toBeNull()
  })

  it('shows the API error with a retry button instead of the table', async () => {
    const refetch = vi.fn()
    const error = new ApiError(403, 'permission_denied', 'You may not see this.')
    const { user } = renderWithProviders(
      <DataTable query={{ ...settled, isError: true, error, refetch }} rows={[]} columns={columns} />,
    )

    expect(screen.getByText('You may not see this.')).toBeInTheDocument()
    expect(screen.queryByRole('table')).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Retry' }))
    expect(refetch).toHaveBeenCalledOnce()
  })
})
