import type { FindCitizen } from '@polis/identity'
import { isPolisError, type QueryRegistry } from '@polis/kernel'

/** Looks a citizen up in the population register through the registry port, for enrolment and the wallet. */
export function findRegisteredCitizen(queryRegistry: QueryRegistry): FindCitizen {
  return async (citizenId) => {
    try {
      const [person] = await queryRegistry({
        registry: 'population',
        kind: 'person',
        citizenId,
        purpose: 'wallet:enrolment',
      })
      const { given_name: givenName, family_name: familyName, birth_date: birthDate } = person?.data ?? {}
      if (typeof givenName !== 'string' || typeof familyName !== 'string' || typeof birthDate !== 'string') {
        return undefined
      }
      return { givenName, familyName, birthDate }
    } catch (error) {
      if (isPolisError(error, 'ERR_UNKNOWN_CITIZEN') || isPolisError(error, 'ERR_BAD_REQUEST')) return undefined
      throw error
    }
  }
}
