import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { DATASETS_KEY, fetchDataset, fetchVersion, VERSIONS_KEY } from './api'

/** A link to a dataset by id, named once its name has loaded. */
export function DatasetRef({ id }: { id: number }) {
  const dataset = useQuery({ queryKey: [...DATASETS_KEY, id], queryFn: () => fetchDataset(id) })
  return <Link to={`/data/datasets/${id}`}>{dataset.data?.name ?? `#${id}`}</Link>
}

/** A link to a version by id, named "dataset · vN" once both have loaded. */
export function VersionRef({ id }: { id: number }) {
  const { t } = useTranslation()
  const version = useQuery({ queryKey: [...VERSIONS_KEY, id], queryFn: () => fetchVersion(id) })
  const datasetId = version.data?.dataset
  const dataset = useQuery({
    queryKey: [...DATASETS_KEY, datasetId],
    queryFn: () => fetchDataset(datasetId!),
    enabled: datasetId !== undefined,
  })
  const name = version.data
    ? `${dataset.data?.name ?? `#${version.data.dataset}`} · ${t('datasets.versionLabel', { number: version.data.number })}`
    : `#${id}`
  return <Link to={`/data/versions/${id}`}>{name}</Link>
}
