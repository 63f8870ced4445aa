/** A residence registration's answers: a flat rented in Lviv, as the tests that apply through the API give them. */
export const lvivResidence = {
  region: 'Львівська область',
  locality_type: 'м.',
  locality: 'Львів',
  street: 'вул. Городоцька',
  house_number: '17',
  apartment: '4',
  postal_code: '79000',
  basis: 'tenant',
}
