import type { Language, RegistryName } from '@polis/kernel'

type Names = Record<Language, string>

/** The agencies of the demo country, as citizens read them. */
export const agencyNames: Record<string, Names> = {
  'business-registry': { uk: 'Реєстр бізнесу', en: 'Business registry', et: 'Äriregister' },
  'civil-registry': { uk: 'Відділ ДРАЦС', en: 'Civil registry office', et: 'Perekonnaseisuasutus' },
  'customs-service': { uk: 'Митна служба', en: 'Customs service', et: 'Tolliamet' },
  'defence-ministry': { uk: 'Міністерство оборони', en: 'Ministry of Defence', et: 'Kaitseministeerium' },
  'deposit-guarantee-fund': { uk: 'Фонд гарантування вкладів', en: 'Deposit Guarantee Fund', et: 'Tagatisfond' },
  'digital-ministry': {
    uk: 'Міністерство цифрової трансформації',
    en: 'Ministry of Digital Transformation',
    et: 'Digiministeerium',
  },
  'education-ministry': { uk: 'Міністерство освіти', en: 'Ministry of Education', et: 'Haridusministeerium' },
  'employment-service': { uk: 'Служба зайнятості', en: 'Employment service', et: 'Töötukassa' },
  'finance-ministry': { uk: 'Міністерство фінансів', en: 'Ministry of Finance', et: 'Rahandusministeerium' },
  'health-ministry': { uk: 'Міністерство охорони здоров’я', en: 'Ministry of Health', et: 'Terviseministeerium' },
  'insurance-bureau': { uk: 'Страхове бюро', en: 'Motor insurance bureau', et: 'Liikluskindlustuse fond' },
  'justice-ministry': { uk: 'Міністерство юстиції', en: 'Ministry of Justice', et: 'Justiitsministeerium' },
  'migration-service': { uk: 'Міграційна служба', en: 'Migration service', et: 'Migratsiooniamet' },
  municipality: { uk: 'Місцева рада', en: 'Municipality', et: 'Omavalitsus' },
  'national-police': { uk: 'Національна поліція', en: 'National police', et: 'Politsei' },
  'pension-fund': { uk: 'Пенсійний фонд', en: 'Pension fund', et: 'Pensionifond' },
  'property-registry': { uk: 'Реєстр речових прав', en: 'Property registry', et: 'Kinnistusraamat' },
  'service-centre': { uk: 'Сервісний центр', en: 'Service centre', et: 'Teeninduskeskus' },
  'social-ministry': {
    uk: 'Міністерство соціальної політики',
    en: 'Ministry of Social Policy',
    et: 'Sotsiaalministeerium',
  },
  'social-protection': { uk: 'Соціальний захист', en: 'Social protection', et: 'Sotsiaalkindlustusamet' },
  'state-chancellery': { uk: 'Секретаріат уряду', en: 'State chancellery', et: 'Riigikantselei' },
  'tax-service': { uk: 'Податкова служба', en: 'Tax service', et: 'Maksuamet' },
  'transport-service': { uk: 'Транспортна служба', en: 'Transport service', et: 'Transpordiamet' },
}

/** The registers of the demo country, as citizens read them. */
export const registryNamesIn: Record<RegistryName, Names> = {
  population: { uk: 'Демографічний реєстр', en: 'Population register', et: 'Rahvastikuregister' },
  'civil-status': { uk: 'Реєстр актів цивільного стану', en: 'Civil status register', et: 'Perekonnaseisuregister' },
  'driver-licences': { uk: 'Реєстр водіїв', en: 'Register of drivers', et: 'Juhilubade register' },
  vehicles: { uk: 'Реєстр транспортних засобів', en: 'Vehicle register', et: 'Liiklusregister' },
  insurance: { uk: 'Реєстр страхових полісів', en: 'Insurance register', et: 'Kindlustusregister' },
  tax: { uk: 'Реєстр платників податків', en: 'Taxpayer register', et: 'Maksukohustuslaste register' },
  business: { uk: 'Реєстр бізнесу', en: 'Business register', et: 'Äriregister' },
  education: { uk: 'Реєстр освіти', en: 'Education register', et: 'Hariduse infosüsteem' },
  health: { uk: 'Реєстр охорони здоров’я', en: 'Health register', et: 'Terviseinfosüsteem' },
  social: { uk: 'Реєстр соціального захисту', en: 'Social protection register', et: 'Sotsiaalregister' },
  pension: { uk: 'Пенсійний реєстр', en: 'Pension register', et: 'Pensioniregister' },
  migration: { uk: 'Міграційний реєстр', en: 'Migration register', et: 'Migratsiooniregister' },
  military: { uk: 'Реєстр військовозобов’язаних', en: 'Military register', et: 'Kaitseväekohustuslaste register' },
  'police-fines': { uk: 'Реєстр штрафів', en: 'Register of fines', et: 'Trahviregister' },
  municipality: { uk: 'Реєстр громади', en: 'Municipal register', et: 'Omavalitsuse register' },
  courts: { uk: 'Судовий реєстр', en: 'Court register', et: 'Kohtute register' },
  enforcement: { uk: 'Реєстр виконавчих проваджень', en: 'Enforcement register', et: 'Täitemenetlusregister' },
  police: { uk: 'Реєстр поліції', en: 'Police register', et: 'Politsei register' },
  property: { uk: 'Реєстр нерухомості', en: 'Property register', et: 'Kinnistusraamat' },
  employment: { uk: 'Реєстр зайнятості', en: 'Employment register', et: 'Töötukassa register' },
}
