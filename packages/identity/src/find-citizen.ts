/** A citizen as the population register knows them: what enrolment checks and shows. */
export interface EnrolledCitizen {
  givenName: string
  familyName: string
  birthDate: string
}

/** Looks a citizen up in the population register; undefined when there is none. */
export type FindCitizen = (citizenId: string) => Promise<EnrolledCitizen | undefined>
