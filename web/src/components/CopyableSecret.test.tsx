import { screen } from '@testing-library/react'
import { renderWithProviders } from '../test/renderPortal'
import { CopyableSecret } from './CopyableSecret'

describe('CopyableSecret', () => {
  it('shows the secret, warns it is shown once and copies it', async () => {
    const { user } = renderWithProviders(<CopyableSecret secret="zt_secret_value" />)
    // jsdom has no clipboard; antd copies through execCommand('copy').
    const copy = vi.fn().mockReturnValue(true)
    document.execCommand = copy

    expect(screen.getByTestId('secret-value')).toHaveTextContent('zt_secret_value')
    expect(screen.getByText(/shown only once/)).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Copy' }))

    expect(copy).toHaveBeenCalledWith('copy')
  })
})
