import { Select, type SelectProps } from 'antd'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { describeError } from '../api/describeError'
import type { Dataset, DatasetVersion } from '../api/types'
import { useProjectDatasets, useReadyVersions, versionName } from '../features/datasets/projectData'

/** A ready version of a project with its dataset, named "dataset · vN". */
export interface VersionChoice {
  version: DatasetVersion
  dataset: Dataset
  label: string
}

/** The ready versions of a project (newest first) with their datasets: what pickers offer. */
export function useVersionChoices(projectId: number) {
  const { t } = useTranslation()
  const versions = useReadyVersions(projectId)
  const datasets = useProjectDatasets(projectId)
  const choices = useMemo(
    () =>
      (versions.data ?? []).flatMap((version) => {
        const dataset = datasets.data?.find((item) => item.id === version.dataset)
        return dataset ? [{ version, dataset, label: versionName(version, datasets.data, t) }] : []
      }),
    [versions.data, datasets.data, t],
  )
  return { choices, isPending: versions.isPending || datasets.isPending, error: versions.error ?? datasets.error }
}

interface ReadyVersionSelectProps extends Omit<SelectProps<number>, 'options' | 'loading' | 'mode' | 'status'> {
  projectId: number
  /** Which versions to offer, e.g. only tables; every ready version by default. */
  accept?: (choice: VersionChoice) => boolean
}

/** Picks one ready dataset version of a project (a form control: value/onChange hold its id). */
export function ReadyVersionSelect({ projectId, accept, notFoundContent, ...selectProps }: ReadyVersionSelectProps) {
  const { t } = useTranslation()
  const { choices, isPending, error } = useVersionChoices(projectId)
  const offered = accept ? choices.filter(accept) : choices
  return (
    <Select<number>
      showSearch
      optionFilterProp="label"
      loading={isPending}
      status={error ? 'error' : undefined}
      notFoundContent={error ? describeError(error, t) : notFoundContent}
      options={offered.map((choice) => ({ value: choice.version.id, label: choice.label }))}
      {...selectProps}
    />
  )
}
