import { fetchJson } from '../lib/api.ts'
import { readCatalogue, type ServiceSummary } from '../lib/service-catalogue.ts'
import { type Loaded, useFetched } from './use-fetched.ts'

/** The catalogue of services (public), kept for offline use and for naming applications. */
export function useCatalogue(): Loaded<ServiceSummary[]> {
  return useFetched('services-catalogue', async () => readCatalogue(await fetchJson<unknown>('/api/services')), [])
}
