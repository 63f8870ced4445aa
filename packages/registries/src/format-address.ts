/**
 * Addresses and places as a register prints them. Only their parts are stored; the
 * printed form is made on reading, which keeps a million rows a few hundred MB smaller.
 */
import type { Address, Place } from './json-columns.ts'

function localityText(parts: { locality: string; locality_type: string }): string {
  return parts.locality_type ? `${parts.locality_type} ${parts.locality}` : parts.locality
}

/** `79000, Львівська область, м. Львів, вул. Шевченка, буд. 5, кв. 12`; abroad, street first. */
export function formatAddress(address: Address): string {
  if (address.country !== 'UA') {
    return `${address.street} ${address.house_number}, ${address.postal_code} ${address.locality}, ${address.country}`
  }
  const parts = [address.postal_code]
  if (address.region !== address.locality) parts.push(address.region)
  parts.push(localityText(address), address.street, `буд. ${address.house_number}`)
  if (address.apartment) parts.push(`кв. ${address.apartment}`)
  return parts.join(', ')
}

/** `м. Львів, Львівська область`, or the locality alone where it is its own region. */
export function formatPlace(place: Place): string {
  if (place.country !== 'UA') return `${place.locality}, ${place.country}`
  const locality = localityText(place)
  return place.region === place.locality ? locality : `${locality}, ${place.region}`
}

/** An address with its printed form, as registry records carry it. */
export function withFormatted(address: Address): Address & { formatted: string } {
  return { ...address, formatted: formatAddress(address) }
}

/** A place with its printed form. */
export function placeWithFormatted(place: Place): Place & { formatted: string } {
  return { ...place, formatted: formatPlace(place) }
}
