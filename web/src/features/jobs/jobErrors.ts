import type { FormInstance } from 'antd'
import type { ApiError } from '../../api/errors'
import { placeApiErrorOnForm } from '../../hooks/useApiForm'

/** Form fields the API names in `details.field` when it refuses a job's inputs or target. */
const JOB_FIELDS = ['name', 'inputs', 'target_dataset']

/**
 * Where a refused job's error belongs. Pipeline errors name their step (`details.step`, 0-based)
 * and go to it; errors naming a form field (`details.field`) go under it; serializer errors keyed
 * by field are placed as in any form. Returns what is left for above the form.
 */
export function placeJobError(form: FormInstance, error: ApiError, showOnStep: (step: number, message: string) => void): string[] {
  const { step, field } = error.details
  if (typeof step === 'number') {
    showOnStep(step, error.message)
    return []
  }
  if (typeof field === 'string') {
    if (!JOB_FIELDS.includes(field)) return [error.message]
    form.setFields([{ name: field, errors: [error.message] }])
    return []
  }
  return placeApiErrorOnForm(form, error)
}
