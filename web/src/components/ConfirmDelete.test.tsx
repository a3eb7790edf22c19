import { screen } from '@testing-library/react'
import { ApiError } from '../api/errors'
import { renderWithProviders } from '../test/renderPortal'
import { ConfirmDelete } from './ConfirmDelete'

describe('ConfirmDelete', () => {
  it('deletes only after confirmation and reports success', async () => {
    const onConfirm = vi.fn().mockResolvedValue(undefined)
    const { user } = renderWithProviders(
      <ConfirmDelete title="Delete project Vision?" onConfirm={onConfirm} successMessage="Project deleted" />,
    )

    await user.click(screen.getByRole('button', { name: /Delete/ }))
    expect(await screen.findByText('Delete project Vision?')).toBeInTheDocument()
    expect(onConfirm).not.toHaveBeenCalled()

    const confirm = screen.getAllByRole('button', { name: /Delete/ }).at(-1)!
    await user.click(confirm)

    expect(onConfirm).toHaveBeenCalledOnce()
    expect(await screen.findByText('Project deleted')).toBeInTheDocument()
  })

  it('shows why the deletion failed', async () => {
    const onConfirm = vi.fn().mockRejectedValue(new ApiError(409, 'conflict', 'Still has projects.'))
    const { user } = renderWithProviders(<ConfirmDelete title="Delete?" actionLabel="Remove" onConfirm={onConfirm} />)

    await user.click(screen.getByRole('button', { name: /Remove/ }))
    await user.click((await screen.findAllByRole('button', { name: /Remove/ })).at(-1)!)

    expect(await screen.findByText('Still has projects.')).toBeInTheDocument()
  })
})
