/** Names and codes of the offices that keep each register, by where a person lives. */
import type { Home, PopulationContext } from './population-context.ts'

function place(home: Home): string {
  const { address } = home
  return address.locality_type ? `${address.locality_type} ${address.locality}` : address.locality
}

/** A migration-service unit's four-digit code, as ID cards and passports print it. */
export function migrationUnitCode(ctx: PopulationContext, home: Home): string {
  return `${home.region?.code ?? '80'}${ctx.random.int(10, 59)}`
}

export function migrationOffice(home: Home): string {
  return `ГУ ДМС ${home.region?.locative ?? 'у місті Києві'}`
}

export function serviceCentre(ctx: PopulationContext, home: Home): string {
  return `ТСЦ МВС № ${home.region?.code ?? '80'}${ctx.random.int(41, 49)}`
}

export function taxOffice(home: Home): string {
  return home.region ? `ГУ ДПС ${home.region.locative}` : 'Державна податкова служба, центральний офіс'
}

export function socialOffice(home: Home): string {
  return `Управління соціального захисту населення, ${place(home)}`
}

export function pensionOffice(home: Home): string {
  return `ГУ ПФУ ${home.region?.locative ?? 'у місті Києві'}`
}

export function recruitmentOffice(home: Home): string {
  return `ТЦК та СП, ${place(home)}`
}

export function healthFacility(ctx: PopulationContext, home: Home): string {
  return `КНП «ЦПМСД № ${ctx.random.int(1, 12)}», ${place(home)}`
}

export const eResidencyAuthority = 'Міністерство цифрової трансформації'
