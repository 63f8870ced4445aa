import type { Agency } from './document-type.ts'

/** The agencies that issue the demo country's documents; each holds one issuing certificate. */
export const agencies: Agency[] = [
  {
    code: 'migration-service',
    name: {
      uk: 'Державна міграційна служба',
      en: 'State Migration Service',
      et: 'Riiklik Migratsiooniteenistus',
    },
  },
  {
    code: 'service-centre',
    name: {
      uk: 'Головний сервісний центр МВС',
      en: 'Main Service Centre of the Ministry of Internal Affairs',
      et: 'Siseministeeriumi peateeninduskeskus',
    },
  },
  {
    code: 'insurance-bureau',
    name: {
      uk: 'Моторне (транспортне) страхове бюро',
      en: 'Motor (Transport) Insurance Bureau',
      et: 'Mootorsõidukikindlustuse büroo',
    },
  },
  {
    code: 'tax-service',
    name: { uk: 'Державна податкова служба', en: 'State Tax Service', et: 'Riiklik Maksuamet' },
  },
  {
    code: 'education-ministry',
    name: {
      uk: 'Міністерство освіти і науки',
      en: 'Ministry of Education and Science',
      et: 'Haridus- ja Teadusministeerium',
    },
  },
  {
    code: 'justice-ministry',
    name: { uk: 'Міністерство юстиції', en: 'Ministry of Justice', et: 'Justiitsministeerium' },
  },
  {
    code: 'social-ministry',
    name: { uk: 'Міністерство соціальної політики', en: 'Ministry of Social Policy', et: 'Sotsiaalministeerium' },
  },
  {
    code: 'pension-fund',
    name: { uk: 'Пенсійний фонд', en: 'Pension Fund', et: 'Pensionifond' },
  },
  {
    code: 'health-ministry',
    name: { uk: "Міністерство охорони здоров'я", en: 'Ministry of Health', et: 'Terviseministeerium' },
  },
  {
    code: 'defence-ministry',
    name: { uk: 'Міністерство оборони', en: 'Ministry of Defence', et: 'Kaitseministeerium' },
  },
  {
    code: 'digital-ministry',
    name: {
      uk: 'Міністерство цифрової трансформації',
      en: 'Ministry of Digital Transformation',
      et: 'Digitaalse Ümberkujundamise Ministeerium',
    },
  },
]
