import { useQuery } from '@tanstack/react-query'
import type { TFunction } from 'i18next'
import type { Dataset, DatasetVersion } from '../../api/types'
import { DATASETS_KEY, fetchDatasets, fetchVersions, VERSIONS_KEY } from './api'

/** Pickers list up to this many datasets or versions of a project (the API's largest page). */
const PICKER_SIZE = 1000

/** A project's datasets, for pickers and for naming datasets by id. */
export function useProjectDatasets(projectId: number) {
  return useQuery({
    queryKey: [...DATASETS_KEY, 'picker', projectId],
    queryFn: () => fetchDatasets({ project: projectId, page_size: PICKER_SIZE, ordering: 'name' }),
    select: (page) => page.results,
  })
}

/** A project's ready versions, newest first: what processing jobs can read. */
export function useReadyVersions(projectId: number) {
  return useQuery({
    queryKey: [...VERSIONS_KEY, 'picker', projectId],
    queryFn: () => fetchVersions({ project: projectId, status: 'ready', page_size: PICKER_SIZE, ordering: '-created_at' }),
    select: (page) => page.results,
  })
}

/** "sales · v3", or "#7 · v3" while the dataset's name is unknown. */
export function versionName(version: Pick<DatasetVersion, 'dataset' | 'number'>, datasets: Dataset[] | undefined, t: TFunction): string {
  const dataset = datasets?.find((item) => item.id === version.dataset)
  return `${dataset?.name ?? `#${version.dataset}`} · ${t('datasets.versionLabel', { number: version.number })}`
}
