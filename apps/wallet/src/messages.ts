import type { Messages, translator } from '@polis/ui'

export type Key =
  | 'appName'
  | 'tagline'
  | 'start'
  | 'language'
  | 'proveTitle'
  | 'proveIntro'
  | 'setPinTitle'
  | 'setPinIntro'
  | 'pin'
  | 'pinRepeat'
  | 'pinMismatch'
  | 'pinTooShort'
  | 'continue'
  | 'unlockTitle'
  | 'unlock'
  | 'wrongPin'
  | 'lockedOut'
  | 'enrolAgain'
  | 'receivingTitle'
  | 'receivingProgress'
  | 'documentsTitle'
  | 'noDocuments'
  | 'refresh'
  | 'validUntil'
  | 'statusValid'
  | 'statusExpired'
  | 'back'
  | 'settings'
  | 'offline'
  | 'errorTitle'
  | 'tryAgain'
  | 'portrait'
  | 'greeting'
  | 'enrolFailed'
  | 'benefitOffline'
  | 'statusRevoked'
  | 'statusSuspended'
  | 'devicesTitle'
  | 'thisDevice'
  | 'revokeDevice'
  | 'revokeConfirm'
  | 'deviceRevokedOn'
  | 'enrolledOn'
  | 'deviceRevoked'
  | 'benefitChoose'
  | 'benefitStandard'
  | 'showQr'
  | 'showTitle'
  | 'qrAlt'
  | 'qrHint'
  | 'qrRenews'
  | 'qrTimeLeft'
  | 'qrNew'
  | 'chooseSomething'
  | 'revealTitle'
  | 'revealAll'
  | 'revealAge'
  | 'historyTitle'
  | 'historyIntro'
  | 'historyEmpty'
  | 'historyInPerson'
  | 'historyExport'
  | 'historyOpen'
  | 'codeTitle'
  | 'codeIntro'
  | 'codeLabel'
  | 'codeLinkAlt'
  | 'codeRedeemed'
  | 'codeValidUntil'
  | 'codeCreate'
  | 'codeAgain'
  | 'codeOffline'
  | 'historyCode'
  | 'passkeyTitle'
  | 'passkeyIntro'
  | 'passkeyAdd'
  | 'passkeyRemove'
  | 'passkeyAdded'
  | 'passkeyRemoved'
  | 'passkeyFailed'
  | 'passkeyUnlock'
  | 'passkeyNotAdded'
  | 'loginTitle'
  | 'loginLoading'
  | 'loginPurpose'
  | 'loginClaims'
  | 'controlCodeLabel'
  | 'controlCodeHint'
  | 'loginConfirm'
  | 'loginAllowPasskey'
  | 'loginDecline'
  | 'loginConfirmed'
  | 'loginReturn'
  | 'loginDeclined'
  | 'loginDeclinedText'
  | 'toDocuments'
  | 'claimSub'
  | 'claimGivenName'
  | 'claimFamilyName'
  | 'claimBirthdate'
  | 'claimTaxNumber'
  | 'claimAddress'
  | 'consentsTitle'
  | 'consentsEmpty'
  | 'consentGivenOn'
  | 'consentWithdraw'
  | 'consentWithdrawn'
  | 'computerPasskeysTitle'
  | 'computerPasskeysIntro'
  | 'computerPasskeysEmpty'
  | 'computerPasskeyMadeOn'
  | 'computerPasskeyLastUsed'
  | 'computerPasskeyNeverUsed'
  | 'computerPasskeyRemove'
  | 'computerPasskeyRemoveDated'
  | 'computerPasskeyRemoved'
  | 'computerPasskeysOffline'
  | 'computerPasskeyNotRemoved'
  | 'txCodeTitle'
  | 'txCodeIntro'
  | 'txCodeLabel'
  | 'offerNeedsEnrolment'
  | 'signTitle'
  | 'signLoading'
  | 'signRequester'
  | 'signKindPortal'
  | 'signKindBusiness'
  | 'signPurpose'
  | 'signDocument'
  | 'signMediaType'
  | 'signSize'
  | 'signFingerprint'
  | 'signFormat'
  | 'formatPAdES'
  | 'formatCAdES'
  | 'formatJAdES'
  | 'signCodeHint'
  | 'signConfirm'
  | 'signDone'
  | 'signDoneText'
  | 'signDeclined'
  | 'signDeclinedText'
  | 'signMismatch'
  | 'signUnreadable'
  | 'signNoCertificate'
  | 'signGetCertificate'
  | 'signCertificateFailed'
  | 'signKeyChanged'
  | 'signNotPending'
  | 'signNotFound'
  | 'signOffline'
  | 'signNeedsEnrolment'
  | 'signaturesTitle'
  | 'signaturesIntro'
  | 'signaturesEmpty'
  | 'signaturesRequester'
  | 'signaturesOffline'

/** Every string of the wallet in Ukrainian, English and Estonian. */
export const messages: Messages<Key> = {
  uk: {
    signTitle: 'Підписати документ',
    signLoading: 'Завантажуємо запит на підпис…',
    signRequester: 'Хто просить',
    signKindPortal: 'Державний портал, сторінка підпису',
    signKindBusiness: 'Організація, зареєстрована в Поліс ID',
    signPurpose: 'Навіщо',
    signDocument: 'Документ',
    signMediaType: 'Тип файлу',
    signSize: 'Розмір',
    signFingerprint: 'Відбиток SHA-256',
    signFormat: 'Формат підпису',
    formatPAdES: 'PAdES, у самому PDF',
    formatCAdES: 'CAdES, окремий файл .p7s',
    formatJAdES: 'JAdES, окремий файл JSON',
    signCodeHint: 'Порівняйте його з кодом на іншому екрані. Підписуйте, лише якщо коди однакові.',
    signConfirm: 'Підписати',
    signDone: 'Документ підписано',
    signDoneText: 'Підписано. Можете повернутися до іншого екрана.',
    signDeclined: 'Підписання відхилено',
    signDeclinedText: 'Нічого не підписано.',
    signMismatch:
      'Цей запит не можна підписати: те, що мало б бути підписано, не відповідає показаному документу. Нічого не підписано.',
    signUnreadable: 'Не вдалося прочитати запит на підпис. Нічого не підписано.',
    signNoCertificate: 'У цьому телефоні ще немає сертифіката для підпису. Його можна отримати зараз.',
    signGetCertificate: 'Отримати сертифікат для підпису',
    signCertificateFailed: 'Не вдалося отримати сертифікат для підпису. Спробуйте пізніше.',
    signKeyChanged:
      'Підпис не прийнято: ключ підпису цього телефона не відповідає сертифікату. Отримайте новий сертифікат і підпишіть знову.',
    signNotPending: 'Цей запит уже підписано чи відхилено, або строк його дії минув.',
    signNotFound: 'Такого запиту на підпис немає, або строк його дії минув. Створіть новий на іншому екрані.',
    signOffline: 'Немає з’єднання: для підпису потрібен інтернет.',
    signNeedsEnrolment:
      'Щоб підписати документ, спершу додайте свої документи в цей телефон, а потім відкрийте посилання знову.',
    signaturesTitle: 'Мої підписи',
    signaturesIntro: 'Документи, які ви підписали через Поліс, від найновіших.',
    signaturesEmpty: 'Ви ще не підписували документів.',
    signaturesRequester: 'Запит від: {name}',
    signaturesOffline: 'Немає з’єднання: список підписів доступний лише онлайн.',
    consentsTitle: 'Вхід через Polis',
    consentsEmpty: 'Ви ще не дозволяли жодному сервісу отримувати ваші дані.',
    consentGivenOn: 'Дозволено {date}',
    consentWithdraw: 'Відкликати дозвіл для «{client}»',
    consentWithdrawn: 'Дозвіл для «{client}» відкликано.',
    computerPasskeysTitle: 'Ключі доступу на комп’ютерах',
    computerPasskeysIntro:
      'Комп’ютер із вашим ключем доступу входить через Polis без телефона. Видаліть ключ із комп’ютера, яким ви більше не користуєтеся.',
    computerPasskeysEmpty: 'Жоден комп’ютер не має вашого ключа доступу.',
    computerPasskeyMadeOn: 'Створено {date}',
    computerPasskeyLastUsed: 'Востаннє використано {date}',
    computerPasskeyNeverUsed: 'Ще не використовувався',
    computerPasskeyRemove: 'Видалити ключ доступу з «{label}»',
    computerPasskeyRemoveDated: 'Видалити ключ доступу з «{label}», створений {date}',
    computerPasskeyRemoved: 'Ключ доступу видалено. Той комп’ютер знову попросить гаманець.',
    computerPasskeysOffline: 'Немає з’єднання: список ключів доступу доступний лише онлайн.',
    computerPasskeyNotRemoved: 'Немає з’єднання: ключ доступу не видалено. Спробуйте ще раз онлайн.',
    loginTitle: 'Вхід до «{client}»',
    loginLoading: 'Запит на вхід…',
    loginPurpose: 'Навіщо: {purpose}',
    loginClaims: 'Сервіс отримає:',
    controlCodeLabel: 'Контрольний код',
    controlCodeHint: 'Підтверджуйте, лише якщо на іншому екрані той самий код.',
    loginConfirm: 'Підтвердити вхід',
    loginAllowPasskey: 'Дозволити цьому комп’ютеру створити ключ доступу для наступних входів',
    loginDecline: 'Відхилити',
    loginConfirmed: 'Вхід підтверджено',
    loginReturn: 'Поверніться до іншого екрана: вхід завершиться там.',
    loginDeclined: 'Вхід відхилено',
    loginDeclinedText: 'Сервіс нічого не отримав.',
    toDocuments: 'До документів',
    claimSub: 'Ідентифікатор для цього сервісу',
    claimGivenName: 'Ім’я',
    claimFamilyName: 'Прізвище',
    claimBirthdate: 'Дата народження',
    claimTaxNumber: 'Податковий номер',
    claimAddress: 'Адреса',
    txCodeTitle: 'Код підтвердження',
    txCodeIntro: 'Служба підтримки дала вам окремо код для цих документів.',
    txCodeLabel: 'Код зі служби підтримки',
    offerNeedsEnrolment:
      'Щоб отримати документи за посиланням, спершу додайте свої документи в цей телефон, а потім відкрийте посилання знову.',
    passkeyTitle: 'Відбиток пальця або обличчя',
    passkeyIntro: 'Відкривайте гаманець ключем доступу (passkey) замість PIN-коду. PIN-код залишається запасним.',
    passkeyAdd: 'Увімкнути ключ доступу',
    passkeyRemove: 'Вимкнути ключ доступу',
    passkeyAdded: 'Ключ доступу увімкнено.',
    passkeyRemoved: 'Ключ доступу вимкнено.',
    passkeyFailed: 'Не вдалося перевірити ключ доступу. Введіть PIN-код.',
    passkeyUnlock: 'Відкрити ключем доступу',
    passkeyNotAdded: 'Ключ доступу не створено. Гаманець і далі відкривається PIN-кодом.',
    codeTitle: 'Код для перевірки онлайн',
    codeIntro:
      'Якщо QR-код не зчитується: одноразовий код на 3 хвилини, який інспектор вводить або відкриває за посиланням.',
    codeLabel: 'Код: {code}',
    codeLinkAlt: 'QR-код з посиланням для перевірки',
    codeRedeemed: 'Перевірено о {time}',
    codeValidUntil: 'Дійсний до {time}, один раз',
    codeCreate: 'Отримати код',
    codeAgain: 'Новий код',
    codeOffline: 'Немає з’єднання: код можна отримати лише онлайн.',
    historyCode: 'одноразовий код',
    showQr: 'Показати QR-код',
    showTitle: '{document}: показати',
    qrAlt: 'QR-код документа «{document}» для перевірки',
    qrHint: 'Покажіть цей код інспектору: він перевіряє його навіть без мережі.',
    qrRenews: 'Код оновиться через',
    qrTimeLeft: 'Час до оновлення коду',
    qrNew: 'Новий код',
    chooseSomething: 'Оберіть, що показати.',
    revealTitle: 'Що показати',
    revealAll: 'Увесь документ',
    revealAge: 'Лише 18+ і фото',
    historyTitle: 'Історія показів',
    historyIntro: 'Коли і які дані ви показували. Зберігається лише на цьому телефоні.',
    historyEmpty: 'Ви ще не показували документів.',
    historyInPerson: 'особисто, QR-код',
    historyExport: 'Експортувати (JSON)',
    historyOpen: 'Історія показів',
    statusRevoked: 'Анульовано',
    statusSuspended: 'Дію призупинено',
    devicesTitle: 'Мої пристрої',
    thisDevice: 'Цей пристрій',
    revokeDevice: 'Від’єднати втрачений пристрій',
    revokeConfirm: 'Від’єднати «{name}»? Документи на ньому буде анульовано.',
    deviceRevokedOn: 'Від’єднано {date}',
    enrolledOn: 'Підключено {date}',
    deviceRevoked: 'Цей пристрій від’єднано, а його документи анульовано. Підключіть гаманець знову.',
    benefitOffline: 'Документи працюють без інтернету.',
    benefitChoose: 'Ви вирішуєте, що показати: наприклад, лише що вам є 18.',
    benefitStandard: 'Перевіряються за стандартами ЄС — у поліції, банку, магазині.',
    appName: 'Поліс',
    tagline: 'Ваші документи — у телефоні.',
    start: 'Додати мої документи',
    language: 'Мова',
    proveTitle: 'Підтвердіть, хто ви',
    proveIntro:
      'Увійдіть через банк або інший спосіб підтвердження особи. Ми отримаємо лише ваше ім’я та номер запису.',
    setPinTitle: 'Придумайте PIN-код',
    setPinIntro: 'PIN-код захищає документи на цьому пристрої. Після 5 помилок гаманець доведеться підключити знову.',
    pin: 'PIN-код (від 4 до 6 цифр)',
    pinRepeat: 'Повторіть PIN-код',
    pinMismatch: 'PIN-коди не збігаються.',
    pinTooShort: 'PIN-код має містити від 4 до 6 цифр.',
    continue: 'Продовжити',
    unlockTitle: 'Введіть PIN-код',
    unlock: 'Відкрити',
    wrongPin: 'Неправильний PIN-код. Залишилось спроб: {left}.',
    lockedOut: 'Забагато спроб. Документи з цього пристрою видалено — підключіть гаманець знову.',
    enrolAgain: 'Підключити знову',
    receivingTitle: 'Отримуємо документи',
    receivingProgress: 'Отримано {done} з {total}…',
    documentsTitle: 'Документи',
    noDocuments: 'Документів поки немає.',
    refresh: 'Оновити документи',
    validUntil: 'Дійсний до {date}',
    statusValid: 'Дійсний',
    statusExpired: 'Строк дії минув',
    back: 'Назад',
    settings: 'Налаштування',
    offline: 'Немає з’єднання — показано збережені документи.',
    errorTitle: 'Щось пішло не так',
    tryAgain: 'Спробувати ще раз',
    portrait: 'Фотографія',
    greeting: 'Вітаємо, {name}',
    enrolFailed: 'Не вдалося підтвердити особу ({code}). Спробуйте ще раз.',
  },
  en: {
    signTitle: 'Sign a document',
    signLoading: 'Loading the signing request…',
    signRequester: 'Who asks',
    signKindPortal: 'The state portal’s signing page',
    signKindBusiness: 'An organisation registered with Polis ID',
    signPurpose: 'Why',
    signDocument: 'Document',
    signMediaType: 'File type',
    signSize: 'Size',
    signFingerprint: 'SHA-256 fingerprint',
    signFormat: 'Signature format',
    formatPAdES: 'PAdES, inside the PDF',
    formatCAdES: 'CAdES, a separate .p7s file',
    formatJAdES: 'JAdES, a separate JSON file',
    signCodeHint: 'Compare it with the code on the other screen. Sign only if they are the same.',
    signConfirm: 'Sign',
    signDone: 'Document signed',
    signDoneText: 'Signed. You can return to the other screen.',
    signDeclined: 'Signing declined',
    signDeclinedText: 'Nothing was signed.',
    signMismatch:
      'This request cannot be signed: what would be signed does not match the document shown. Nothing was signed.',
    signUnreadable: 'The signing request could not be read. Nothing was signed.',
    signNoCertificate: 'This phone has no signing certificate yet. You can get one now.',
    signGetCertificate: 'Get a signing certificate',
    signCertificateFailed: 'The signing certificate could not be obtained. Please try again later.',
    signKeyChanged:
      'The signature was not accepted: this phone’s signing key does not match its certificate. Get a new certificate and sign again.',
    signNotPending: 'This request was already signed or declined, or it has expired.',
    signNotFound: 'This signing request does not exist or has expired. Make a new one on the other screen.',
    signOffline: 'No connection: signing needs the internet.',
    signNeedsEnrolment: 'To sign a document, first add your documents to this phone, then open the link again.',
    signaturesTitle: 'My signatures',
    signaturesIntro: 'Documents you signed with Polis, newest first.',
    signaturesEmpty: 'You have not signed any documents yet.',
    signaturesRequester: 'Asked by {name}',
    signaturesOffline: 'No connection: the list of signatures needs the internet.',
    consentsTitle: 'Sign-ins with Polis',
    consentsEmpty: 'You have not allowed any service to receive your data.',
    consentGivenOn: 'Allowed on {date}',
    consentWithdraw: 'Withdraw consent for {client}',
    consentWithdrawn: 'Consent for {client} withdrawn.',
    computerPasskeysTitle: 'Passkeys on computers',
    computerPasskeysIntro:
      'A computer with a passkey of yours signs you in with Polis without your phone. Remove it from a computer you no longer use.',
    computerPasskeysEmpty: 'No computer has a passkey of yours.',
    computerPasskeyMadeOn: 'Made on {date}',
    computerPasskeyLastUsed: 'Last used on {date}',
    computerPasskeyNeverUsed: 'Not used yet',
    computerPasskeyRemove: 'Remove passkey from {label}',
    computerPasskeyRemoveDated: 'Remove passkey from {label} made on {date}',
    computerPasskeyRemoved: 'Passkey removed. That computer will ask for the wallet again.',
    computerPasskeysOffline: 'No connection: the list of passkeys needs the internet.',
    computerPasskeyNotRemoved: 'No connection: the passkey was not removed. Try again online.',
    loginTitle: 'Sign in to {client}',
    loginLoading: 'Sign-in request…',
    loginPurpose: 'Why: {purpose}',
    loginClaims: 'The service will receive:',
    controlCodeLabel: 'Control code',
    controlCodeHint: 'Confirm only if the other screen shows the same code.',
    loginConfirm: 'Confirm sign-in',
    loginAllowPasskey: 'Let this computer make a passkey for my next sign-ins',
    loginDecline: 'Decline',
    loginConfirmed: 'Sign-in confirmed',
    loginReturn: 'Go back to the other screen: the sign-in finishes there.',
    loginDeclined: 'Sign-in declined',
    loginDeclinedText: 'The service received nothing.',
    toDocuments: 'To my documents',
    claimSub: 'An identifier for this service',
    claimGivenName: 'Given name',
    claimFamilyName: 'Family name',
    claimBirthdate: 'Date of birth',
    claimTaxNumber: 'Tax number',
    claimAddress: 'Address',
    txCodeTitle: 'Confirmation code',
    txCodeIntro: 'The support desk gave you a code for these documents separately.',
    txCodeLabel: 'Code from the support desk',
    offerNeedsEnrolment:
      'To receive documents from a link, first add your documents to this phone, then open the link again.',
    passkeyTitle: 'Fingerprint or face',
    passkeyIntro: 'Open the wallet with a passkey instead of the PIN. The PIN stays as a fallback.',
    passkeyAdd: 'Turn on passkey',
    passkeyRemove: 'Turn off passkey',
    passkeyAdded: 'Passkey turned on.',
    passkeyRemoved: 'Passkey turned off.',
    passkeyFailed: 'The passkey could not be checked. Enter your PIN.',
    passkeyUnlock: 'Unlock with passkey',
    passkeyNotAdded: 'No passkey was made. The wallet still opens with your PIN.',
    codeTitle: 'Code to check online',
    codeIntro:
      'If the QR code cannot be read: a one-time code for 3 minutes, which the inspector types in or opens as a link.',
    codeLabel: 'Code: {code}',
    codeLinkAlt: 'QR code with the link to check',
    codeRedeemed: 'Checked at {time}',
    codeValidUntil: 'Valid until {time}, once',
    codeCreate: 'Get a code',
    codeAgain: 'New code',
    codeOffline: 'No connection: a code needs the internet.',
    historyCode: 'one-time code',
    showQr: 'Show QR code',
    showTitle: 'Show {document}',
    qrAlt: 'QR code of your {document} for checking',
    qrHint: 'Show this code to the inspector: it can be checked even offline.',
    qrRenews: 'The code renews in',
    qrTimeLeft: 'Time until the code renews',
    qrNew: 'New code',
    chooseSomething: 'Choose what to show.',
    revealTitle: 'What to show',
    revealAll: 'The whole document',
    revealAge: 'Only 18+ and photo',
    historyTitle: 'Sharing history',
    historyIntro: 'When you showed which data. Kept on this phone only.',
    historyEmpty: 'You have not shown any documents yet.',
    historyInPerson: 'in person, QR code',
    historyExport: 'Export (JSON)',
    historyOpen: 'Sharing history',
    statusRevoked: 'Revoked',
    statusSuspended: 'Suspended',
    devicesTitle: 'My devices',
    thisDevice: 'This device',
    revokeDevice: 'Disconnect a lost device',
    revokeConfirm: 'Disconnect “{name}”? The documents on it will be revoked.',
    deviceRevokedOn: 'Disconnected on {date}',
    enrolledOn: 'Connected on {date}',
    deviceRevoked: 'This device was disconnected and its documents revoked. Connect the wallet again.',
    benefitOffline: 'Your documents work without the internet.',
    benefitChoose: 'You decide what to show: for example, only that you are over 18.',
    benefitStandard: 'Checked to EU standards — by police, banks and shops.',
    appName: 'Polis',
    tagline: 'Your documents, in your phone.',
    start: 'Add my documents',
    language: 'Language',
    proveTitle: 'Prove who you are',
    proveIntro: 'Sign in with your bank or another identity provider. We receive only your name and record number.',
    setPinTitle: 'Choose a PIN',
    setPinIntro:
      'The PIN protects the documents on this device. After 5 wrong tries you will have to connect the wallet again.',
    pin: 'PIN (4 to 6 digits)',
    pinRepeat: 'Repeat the PIN',
    pinMismatch: 'The PINs do not match.',
    pinTooShort: 'The PIN must have 4 to 6 digits.',
    continue: 'Continue',
    unlockTitle: 'Enter your PIN',
    unlock: 'Unlock',
    wrongPin: 'Wrong PIN. Tries left: {left}.',
    lockedOut: 'Too many tries. The documents on this device were removed — connect the wallet again.',
    enrolAgain: 'Connect again',
    receivingTitle: 'Receiving your documents',
    receivingProgress: 'Received {done} of {total}…',
    documentsTitle: 'Documents',
    noDocuments: 'No documents yet.',
    refresh: 'Refresh documents',
    validUntil: 'Valid until {date}',
    statusValid: 'Valid',
    statusExpired: 'Expired',
    back: 'Back',
    settings: 'Settings',
    offline: 'No connection — showing saved documents.',
    errorTitle: 'Something went wrong',
    tryAgain: 'Try again',
    portrait: 'Portrait',
    greeting: 'Welcome, {name}',
    enrolFailed: 'Your identity could not be confirmed ({code}). Please try again.',
  },
  et: {
    signTitle: 'Dokumendi allkirjastamine',
    signLoading: 'Allkirjastamise taotluse laadimine…',
    signRequester: 'Kes palub',
    signKindPortal: 'Riigiportaali allkirjastamise leht',
    signKindBusiness: 'Polis ID-s registreeritud organisatsioon',
    signPurpose: 'Milleks',
    signDocument: 'Dokument',
    signMediaType: 'Faili tüüp',
    signSize: 'Suurus',
    signFingerprint: 'SHA-256 sõrmejälg',
    signFormat: 'Allkirja vorming',
    formatPAdES: 'PAdES, PDF-failis endas',
    formatCAdES: 'CAdES, eraldi .p7s-fail',
    formatJAdES: 'JAdES, eraldi JSON-fail',
    signCodeHint: 'Võrrelge seda teisel ekraanil oleva koodiga. Allkirjastage ainult siis, kui koodid on samad.',
    signConfirm: 'Allkirjasta',
    signDone: 'Dokument on allkirjastatud',
    signDoneText: 'Allkirjastatud. Võite naasta teisele ekraanile.',
    signDeclined: 'Allkirjastamisest keelduti',
    signDeclinedText: 'Midagi ei allkirjastatud.',
    signMismatch:
      'Seda taotlust ei saa allkirjastada: allkirjastatav ei vasta näidatud dokumendile. Midagi ei allkirjastatud.',
    signUnreadable: 'Allkirjastamise taotlust ei õnnestunud lugeda. Midagi ei allkirjastatud.',
    signNoCertificate: 'Selles telefonis pole veel allkirjastamise sertifikaati. Selle saab kohe hankida.',
    signGetCertificate: 'Hangi allkirjastamise sertifikaat',
    signCertificateFailed: 'Allkirjastamise sertifikaati ei õnnestunud hankida. Proovige hiljem uuesti.',
    signKeyChanged:
      'Allkirja ei võetud vastu: selle telefoni allkirjastamisvõti ei vasta sertifikaadile. Hankige uus sertifikaat ja allkirjastage uuesti.',
    signNotPending: 'See taotlus on juba allkirjastatud või tagasi lükatud või see on aegunud.',
    signNotFound: 'Sellist allkirjastamise taotlust pole või see on aegunud. Looge teisel ekraanil uus.',
    signOffline: 'Ühendus puudub: allkirjastamiseks on vaja internetti.',
    signNeedsEnrolment:
      'Dokumendi allkirjastamiseks lisage esmalt oma dokumendid sellesse telefoni ja avage seejärel link uuesti.',
    signaturesTitle: 'Minu allkirjad',
    signaturesIntro: 'Polisega allkirjastatud dokumendid, uuemad eespool.',
    signaturesEmpty: 'Te pole veel ühtegi dokumenti allkirjastanud.',
    signaturesRequester: 'Taotleja: {name}',
    signaturesOffline: 'Ühendus puudub: allkirjade loend vajab internetti.',
    consentsTitle: 'Sisselogimised Polisega',
    consentsEmpty: 'Te pole lubanud ühelgi teenusel oma andmeid saada.',
    consentGivenOn: 'Lubatud {date}',
    consentWithdraw: 'Võta nõusolek tagasi: {client}',
    consentWithdrawn: 'Nõusolek teenusele {client} võeti tagasi.',
    computerPasskeysTitle: 'Pääsuvõtmed arvutites',
    computerPasskeysIntro:
      'Arvuti, kus on teie pääsuvõti, logib teid Polisega sisse ilma telefonita. Eemaldage see arvutist, mida te enam ei kasuta.',
    computerPasskeysEmpty: 'Üheski arvutis pole teie pääsuvõtit.',
    computerPasskeyMadeOn: 'Loodud {date}',
    computerPasskeyLastUsed: 'Viimati kasutatud {date}',
    computerPasskeyNeverUsed: 'Veel kasutamata',
    computerPasskeyRemove: 'Eemalda pääsuvõti: {label}',
    computerPasskeyRemoveDated: 'Eemalda pääsuvõti: {label}, loodud {date}',
    computerPasskeyRemoved: 'Pääsuvõti eemaldati. See arvuti küsib uuesti rahakotti.',
    computerPasskeysOffline: 'Ühendus puudub: pääsuvõtmete loend vajab internetti.',
    computerPasskeyNotRemoved: 'Ühendus puudub: pääsuvõtit ei eemaldatud. Proovige uuesti internetiühendusega.',
    loginTitle: 'Sisselogimine: {client}',
    loginLoading: 'Sisselogimise taotlus…',
    loginPurpose: 'Milleks: {purpose}',
    loginClaims: 'Teenus saab:',
    controlCodeLabel: 'Kontrollkood',
    controlCodeHint: 'Kinnitage ainult siis, kui teisel ekraanil on sama kood.',
    loginConfirm: 'Kinnita sisselogimine',
    loginAllowPasskey: 'Luba sellel arvutil luua järgmisteks sisselogimisteks pääsuvõti',
    loginDecline: 'Keeldu',
    loginConfirmed: 'Sisselogimine kinnitatud',
    loginReturn: 'Minge tagasi teisele ekraanile: sisselogimine lõpeb seal.',
    loginDeclined: 'Sisselogimisest keelduti',
    loginDeclinedText: 'Teenus ei saanud midagi.',
    toDocuments: 'Minu dokumendid',
    claimSub: 'Selle teenuse jaoks tunnus',
    claimGivenName: 'Eesnimi',
    claimFamilyName: 'Perekonnanimi',
    claimBirthdate: 'Sünniaeg',
    claimTaxNumber: 'Maksukohustuslase number',
    claimAddress: 'Aadress',
    txCodeTitle: 'Kinnituskood',
    txCodeIntro: 'Klienditugi andis teile nende dokumentide jaoks eraldi koodi.',
    txCodeLabel: 'Klienditoe antud kood',
    offerNeedsEnrolment:
      'Lingilt dokumentide saamiseks lisage esmalt oma dokumendid sellesse telefoni ja avage seejärel link uuesti.',
    passkeyTitle: 'Sõrmejälg või nägu',
    passkeyIntro: 'Avage rahakott PIN-koodi asemel pääsuvõtmega. PIN-kood jääb varuks.',
    passkeyAdd: 'Lülita pääsuvõti sisse',
    passkeyRemove: 'Lülita pääsuvõti välja',
    passkeyAdded: 'Pääsuvõti on sisse lülitatud.',
    passkeyRemoved: 'Pääsuvõti on välja lülitatud.',
    passkeyFailed: 'Pääsuvõtit ei õnnestunud kontrollida. Sisestage PIN-kood.',
    passkeyUnlock: 'Ava pääsuvõtmega',
    passkeyNotAdded: 'Pääsuvõtit ei loodud. Rahakott avaneb endiselt PIN-koodiga.',
    codeTitle: 'Kood veebis kontrollimiseks',
    codeIntro:
      'Kui QR-koodi ei saa lugeda: 3 minutit kehtiv ühekordne kood, mille kontrollija sisestab või avab lingina.',
    codeLabel: 'Kood: {code}',
    codeLinkAlt: 'Kontrollimise lingiga QR-kood',
    codeRedeemed: 'Kontrollitud kell {time}',
    codeValidUntil: 'Kehtib kuni {time}, üks kord',
    codeCreate: 'Saa kood',
    codeAgain: 'Uus kood',
    codeOffline: 'Ühendus puudub: kood vajab internetti.',
    historyCode: 'ühekordne kood',
    showQr: 'Näita QR-koodi',
    showTitle: 'Näita: {document}',
    qrAlt: 'Dokumendi „{document}” QR-kood kontrollimiseks',
    qrHint: 'Näidake seda koodi kontrollijale: seda saab kontrollida ka võrguühenduseta.',
    qrRenews: 'Kood uueneb',
    qrTimeLeft: 'Aeg koodi uuenemiseni',
    qrNew: 'Uus kood',
    chooseSomething: 'Valige, mida näidata.',
    revealTitle: 'Mida näidata',
    revealAll: 'Kogu dokument',
    revealAge: 'Ainult 18+ ja foto',
    historyTitle: 'Jagamise ajalugu',
    historyIntro: 'Millal ja milliseid andmeid te näitasite. Hoitakse ainult selles telefonis.',
    historyEmpty: 'Te pole veel ühtegi dokumenti näidanud.',
    historyInPerson: 'isiklikult, QR-kood',
    historyExport: 'Ekspordi (JSON)',
    historyOpen: 'Jagamise ajalugu',
    statusRevoked: 'Tühistatud',
    statusSuspended: 'Peatatud',
    devicesTitle: 'Minu seadmed',
    thisDevice: 'See seade',
    revokeDevice: 'Ühenda kadunud seade lahti',
    revokeConfirm: 'Kas ühendada „{name}” lahti? Selle dokumendid tühistatakse.',
    deviceRevokedOn: 'Lahti ühendatud {date}',
    enrolledOn: 'Ühendatud {date}',
    deviceRevoked: 'See seade ühendati lahti ja selle dokumendid tühistati. Ühendage rahakott uuesti.',
    benefitOffline: 'Dokumendid töötavad ka ilma internetita.',
    benefitChoose: 'Teie otsustate, mida näidata: näiteks ainult seda, et olete üle 18.',
    benefitStandard: 'Kontrollitakse ELi standardite järgi — politseis, pangas, poes.',
    appName: 'Polis',
    tagline: 'Teie dokumendid teie telefonis.',
    start: 'Lisa minu dokumendid',
    language: 'Keel',
    proveTitle: 'Tõendage oma isikut',
    proveIntro: 'Logige sisse panga või muu isikutuvastusega. Saame ainult teie nime ja kirje numbri.',
    setPinTitle: 'Valige PIN-kood',
    setPinIntro:
      'PIN-kood kaitseb selles seadmes olevaid dokumente. Pärast 5 valet katset tuleb rahakott uuesti ühendada.',
    pin: 'PIN-kood (4 kuni 6 numbrit)',
    pinRepeat: 'Korrake PIN-koodi',
    pinMismatch: 'PIN-koodid ei kattu.',
    pinTooShort: 'PIN-koodis peab olema 4 kuni 6 numbrit.',
    continue: 'Jätka',
    unlockTitle: 'Sisestage PIN-kood',
    unlock: 'Ava',
    wrongPin: 'Vale PIN-kood. Katseid jäänud: {left}.',
    lockedOut: 'Liiga palju katseid. Selle seadme dokumendid eemaldati — ühendage rahakott uuesti.',
    enrolAgain: 'Ühenda uuesti',
    receivingTitle: 'Dokumentide vastuvõtmine',
    receivingProgress: 'Vastu võetud {done} / {total}…',
    documentsTitle: 'Dokumendid',
    noDocuments: 'Dokumente veel pole.',
    refresh: 'Värskenda dokumente',
    validUntil: 'Kehtib kuni {date}',
    statusValid: 'Kehtiv',
    statusExpired: 'Aegunud',
    back: 'Tagasi',
    settings: 'Seaded',
    offline: 'Ühendus puudub — näidatakse salvestatud dokumente.',
    errorTitle: 'Midagi läks valesti',
    tryAgain: 'Proovi uuesti',
    portrait: 'Portreefoto',
    greeting: 'Tere, {name}',
    enrolFailed: 'Isikut ei õnnestunud kinnitada ({code}). Proovige uuesti.',
  },
}

/** A translator of the wallet's messages. */
export type Translate = ReturnType<typeof translator<Key>>
