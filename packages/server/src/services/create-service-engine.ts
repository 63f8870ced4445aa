import { getDocumentType } from '@polis/documents'
import { PolisError } from '@polis/kernel'
import type { ServiceDefinition, ServicePorts } from '@polis/services'
import { createIssuer } from '../issuance/create-issuer.ts'
import { offerableConfigurations } from '../issuance/offerable-configurations.ts'
import type { Platform } from '../platform/create-platform.ts'
import { sealCertificate } from './seal-certificate.ts'

/** The e-service engine on this instance: its catalogue and the ports it acts through. */
export interface ServiceEngine {
  /** The live services, from memory (reloaded when another process publishes, within 2 s). */
  readonly catalogue: ServiceDefinition[]
  /** The live version of a service, for a new application; ERR_UNKNOWN_SERVICE if none (or retired). */
  find(code: string): ServiceDefinition
  /**
   * The version an application was submitted under, for everything that follows it
   * (decided, paid, confirmed, carried out): a new version or a rollback never changes
   * the rules an application in flight finishes under.
   */
  findVersion(code: string, version: number): Promise<ServiceDefinition>
  /** Reloads the live catalogue now: after a publish, retirement or rollback in this process. */
  refresh(): Promise<void>
  ports: ServicePorts
}

/**
 * Wires the engine: the registries of this instance (read and written), and documents
 * made ready for the citizen's wallet from the registries as they stand after the
 * application's writes.
 */
export function createServiceEngine(platform: Platform): ServiceEngine {
  const live = platform.services
  const ports: ServicePorts = {
    store: platform.store,
    queryRegistry: platform.queryRegistry,
    now: platform.now,
    // Carried out by the register's keeper, through the exchange, as the service's system.
    updateRegistry: platform.updateRegistry,
    // The document is there to be fetched: the wallet takes it with its next offer
    // (`POST /api/wallet/offers`, bound to the phone), read from the updated registries.
    // No offer code is kept with the application, where officials read it.
    // Read for the service that makes it ready: the citizen's Data Tracker names that service.
    async issueDocument(citizenId, documentType, purpose) {
      const configurationIds = await offerableConfigurations({
        queryRegistry: platform.queryRegistry,
        citizenId,
        documentTypes: [documentType],
        purpose,
      })
      if (configurationIds.length === 0) throw new PolisError('ERR_NO_REGISTRY_RECORD', { detail: documentType })
      return { configurationIds }
    },
    checkRegistryUpdate: platform.checkRegistryUpdate,
    // Through the status lists, as `polis revoke --citizen ID --type T` does: every format, every device.
    async revokeDocument(citizenId, documentType, reason) {
      const { changed } = await createIssuer(platform).changeDocumentStatus({
        citizenId,
        documentType: getDocumentType(documentType).code,
        to: 'revoked',
        reason,
      })
      return { revoked: changed }
    },
    sealCertificate: (content) => sealCertificate(platform, content),
    // Through the tax register's keeper, logged like any read.
    findCitizenByTaxNumber: platform.findCitizenByTaxNumber,
    findService(code) {
      const definition = live.find(code)
      if (!definition) throw new PolisError('ERR_UNKNOWN_SERVICE')
      return definition
    },
    findServiceVersion: (code, version) => live.findVersion(code, version),
  }
  return {
    get catalogue() {
      void live.poll()
      return live.definitions
    },
    find(code) {
      void live.poll()
      const definition = live.find(code)
      if (!definition) throw new PolisError('ERR_UNKNOWN_SERVICE')
      return definition
    },
    findVersion: (code, version) => live.findVersion(code, version),
    refresh: () => live.refresh(),
    ports,
  }
}
