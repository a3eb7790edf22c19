import { screen, waitFor } from '@testing-library/react'
import { Form, Input } from 'antd'
import { ApiError } from '../api/errors'
import { FormErrors } from '../components/FormErrors'
import { SubmitButton } from '../components/SubmitButton'
import { renderWithProviders } from '../test/renderPortal'
import { useApiForm } from './useApiForm'

interface Values {
  name: string
  slug: string
}

function ProjectForm({ submit, onSuccess }: { submit: (values: Values) => Promise<unknown>; onSuccess?: () => void }) {
  const { form, onFinish, saving, formErrors } = useApiForm<Values>({ submit, onSuccess })
  return (
    <Form<Values> form={form} onFinish={onFinish} initialValues={{ name: 'Vision', slug: 'vision' }}>
      <FormErrors errors={formErrors} />
      <Form.Item name="name" label="Name">
        <Input />
      </Form.Item>
      <Form.Item name="slug" label="Slug">
        <Input />
      </Form.Item>
      <SubmitButton saving={saving}>Save</SubmitButton>
    </Form>
  )
}

const invalid = (details: Record<string, string[]>) => new ApiError(400, 'invalid', 'Invalid.', details)

describe('useApiForm', () => {
  it('submits the values and reports success', async () => {
    const submit = vi.fn().mockResolvedValue({ id: 1 })
    const onSuccess = vi.fn()
    const { user } = renderWithProviders(<ProjectForm submit={submit} onSuccess={onSuccess} />)

    await user.click(screen.getByRole('button', { name: 'Save' }))

    await waitFor(() => expect(onSuccess).toHaveBeenCalledOnce())
    expect(submit.mock.calls[0]?.[0]).toEqual({ name: 'Vision', slug: 'vision' })
  })

  it('puts field errors under their fields and the rest above the form', async () => {
    const submit = vi.fn().mockRejectedValue(
      invalid({ slug: ['This slug is taken.'], non_field_errors: ['Quota reached.'], color: ['Unknown field.'] }),
    )
    const { user } = renderWithProviders(<ProjectForm submit={submit} />)

    await user.click(screen.getByRole('button', { name: 'Save' }))

    const slugError = await screen.findByText('This slug is taken.')
    expect(slugError.closest('.ant-form-item')).toHaveTextContent('Slug')
    const formAlert = screen.getByRole('alert')
    expect(formAlert).toHaveTextContent('Quota reached.')
    expect(formAlert).toHaveTextContent('color: Unknown field.')
    expect(formAlert).not.toHaveTextContent('This slug is taken.')
  })

  it('shows errors without details, like a refusal, above the form', async () => {
    const submit = vi.fn().mockRejectedValue(new ApiError(403, 'permission_denied', 'You may not add a project here.'))
    const { user } = renderWithProviders(<ProjectForm submit={submit} />)

    await user.click(screen.getByRole('button', { name: 'Save' }))

    expect(await screen.findByRole('alert')).toHaveTextContent('You may not add a project here.')
  })

  it('disables the submit button while saving', async () => {
    let finish: (value: unknown) => void = () => undefined
    const submit = vi.fn(() => new Promise((resolve) => (finish = resolve)))
    const { user } = renderWithProviders(<ProjectForm submit={submit} />)

    await user.click(screen.getByRole('button', { name: 'Save' }))

    await waitFor(() => expect(screen.getByRole('button', { name: /Save/ })).toBeDisabled())
    finish({})
    await waitFor(() => expect(screen.getByRole('button', { name: /Save/ })).toBeEnabled())
    expect(submit).toHaveBeenCalledOnce()
  })
})
