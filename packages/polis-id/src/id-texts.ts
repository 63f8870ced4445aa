import type { Language } from '@polis/kernel'

/** Every text of Polis ID's pages in Ukrainian, English and Estonian. */
export const idTexts = {
  uk: {
    logoutTitle: 'Вийти з Polis ID?',
    logoutText: 'Ви вийдете з Polis ID на цьому пристрої. Сайти, куди ви входили, попросять увійти знову.',
    logoutYes: 'Так, вийти',
    logoutNo: 'Ні, залишитися',
    loggedOutTitle: 'Ви вийшли',
    loggedOutText: 'Ви вийшли з Polis ID на цьому пристрої.',
    secondFactorTitle: 'Другий фактор для посадовця',
    secondFactorText: 'Введіть шестизначний код із застосунку-автентифікатора, який вам видали для «{agency}».',
    secondFactorLabel: 'Код автентифікатора',
    secondFactorSubmit: 'Підтвердити',
    secondFactorWrong: 'Код неправильний. Залишилось спроб: {left}.',
    secondFactorLocked: 'Забагато неправильних кодів. Обліковий запис заблоковано на 15 хвилин.',
    secondFactorKeyText: 'Підтвердіть ключем безпеки або введіть код із застосунку-автентифікатора для «{agency}».',
    secondFactorUseKey: 'Використати мій ключ безпеки',
    secondFactorKeyFailed: 'Ключ безпеки не прийнято. Спробуйте ще раз або введіть код.',
    keyOfferTitle: 'Додати ключ безпеки?',
    keyOfferText:
      'Наступного разу підтверджуйте ключем безпеки або ключем доступу цього комп’ютера замість коду. Це швидше, і підроблений сайт його не обдурить.',
    keyOfferCreate: 'Додати ключ безпеки',
    keyOfferFailed: 'Не вдалося додати ключ. Можна продовжити без нього.',
    keyOfferNotNow: 'Не зараз',
    passkeySignIn: 'Увійти ключем доступу цього комп’ютера',
    passkeyFailed: 'Не вдалося використати ключ доступу. Увійдіть через гаманець.',
    passkeyOfferTitle: 'Входити швидше на цьому комп’ютері?',
    passkeyOfferText:
      'Створіть ключ доступу (passkey), захищений відбитком, обличчям або паролем комп’ютера. Наступного разу вхід без телефона.',
    passkeyCreate: 'Створити ключ доступу',
    passkeyNotNow: 'Не зараз',
    title: 'Вхід через Polis',
    signInTo: 'Вхід до «{client}»',
    scan: 'Відскануйте код камерою телефона, щоб відкрити гаманець Polis, і підтвердьте вхід PIN-кодом.',
    controlCode: 'Контрольний код',
    controlHint: 'Переконайтеся, що гаманець показує той самий код.',
    sameDevice: 'Гаманець на цьому пристрої',
    waiting: 'Очікуємо підтвердження в гаманці…',
    declined: 'Вхід скасовано в гаманці.',
    expired: 'Час на вхід минув. Почніть знову.',
    cancel: 'Скасувати',
    consentTitle: '«{client}» просить ваші дані',
    consentPurpose: 'Навіщо: {purpose}',
    consentClaims: 'Буде передано:',
    allow: 'Дозволити',
    deny: 'Відмовити',
    errorTitle: 'Не вдалося увійти',
    errorText: 'Вхід не вдався або його час минув. Поверніться на сайт і почніть знову.',
  },
  en: {
    logoutTitle: 'Sign out of Polis ID?',
    logoutText:
      'You will be signed out of Polis ID on this device. Sites you signed in to will ask you to sign in again.',
    logoutYes: 'Yes, sign me out',
    logoutNo: 'No, stay signed in',
    loggedOutTitle: 'Signed out',
    loggedOutText: 'You have signed out of Polis ID on this device.',
    secondFactorTitle: 'Second factor for officials',
    secondFactorText: 'Enter the six-digit code from the authenticator app you were given for {agency}.',
    secondFactorLabel: 'Authenticator code',
    secondFactorSubmit: 'Confirm',
    secondFactorWrong: 'The code is wrong. Attempts left: {left}.',
    secondFactorLocked: 'Too many wrong codes. The account is locked for 15 minutes.',
    secondFactorKeyText:
      'Confirm with your security key, or enter the code from the authenticator app you were given for {agency}.',
    secondFactorUseKey: 'Use my security key',
    secondFactorKeyFailed: 'The security key was not accepted. Try again, or enter the code.',
    keyOfferTitle: 'Add a security key?',
    keyOfferText:
      'Next time, confirm with a security key or this computer’s passkey instead of the code. It is quicker, and a fake site cannot trick it.',
    keyOfferCreate: 'Add a security key',
    keyOfferFailed: 'The key could not be added. You can go on without it.',
    keyOfferNotNow: 'Not now',
    passkeySignIn: 'Sign in with this computer’s passkey',
    passkeyFailed: 'The passkey could not be used. Sign in with the wallet.',
    passkeyOfferTitle: 'Sign in faster on this computer?',
    passkeyOfferText:
      'Make a passkey, protected by this computer’s fingerprint, face or password. Next time you sign in without your phone.',
    passkeyCreate: 'Make a passkey',
    passkeyNotNow: 'Not now',
    title: 'Sign in with Polis',
    signInTo: 'Sign in to {client}',
    scan: 'Scan the code with your phone’s camera to open the Polis wallet, and confirm with your PIN.',
    controlCode: 'Control code',
    controlHint: 'Make sure the wallet shows the same code.',
    sameDevice: 'Wallet on this device',
    waiting: 'Waiting for you to confirm in the wallet…',
    declined: 'The sign-in was declined in the wallet.',
    expired: 'The time to sign in ran out. Start again.',
    cancel: 'Cancel',
    consentTitle: '{client} asks for your data',
    consentPurpose: 'Why: {purpose}',
    consentClaims: 'It will receive:',
    allow: 'Allow',
    deny: 'Deny',
    errorTitle: 'Could not sign in',
    errorText: 'The sign-in failed or timed out. Go back to the site and start again.',
  },
  et: {
    logoutTitle: 'Logida Polis ID-st välja?',
    logoutText:
      'Teid logitakse selles seadmes Polis ID-st välja. Saidid, kuhu sisse logisite, küsivad uuesti sisselogimist.',
    logoutYes: 'Jah, logi välja',
    logoutNo: 'Ei, jään sisse',
    loggedOutTitle: 'Välja logitud',
    loggedOutText: 'Olete selles seadmes Polis ID-st välja loginud.',
    secondFactorTitle: 'Ametniku teine tegur',
    secondFactorText: 'Sisestage kuuekohaline kood autentimisrakendusest, mille saite asutuse {agency} jaoks.',
    secondFactorLabel: 'Autentimisrakenduse kood',
    secondFactorSubmit: 'Kinnita',
    secondFactorWrong: 'Kood on vale. Katseid jäänud: {left}.',
    secondFactorLocked: 'Liiga palju valesid koode. Konto on 15 minutiks lukus.',
    secondFactorKeyText:
      'Kinnitage turvavõtmega või sisestage kood autentimisrakendusest, mille saite asutuse {agency} jaoks.',
    secondFactorUseKey: 'Kasuta minu turvavõtit',
    secondFactorKeyFailed: 'Turvavõtit ei aktsepteeritud. Proovige uuesti või sisestage kood.',
    keyOfferTitle: 'Kas lisada turvavõti?',
    keyOfferText:
      'Järgmisel korral kinnitage koodi asemel turvavõtme või selle arvuti pääsuvõtmega. See on kiirem ja võltssait ei saa seda petta.',
    keyOfferCreate: 'Lisa turvavõti',
    keyOfferFailed: 'Võtit ei õnnestunud lisada. Võite jätkata ilma selleta.',
    keyOfferNotNow: 'Mitte praegu',
    passkeySignIn: 'Logi sisse selle arvuti pääsuvõtmega',
    passkeyFailed: 'Pääsuvõtit ei õnnestunud kasutada. Logige sisse rahakotiga.',
    passkeyOfferTitle: 'Logida selles arvutis kiiremini sisse?',
    passkeyOfferText:
      'Looge pääsuvõti, mida kaitseb arvuti sõrmejälg, nägu või parool. Järgmisel korral logite sisse ilma telefonita.',
    passkeyCreate: 'Loo pääsuvõti',
    passkeyNotNow: 'Mitte praegu',
    title: 'Logi sisse Polisega',
    signInTo: 'Sisselogimine: {client}',
    scan: 'Skannige kood telefoni kaameraga, et avada Polise rahakott, ja kinnitage PIN-koodiga.',
    controlCode: 'Kontrollkood',
    controlHint: 'Veenduge, et rahakott näitab sama koodi.',
    sameDevice: 'Rahakott selles seadmes',
    waiting: 'Ootame kinnitust rahakotis…',
    declined: 'Sisselogimisest loobuti rahakotis.',
    expired: 'Sisselogimise aeg sai otsa. Alustage uuesti.',
    cancel: 'Loobu',
    consentTitle: '{client} küsib teie andmeid',
    consentPurpose: 'Milleks: {purpose}',
    consentClaims: 'Edastatakse:',
    allow: 'Luba',
    deny: 'Keeldu',
    errorTitle: 'Sisselogimine ebaõnnestus',
    errorText: 'Sisselogimine ebaõnnestus või aegus. Minge tagasi saidile ja alustage uuesti.',
  },
} as const satisfies Record<Language, Record<string, string>>

export type IdText = keyof (typeof idTexts)['en']

/** The citizen's language from `ui_locales` or Accept-Language; Ukrainian by default. */
export function idLanguageOf(options: { uiLocales?: unknown; acceptLanguage?: string }): Language {
  const wanted = [
    ...(typeof options.uiLocales === 'string' ? options.uiLocales.split(' ') : []),
    ...(options.acceptLanguage ?? '').split(',').map((part) => part.split(';')[0]?.trim() ?? ''),
  ]
  for (const tag of wanted) {
    const language = tag.slice(0, 2).toLowerCase()
    if (language === 'uk' || language === 'en' || language === 'et') return language
  }
  return 'uk'
}

/** A text with its `{placeholders}` filled in. */
export function idText(language: Language, key: IdText, values: Record<string, string> = {}): string {
  return idTexts[language][key].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '')
}
