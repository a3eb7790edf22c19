import { useMutation } from '@tanstack/react-query'
import { Form, type FormInstance } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { describeError } from '../api/describeError'
import { ApiError } from '../api/errors'

/** Keys of `error.details` that are about the whole form, not one field. */
const FORM_LEVEL_KEYS = new Set(['non_field_errors', 'detail'])

/**
 * Puts an API error's field messages under the form's fields and returns what is left
 * (non-field errors, errors about fields the form does not show, or the error message).
 */
export function placeApiErrorOnForm(form: FormInstance, error: ApiError): string[] {
  const shownFields = new Set(Object.keys(form.getFieldsValue()))
  const placed: { name: string; errors: string[] }[] = []
  const unplaced: string[] = []
  for (const [name, messages] of Object.entries(error.fieldErrors)) {
    if (shownFields.has(name) && !FORM_LEVEL_KEYS.has(name)) placed.push({ name, errors: messages })
    else if (FORM_LEVEL_KEYS.has(name)) unplaced.push(...messages)
    else unplaced.push(...messages.map((message) => `${name}: ${message}`))
  }
  form.setFields(placed)
  if (placed.length === 0 && unplaced.length === 0) unplaced.push(error.message)
  return unplaced
}

interface UseApiFormOptions<TValues, TResult> {
  submit: (values: TValues) => Promise<TResult>
  onSuccess?: (result: TResult, values: TValues) => void
  /** Shows a validation error in the form; returns the messages left for above it. Default: placeApiErrorOnForm. */
  placeError?: (form: FormInstance<TValues>, error: ApiError) => string[]
}

/** An antd form whose submission calls the API, shows its errors in place and reports saving. */
export function useApiForm<TValues, TResult = unknown>({
  submit,
  onSuccess,
  placeError = placeApiErrorOnForm,
}: UseApiFormOptions<TValues, TResult>) {
  const { t } = useTranslation()
  const [form] = Form.useForm<TValues>()
  const [formErrors, setFormErrors] = useState<string[]>([])
  const mutation = useMutation({ mutationFn: submit })

  const onFinish = async (values: TValues) => {
    setFormErrors([])
    let result: TResult
    try {
      result = await mutation.mutateAsync(values)
    } catch (error) {
      const isValidation = error instanceof ApiError && error.status < 500 && !error.isNetworkError
      setFormErrors(isValidation ? placeError(form, error) : [describeError(error, t)])
      return
    }
    onSuccess?.(result, values)
  }

  const reset = () => {
    form.resetFields()
    setFormErrors([])
    mutation.reset()
  }

  return { form, onFinish, saving: mutation.isPending, formErrors, reset }
}
