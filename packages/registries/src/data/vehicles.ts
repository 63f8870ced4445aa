/**
 * Makes and models seen on the demo country's roads, with the world manufacturer
 * identifier and a vehicle descriptor section each VIN starts with, and the years a
 * model was sold.
 */

export interface VehicleModel {
  make: string
  model: string
  wmi: string
  vds: string
  fuel: string
  engineCc: number
  years: readonly [number, number]
  weight: number
}

type Row = readonly [string, string, string, string, string, number, number, number, number]

// make, model, WMI, VDS, fuel, engine cc, first year, last year, weight
const rows: readonly Row[] = [
  ['Volkswagen', 'Golf', 'WVW', 'ZZZ1K', 'бензин', 1400, 2004, 2024, 6],
  ['Volkswagen', 'Passat', 'WVW', 'ZZZ3C', 'дизель', 2000, 2005, 2023, 7],
  ['Volkswagen', 'Polo', 'WVW', 'ZZZ6R', 'бензин', 1200, 2009, 2024, 3],
  ['Volkswagen', 'Tiguan', 'WVG', 'ZZZ5N', 'дизель', 2000, 2008, 2025, 3],
  ['Toyota', 'Corolla', 'JTD', 'BZ3EE', 'бензин', 1600, 2002, 2025, 6],
  ['Toyota', 'Camry', 'JTN', 'BE40K', 'бензин', 2500, 2006, 2025, 4],
  ['Toyota', 'RAV4', 'JTM', 'RF4EV', 'гібрид', 2500, 2012, 2025, 4],
  ['Toyota', 'Land Cruiser Prado', 'JTE', 'BU5JR', 'дизель', 2800, 2009, 2024, 2],
  ['Skoda', 'Octavia', 'TMB', 'AG41Z', 'бензин', 1600, 2004, 2025, 8],
  ['Skoda', 'Fabia', 'TMB', 'EN65J', 'бензин', 1200, 2007, 2023, 3],
  ['Skoda', 'Superb', 'TMB', 'AH73T', 'дизель', 2000, 2008, 2025, 2],
  ['Renault', 'Logan', 'VF1', 'LS0H5', 'газ/бензин', 1600, 2006, 2022, 6],
  ['Renault', 'Megane', 'VF1', 'BZ0B6', 'дизель', 1500, 2005, 2020, 4],
  ['Renault', 'Duster', 'VF1', 'HSRC4', 'дизель', 1500, 2011, 2025, 3],
  ['Hyundai', 'Tucson', 'KMH', 'J381B', 'бензин', 2000, 2005, 2025, 4],
  ['Hyundai', 'Accent', 'KMH', 'CT41C', 'бензин', 1400, 2006, 2020, 3],
  ['Hyundai', 'Elantra', 'KMH', 'D841C', 'бензин', 1600, 2007, 2024, 2],
  ['Kia', 'Sportage', 'KNA', 'PB81A', 'дизель', 2000, 2006, 2025, 4],
  ['Kia', 'Ceed', 'KNA', 'FD51B', 'бензин', 1600, 2007, 2025, 3],
  ['Nissan', 'Qashqai', 'SJN', 'FAJ11', 'бензин', 1600, 2007, 2025, 3],
  ['Nissan', 'Leaf', 'SJN', 'FAAZE', 'електро', 0, 2011, 2024, 4],
  ['Ford', 'Focus', 'WF0', 'XXGCB', 'бензин', 1600, 2004, 2022, 4],
  ['Ford', 'Fiesta', 'WF0', 'XXGAJ', 'бензин', 1250, 2005, 2022, 2],
  ['Chevrolet', 'Aveo', 'KL1', 'SF69D', 'бензин', 1500, 2005, 2020, 4],
  ['Chevrolet', 'Lacetti', 'KL1', 'NF196', 'газ/бензин', 1800, 2004, 2013, 3],
  ['ZAZ', 'Lanos', 'Y6D', 'TF69Y', 'газ/бензин', 1500, 1998, 2017, 5],
  ['ZAZ', 'Sens', 'Y6D', 'TF48Y', 'бензин', 1300, 2002, 2017, 3],
  ['VAZ', '2107', 'XTA', '21070', 'газ/бензин', 1600, 1985, 2012, 4],
  ['VAZ', 'Niva', 'XTA', '21214', 'бензин', 1700, 1990, 2021, 2],
  ['BMW', '520d', 'WBA', '8C310', 'дизель', 2000, 2007, 2025, 2],
  ['BMW', 'X5', 'WBA', 'KS410', 'дизель', 3000, 2007, 2025, 2],
  ['Mercedes-Benz', 'E 220', 'WDD', '2120C', 'дизель', 2100, 2009, 2025, 2],
  ['Mercedes-Benz', 'C 200', 'WDD', '2040A', 'бензин', 1800, 2008, 2025, 2],
  ['Mitsubishi', 'Outlander', 'JMB', 'XTGF3', 'бензин', 2400, 2008, 2024, 2],
  ['Mitsubishi', 'Lancer', 'JMB', 'SRCY4', 'бензин', 1600, 2004, 2017, 2],
  ['Tesla', 'Model 3', '5YJ', '3E1EA', 'електро', 0, 2018, 2025, 2],
  ['Tesla', 'Model Y', '5YJ', 'YGDEE', 'електро', 0, 2020, 2025, 1],
  ['Peugeot', '308', 'VF3', 'LC5FS', 'дизель', 1600, 2008, 2023, 2],
  ['Audi', 'A4', 'WAU', 'ZZZ8K', 'бензин', 2000, 2005, 2025, 2],
  ['Audi', 'A6', 'WAU', 'ZZZ4G', 'дизель', 3000, 2005, 2025, 2],
]

export const vehicleModels: readonly (readonly [VehicleModel, number])[] = rows.map(
  ([make, model, wmi, vds, fuel, engineCc, from, to, weight]) =>
    [{ make, model, wmi, vds, fuel, engineCc, years: [from, to] as const, weight }, weight] as const,
)

export const colours: readonly (readonly [string, number])[] = [
  ['білий', 6],
  ['чорний', 6],
  ['сірий', 7],
  ['сріблястий', 5],
  ['синій', 4],
  ['червоний', 3],
  ['зелений', 2],
  ['бежевий', 1],
  ['коричневий', 1],
  ['жовтий', 1],
]

/** Insurers of the demo country's motor insurance bureau (fictitious). */
export const insurers: readonly string[] = [
  'СК «Оберіг»',
  'СК «Берегиня»',
  'СК «Карпатська»',
  'СК «Світанок»',
  'СК «Дніпрова»',
  'СК «Покрова»',
]

/** Letters that read the same in Cyrillic and Latin, as plates and licence series use them. */
export const plateLetters = 'ABCEHIKMOPTX'
/** The same letters in Cyrillic, for document series. */
export const cyrillicSeriesLetters = 'АВЕІКМНОРСТХ'
