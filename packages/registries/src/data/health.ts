/**
 * Vaccination courses the health register records: the disease, the vaccine and its
 * maker, and the ages (in days) at which a child's doses fall due.
 */

export interface VaccineCourse {
  disease: string
  vaccine: string
  manufacturer: string
  /** Age in days at each dose of the childhood schedule; empty for adult courses. */
  scheduleDays: readonly number[]
  dosesRequired: number
}

export const childhoodCourses: readonly VaccineCourse[] = [
  { disease: 'Туберкульоз', vaccine: 'БЦЖ', manufacturer: 'AJ Vaccines', scheduleDays: [3], dosesRequired: 1 },
  {
    disease: 'Гепатит B',
    vaccine: 'Engerix-B',
    manufacturer: 'GlaxoSmithKline',
    scheduleDays: [1, 60, 180],
    dosesRequired: 3,
  },
  {
    disease: 'Дифтерія, правець, кашлюк, поліомієліт, гемофільна інфекція',
    vaccine: 'Infanrix Hexa',
    manufacturer: 'GlaxoSmithKline',
    scheduleDays: [60, 120, 180, 540],
    dosesRequired: 4,
  },
  {
    disease: 'Кір, паротит, краснуха',
    vaccine: 'Priorix',
    manufacturer: 'GlaxoSmithKline',
    scheduleDays: [365, 2190],
    dosesRequired: 2,
  },
]

export const covidVaccines: readonly (readonly [string, string])[] = [
  ['Comirnaty', 'Pfizer/BioNTech'],
  ['Spikevax', 'Moderna'],
  ['CoronaVac', 'Sinovac'],
  ['Vaxzevria', 'AstraZeneca'],
]
