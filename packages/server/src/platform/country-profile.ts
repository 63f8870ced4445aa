import { type Agency, agencies } from '@polis/documents'
import type { Config } from '@polis/kernel'
import type { Language } from '@polis/ui'

/** What differs between the demo countries an instance can be, beyond the configuration's defaults. */
export interface CountryProfile {
  code: 'UA' | 'EE'
  /** The language the instance's pages and apps open in when the reader has chosen none. */
  language: Language
  /** The issuing agencies, named as this country names them. */
  agencies: Agency[]
}

/**
 * Estonia's Police and Border Guard Board issues its identity cards, in the place of
 * Ukraine's State Migration Service; the other agencies keep the catalogue's names in
 * this slice of the federation work (docs/federation.md).
 */
const estonianAgencyNames: Record<string, Agency['name']> = {
  'migration-service': {
    uk: 'Департамент поліції та прикордонної охорони Естонії',
    en: 'Police and Border Guard Board',
    et: 'Politsei- ja Piirivalveamet',
  },
}

/** The profile of the instance's country (POLIS_COUNTRY). */
export function countryProfile(config: Pick<Config, 'POLIS_COUNTRY'>): CountryProfile {
  if (config.POLIS_COUNTRY === 'EE') {
    return {
      code: 'EE',
      language: 'et',
      agencies: agencies.map((agency) => ({ ...agency, name: estonianAgencyNames[agency.code] ?? agency.name })),
    }
  }
  return { code: 'UA', language: 'uk', agencies }
}
