import type { Language } from '@polis/kernel'

/** The DEMO BANK's words in the three languages Polis speaks. */
export const bankTexts = {
  uk: {
    bankName: 'ДЕМО-БАНК',
    languageName: 'Українська',
    notice:
      'Це демонстраційний банк, а не справжній. Тут немає справжніх рахунків і грошей: оберіть будь-яку вигадану особу, щоб увійти.',
    skip: 'Перейти до змісту',
    languages: 'Мова',
    title: 'Вхід',
    heading: 'Увійти в ДЕМО-БАНК',
    intro: 'Поліс просить підтвердити вашу особу. Оберіть тестову особу, від імені якої увійти.',
    searchLabel: 'Пошук за прізвищем або ім’ям',
    search: 'Шукати',
    citizens: 'Тестові особи',
    signInAs: 'Увійти як',
    born: 'нар.',
    noResults: 'Нікого не знайдено. Спробуйте інше ім’я.',
    pages: 'Сторінки',
    previous: 'Попередня сторінка',
    next: 'Наступна сторінка',
    page: 'Сторінка',
    cancel: 'Скасувати й повернутися до Поліса',
    errorTitle: 'Щось пішло не так',
    expired: 'Цей вхід прострочений або вже завершений. Поверніться до Поліса й почніть знову.',
    back: 'Повернутися до Поліса',
  },
  en: {
    bankName: 'DEMO BANK',
    languageName: 'English',
    notice:
      'This is a demonstration bank, not a real one. There are no real accounts and no real money: pick any made-up person to sign in.',
    skip: 'Skip to content',
    languages: 'Language',
    title: 'Sign in',
    heading: 'Sign in to DEMO BANK',
    intro: 'Polis asks to confirm who you are. Choose the test person to sign in as.',
    searchLabel: 'Search by family or given name',
    search: 'Search',
    citizens: 'Test people',
    signInAs: 'Sign in as',
    born: 'born',
    noResults: 'Nobody found. Try another name.',
    pages: 'Pages',
    previous: 'Previous page',
    next: 'Next page',
    page: 'Page',
    cancel: 'Cancel and go back to Polis',
    errorTitle: 'Something went wrong',
    expired: 'This sign-in has expired or is already finished. Go back to Polis and start again.',
    back: 'Back to Polis',
  },
  et: {
    bankName: 'DEMO-PANK',
    languageName: 'Eesti',
    notice:
      'See on näidispank, mitte päris pank. Siin pole päris kontosid ega raha: sisselogimiseks valige ükskõik milline väljamõeldud isik.',
    skip: 'Mine sisu juurde',
    languages: 'Keel',
    title: 'Sisselogimine',
    heading: 'Logi sisse DEMO-PANKA',
    intro: 'Polis palub kinnitada teie isikut. Valige testisik, kellena sisse logida.',
    searchLabel: 'Otsi perekonna- või eesnime järgi',
    search: 'Otsi',
    citizens: 'Testisikud',
    signInAs: 'Logi sisse kui',
    born: 'sünd.',
    noResults: 'Kedagi ei leitud. Proovige teist nime.',
    pages: 'Lehed',
    previous: 'Eelmine leht',
    next: 'Järgmine leht',
    page: 'Leht',
    cancel: 'Katkesta ja naase Polisesse',
    errorTitle: 'Midagi läks valesti',
    expired: 'See sisselogimine on aegunud või juba lõpetatud. Naaske Polisesse ja alustage uuesti.',
    back: 'Tagasi Polisesse',
  },
} as const satisfies Record<Language, Record<string, string>>

export const bankLanguages = Object.keys(bankTexts) as Language[]

/** The page language: `?lang=` when given, else the first of Accept-Language the bank speaks, else English. */
export function bankLanguageOf(options: { lang: unknown; acceptLanguage: string }): Language {
  if (typeof options.lang === 'string' && (bankLanguages as string[]).includes(options.lang)) {
    return options.lang as Language
  }
  for (const part of options.acceptLanguage.split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase()
    if ((bankLanguages as string[]).includes(tag)) return tag as Language
  }
  return 'en'
}
