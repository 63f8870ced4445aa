import { PolisError } from '@polis/kernel'
import { createLocalRegistryWriter } from '@polis/registries'
import { loadCatalogue, type ServiceDefinition, type ServicePorts } from '@polis/services'
import { offerableConfigurations } from '../issuance/offerable-configurations.ts'
import type { Platform } from '../platform/create-platform.ts'

/** The e-service engine on this instance: its catalogue and the ports it acts through. */
export interface ServiceEngine {
  catalogue: ServiceDefinition[]
  find(code: string): ServiceDefinition
  ports: ServicePorts
}

/**
 * Wires the engine: the registries of this instance (read and written), and documents
 * made ready for the citizen's wallet from the registries as they stand after the
 * application's writes.
 */
export function createServiceEngine(platform: Platform): ServiceEngine {
  const catalogue = loadCatalogue()
  const byCode = new Map(catalogue.map((definition) => [definition.code, definition]))
  const ports: ServicePorts = {
    store: platform.store,
    queryRegistry: platform.queryRegistry,
    now: platform.now,
    updateRegistry: createLocalRegistryWriter({ store: platform.store, now: platform.now }),
    // The document is there to be fetched: the wallet takes it with its next offer
    // (`POST /api/wallet/offers`, bound to the phone), read from the updated registries.
    // No offer code is kept with the application, where officials read it.
    async issueDocument(citizenId, documentType) {
      const configurationIds = await offerableConfigurations({
        queryRegistry: platform.queryRegistry,
        citizenId,
        documentTypes: [documentType],
      })
      if (configurationIds.length === 0) throw new PolisError('ERR_NO_REGISTRY_RECORD', { detail: documentType })
      return { configurationIds }
    },
  }
  return {
    catalogue,
    find(code) {
      const definition = byCode.get(code)
      if (!definition) throw new PolisError('ERR_UNKNOWN_SERVICE')
      return definition
    },
    ports,
  }
}
