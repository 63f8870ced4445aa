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
  | 'issuedIn'
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
  | 'servicesOpen'
  | 'servicesTitle'
  | 'servicesIntro'
  | 'servicesSearch'
  | 'servicesFound'
  | 'servicesNoMatch'
  | 'servicesUnavailable'
  | 'staleNote'
  | 'categoryFamily'
  | 'categoryResidence'
  | 'categoryDocuments'
  | 'categoryTransport'
  | 'categoryBusiness'
  | 'categoryTaxes'
  | 'categoryProperty'
  | 'categorySocial'
  | 'categoryHealth'
  | 'categoryEducation'
  | 'categoryJustice'
  | 'categoryCivic'
  | 'categoryMigration'
  | 'categoryOther'
  | 'serviceLoading'
  | 'serviceUnavailable'
  | 'serviceWhoDecides'
  | 'decidedAuto'
  | 'decidedOfficial'
  | 'decidedPayment'
  | 'decidedBundle'
  | 'serviceFee'
  | 'serviceKnownTitle'
  | 'serviceKnownHint'
  | 'serviceNotEligible'
  | 'serviceStart'
  | 'servicePortalOther'
  | 'servicePortalLink'
  | 'stepOf'
  | 'yes'
  | 'no'
  | 'optional'
  | 'chooseOption'
  | 'errorSummaryTitle'
  | 'checkTitle'
  | 'change'
  | 'notAnswered'
  | 'submitApplication'
  | 'submitting'
  | 'submitOffline'
  | 'submitRefused'
  | 'answerRequired'
  | 'answerTooShort'
  | 'answerTooLong'
  | 'answerNumber'
  | 'answerTooSmall'
  | 'answerTooBig'
  | 'answerDate'
  | 'answerChoice'
  | 'answerYesNo'
  | 'answerEmail'
  | 'answerPhone'
  | 'answerFormat'
  | 'answerFile'
  | 'fileAllowed'
  | 'fileOr'
  | 'fileChoose'
  | 'fileChooseOther'
  | 'filePhoto'
  | 'fileRemove'
  | 'fileUploading'
  | 'fileUploaded'
  | 'fileRemoved'
  | 'fileOffline'
  | 'fileTooLarge'
  | 'itemNumber'
  | 'itemDue'
  | 'itemsNone'
  | 'payTitle'
  | 'payIntro'
  | 'payButton'
  | 'payOpening'
  | 'payOffline'
  | 'payChecking'
  | 'paymentMade'
  | 'paymentFailed'
  | 'receiptPaidFor'
  | 'receiptPayment'
  | 'draftsTitle'
  | 'draftsHint'
  | 'draftContinue'
  | 'draftResumed'
  | 'applicationsOpen'
  | 'applicationsTitle'
  | 'applicationsEmpty'
  | 'applicationsUnavailable'
  | 'submittedOn'
  | 'submittedLabel'
  | 'reference'
  | 'statusLabel'
  | 'historyHeading'
  | 'applicationSubmitted'
  | 'applicationContinuePortal'
  | 'appStatusSubmitted'
  | 'appStatusAwaitingPayment'
  | 'appStatusInReview'
  | 'appStatusInfoRequested'
  | 'appStatusApproved'
  | 'appStatusRejected'
  | 'appStatusCompleted'
  | 'appStatusInProgress'
  | 'partsHeading'
  | 'partWaiting'
  | 'partWaitsFor'
  | 'partSkipped'
  | 'partCancelled'
  | 'partCancelledWhy'
  | 'partRefused'
  | 'partOpen'
  | 'partOf'
  | 'eventBundleStarted'
  | 'eventPartStarted'
  | 'eventPartSkipped'
  | 'eventPartRefused'
  | 'eventPartCancelled'
  | 'eventStagePassed'
  | 'eventSubmitted'
  | 'eventPrefilled'
  | 'eventQueued'
  | 'eventAssigned'
  | 'eventPaymentRequested'
  | 'eventPaid'
  | 'eventRefunded'
  | 'eventInfoRequested'
  | 'eventInfoGiven'
  | 'eventDecided'
  | 'eventOutputIssued'
  | 'eventCompleted'
  | 'eventOther'
  | 'actorYou'
  | 'actorOfficial'
  | 'actorSystem'
  | 'inboxOpen'
  | 'trackerOpen'
  | 'trackerTitle'
  | 'trackerIntro'
  | 'trackerEmpty'
  | 'trackerUnavailable'
  | 'trackerFlaggedOnly'
  | 'trackerFlagged'
  | 'trackerFlaggedHelp'
  | 'trackerRecords'
  | 'trackerTimes'
  | 'trackerLogged'
  | 'trackerProof'
  | 'inboxTitle'
  | 'inboxEmpty'
  | 'inboxUnavailable'
  | 'inboxNew'
  | 'inboxOpenApplication'
  | 'applicationDocumentReady'
  | 'applicationGetDocument'

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
    txCodeIntro: 'Вам окремо дали код для цих документів: у службі підтримки або на сторінці вашої заяви.',
    txCodeLabel: 'Код, який вам дали окремо',
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
    issuedIn: 'Країна видачі: {country}',
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
    servicesOpen: 'Послуги',
    servicesTitle: 'Послуги',
    servicesIntro: 'Зверніться до держави просто з телефона.',
    servicesSearch: 'Пошук послуги',
    servicesFound: 'Знайдено послуг: {count}',
    servicesNoMatch: 'Жодна послуга не відповідає запиту «{query}».',
    servicesUnavailable: 'Послуги не вдається завантажити без з’єднання.',
    staleNote: 'Немає з’єднання: показано станом на {date}. Дані можуть бути застарілими.',
    categoryFamily: 'Сім’я',
    categoryResidence: 'Місце проживання',
    categoryDocuments: 'Документи',
    categoryTransport: 'Транспорт',
    categoryBusiness: 'Бізнес',
    categoryTaxes: 'Податки',
    categoryProperty: 'Майно',
    categorySocial: 'Соціальна підтримка',
    categoryHealth: 'Здоров’я',
    categoryEducation: 'Освіта',
    categoryJustice: 'Правосуддя',
    categoryCivic: 'Громадянам',
    categoryMigration: 'Міграція',
    categoryOther: 'Інше',
    serviceLoading: 'Завантажуємо послугу…',
    serviceUnavailable: 'Послугу не вдається завантажити без з’єднання.',
    serviceWhoDecides: 'Хто вирішує',
    decidedAuto: 'Автоматично, одразу',
    decidedOfficial: 'Посадова особа, протягом {days} днів',
    decidedPayment: 'Виконується після оплати',
    decidedBundle: 'Кожну послугу розглядає її орган; стан усіх — на одній сторінці',
    serviceFee: 'Збір',
    serviceKnownTitle: 'Що держава вже знає',
    serviceKnownHint: 'З державних реєстрів. Тут це не змінюється.',
    serviceNotEligible: 'Ви не можете подати заяву',
    serviceStart: 'Почати',
    servicePortalOther: 'Заява на цю послугу подається на порталі.',
    servicePortalLink: 'Відкрити на порталі',
    stepOf: 'Крок {n} з {total}',
    yes: 'Так',
    no: 'Ні',
    optional: '(необов’язково)',
    chooseOption: 'Виберіть…',
    errorSummaryTitle: 'Виправте, будь ласка',
    checkTitle: 'Перевірте відповіді',
    change: 'Змінити',
    notAnswered: 'Без відповіді',
    submitApplication: 'Подати заяву',
    submitting: 'Надсилаємо…',
    submitOffline:
      'Немає з’єднання. Відповіді збережено: спробуйте ще раз, коли з’явиться мережа. Двічі заяву не буде подано.',
    submitRefused: 'Заяву не прийнято',
    answerRequired: 'Заповніть це поле.',
    answerTooShort: 'Введіть щонайменше {n} символів.',
    answerTooLong: 'Введіть не більше {n} символів.',
    answerNumber: 'Введіть число.',
    answerTooSmall: 'Введіть {n} або більше.',
    answerTooBig: 'Введіть {n} або менше.',
    answerDate: 'Введіть справжню дату.',
    answerChoice: 'Виберіть один із варіантів.',
    answerYesNo: 'Виберіть «так» або «ні».',
    answerEmail: 'Введіть адресу e-mail, як-от name@example.com.',
    answerPhone: 'Введіть номер телефону, як-от +380 44 123 4567.',
    answerFormat: 'Введіть у показаному форматі.',
    answerFile: 'Виберіть файл, щоб завантажити його.',
    fileAllowed: '{types}, до {size}',
    fileOr: 'або',
    fileChoose: 'Вибрати файл',
    fileChooseOther: 'Вибрати інший файл',
    filePhoto: 'Сфотографувати',
    fileRemove: 'Видалити',
    fileUploading: 'Завантажуємо файл…',
    fileUploaded: 'Завантажено: {file}',
    fileRemoved: 'Файл видалено.',
    fileOffline: 'Без з’єднання файл не надіслати. Спробуйте ще раз.',
    fileTooLarge: 'Файл більший, ніж дозволено: до {size}. Виберіть менший.',
    itemNumber: 'Номер',
    itemDue: 'Сплатити до',
    itemsNone: 'Нічого не потрібно сплачувати.',
    payTitle: 'Оплата',
    payIntro: 'Ви сплатите карткою на сторінці платіжного провайдера й повернетеся сюди.',
    payButton: 'Сплатити {amount}',
    payOpening: 'Відкриваємо сторінку оплати…',
    payOffline: 'Без з’єднання оплатити не можна. Спробуйте ще раз.',
    payChecking: 'Перевіряємо оплату…',
    paymentMade: 'Оплату здійснено',
    paymentFailed:
      'Оплату не здійснено: картку відхилено, оплату скасовано або час сплив. Кошти не списано. Можна спробувати ще раз.',
    receiptPaidFor: 'Сплачено за',
    receiptPayment: 'Платіж',
    draftsTitle: 'Ще не надіслано',
    draftsHint: 'Ваші відповіді збережено на цьому телефоні, доки ви їх не надішлете.',
    draftContinue: 'Продовжити: {name}',
    draftResumed: 'Ви продовжуєте з того місця, де зупинилися.',
    applicationsOpen: 'Мої заяви',
    applicationsTitle: 'Мої заяви',
    applicationsEmpty: 'У вас ще немає заяв.',
    applicationsUnavailable: 'Заяви не вдається завантажити без з’єднання.',
    submittedLabel: 'Подано',
    submittedOn: 'Подано {date}',
    reference: 'Номер',
    statusLabel: 'Стан',
    historyHeading: 'Історія',
    applicationSubmitted: 'Заяву подано',
    applicationContinuePortal: 'Продовжити на порталі',
    appStatusSubmitted: 'Подано',
    appStatusAwaitingPayment: 'Очікує оплати',
    appStatusInReview: 'На розгляді',
    appStatusInfoRequested: 'Потрібні відомості від вас',
    appStatusApproved: 'Схвалено',
    appStatusRejected: 'Відмовлено',
    appStatusCompleted: 'Виконано',
    appStatusInProgress: 'Виконується',
    partsHeading: 'Послуги цієї заяви',
    partWaiting: 'Очікує',
    partWaitsFor: 'Почнеться, щойно буде виконано: {names}',
    partSkipped: 'Не замовлено',
    partCancelled: 'Не розпочато',
    partCancelledWhy: 'Не розпочато, бо відмовлено в послузі: {name}',
    partRefused: 'Не подано',
    partOpen: 'Відкрити заяву: {name}',
    partOf: 'Частина заяви «{name}»',
    eventBundleStarted: 'Послуги заяви розпочато',
    eventPartStarted: 'Подано заяву на послугу',
    eventPartSkipped: 'Послугу не замовлено',
    eventPartRefused: 'Послугу не вдалося замовити',
    eventPartCancelled: 'Послугу не розпочато',
    eventStagePassed: 'Етап розгляду пройдено',
    eventSubmitted: 'Заяву подано',
    eventPrefilled: 'Дані взято з реєстрів',
    eventQueued: 'Передано на розгляд',
    eventAssigned: 'Справу взято до роботи',
    eventPaymentRequested: 'Очікує оплати',
    eventPaid: 'Оплачено',
    eventRefunded: 'Кошти повернуто',
    eventInfoRequested: 'Запитано відомості',
    eventInfoGiven: 'Відповідь надано',
    eventDecided: 'Ухвалено рішення',
    eventOutputIssued: 'Результат надано',
    eventCompleted: 'Виконано',
    eventOther: 'Крок розгляду',
    actorYou: 'Ви',
    actorOfficial: 'Посадова особа',
    actorSystem: 'Поліс, автоматично',
    inboxOpen: 'Повідомлення',
    trackerOpen: 'Хто бачив мої дані',
    trackerTitle: 'Хто переглядав ваші дані',
    trackerIntro:
      'Кожен перегляд ваших даних у державних реєстрах записується тут спершу: хто, коли, які дані й навіщо.',
    trackerEmpty: 'Ніхто не переглядав ваші дані.',
    trackerUnavailable: 'Список не вдається завантажити без з’єднання.',
    trackerFlaggedOnly: 'Лише позначені',
    trackerFlagged: 'Без дійсної мети ({purpose})',
    trackerFlaggedHelp: 'Мета не відповідає жодній послузі. Повідомте уповноваженого з захисту персональних даних.',
    trackerRecords: 'записів: {n}',
    trackerTimes: 'разів: {n}',
    trackerLogged: 'У прозорому журналі: запис № {n}.',
    trackerProof: 'Зберегти доказ',
    inboxTitle: 'Повідомлення',
    inboxEmpty: 'Повідомлень немає.',
    inboxUnavailable: 'Повідомлення не вдається завантажити без з’єднання.',
    inboxNew: 'Нове',
    inboxOpenApplication: 'Відкрити заяву',
    applicationDocumentReady: 'Новий документ готовий. Отримайте його в гаманці.',
    applicationGetDocument: 'Отримати документ',
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
    txCodeIntro:
      'You were given a code for these documents separately: by the support desk, or on the page of your application.',
    txCodeLabel: 'Code given to you separately',
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
    issuedIn: 'Issued in {country}',
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
    servicesOpen: 'Services',
    servicesTitle: 'Services',
    servicesIntro: 'Apply to the state from your phone.',
    servicesSearch: 'Search for a service',
    servicesFound: 'Services found: {count}',
    servicesNoMatch: 'No service matches “{query}”.',
    servicesUnavailable: 'The services cannot be loaded without a connection.',
    staleNote: 'No connection: shown as loaded on {date}. It may be out of date.',
    categoryFamily: 'Family',
    categoryResidence: 'Where you live',
    categoryDocuments: 'Documents',
    categoryTransport: 'Transport',
    categoryBusiness: 'Business',
    categoryTaxes: 'Taxes',
    categoryProperty: 'Property',
    categorySocial: 'Social support',
    categoryHealth: 'Health',
    categoryEducation: 'Education',
    categoryJustice: 'Justice',
    categoryCivic: 'Civic life',
    categoryMigration: 'Migration',
    categoryOther: 'Other',
    serviceLoading: 'Loading the service…',
    serviceUnavailable: 'The service cannot be loaded without a connection.',
    serviceWhoDecides: 'Who decides',
    decidedAuto: 'Decided at once, automatically',
    decidedOfficial: 'An official, within {days} days',
    decidedPayment: 'Done once paid',
    decidedBundle: 'Each service by its own agency; one page shows them all',
    serviceFee: 'Fee',
    serviceKnownTitle: 'What the state already knows',
    serviceKnownHint: 'From the state registries. It cannot be changed here.',
    serviceNotEligible: 'You cannot apply',
    serviceStart: 'Start',
    servicePortalOther: 'This service is applied for on the portal.',
    servicePortalLink: 'Open it on the portal',
    stepOf: 'Step {n} of {total}',
    yes: 'Yes',
    no: 'No',
    optional: '(optional)',
    chooseOption: 'Choose…',
    errorSummaryTitle: 'There is a problem',
    checkTitle: 'Check your answers',
    change: 'Change',
    notAnswered: 'Not answered',
    submitApplication: 'Submit the application',
    submitting: 'Sending…',
    submitOffline: 'No connection. Your answers are kept: try again once you are online. It will not be sent twice.',
    submitRefused: 'The application was not accepted',
    answerRequired: 'Enter this.',
    answerTooShort: 'Enter at least {n} characters.',
    answerTooLong: 'Enter at most {n} characters.',
    answerNumber: 'Enter a number.',
    answerTooSmall: 'Enter {n} or more.',
    answerTooBig: 'Enter {n} or less.',
    answerDate: 'Enter a real date.',
    answerChoice: 'Choose one of the options.',
    answerYesNo: 'Choose yes or no.',
    answerEmail: 'Enter an e-mail address, like name@example.com.',
    answerPhone: 'Enter a phone number, like +380 44 123 4567.',
    answerFormat: 'Enter it in the format shown.',
    answerFile: 'Choose a file to upload.',
    fileAllowed: '{types}, up to {size}',
    fileOr: 'or',
    fileChoose: 'Choose a file',
    fileChooseOther: 'Choose another file',
    filePhoto: 'Take a photo',
    fileRemove: 'Remove',
    fileUploading: 'Uploading the file…',
    fileUploaded: 'Uploaded: {file}',
    fileRemoved: 'The file was removed.',
    fileOffline: 'The file cannot be sent without a connection. Try again.',
    fileTooLarge: 'The file is larger than this question allows: up to {size}. Choose a smaller one.',
    itemNumber: 'Number',
    itemDue: 'Pay by',
    itemsNone: 'There is nothing to pay.',
    payTitle: 'Payment',
    payIntro: 'You pay by card on the payment provider’s page, then come back here.',
    payButton: 'Pay {amount}',
    payOpening: 'Opening the payment page…',
    payOffline: 'You cannot pay without a connection. Try again.',
    payChecking: 'Checking the payment…',
    paymentMade: 'Payment made',
    paymentFailed:
      'The payment was not made: the card was declined, or the payment was cancelled or ran out of time. No money was taken. You can try again.',
    receiptPaidFor: 'Paid for',
    receiptPayment: 'Payment',
    draftsTitle: 'Not sent yet',
    draftsHint: 'Your answers are kept on this phone until you send them.',
    draftContinue: 'Continue: {name}',
    draftResumed: 'You are carrying on where you left off.',
    applicationsOpen: 'My applications',
    applicationsTitle: 'My applications',
    applicationsEmpty: 'You have no applications yet.',
    applicationsUnavailable: 'Your applications cannot be loaded without a connection.',
    submittedLabel: 'Submitted',
    submittedOn: 'Submitted {date}',
    reference: 'Reference',
    statusLabel: 'Status',
    historyHeading: 'History',
    applicationSubmitted: 'Application submitted',
    applicationContinuePortal: 'Continue on the portal',
    appStatusSubmitted: 'Submitted',
    appStatusAwaitingPayment: 'Waiting for payment',
    appStatusInReview: 'Being reviewed',
    appStatusInfoRequested: 'More information needed from you',
    appStatusApproved: 'Approved',
    appStatusRejected: 'Refused',
    appStatusCompleted: 'Done',
    appStatusInProgress: 'In progress',
    partsHeading: 'The services of this application',
    partWaiting: 'Waiting',
    partWaitsFor: 'Starts once this is done: {names}',
    partSkipped: 'Not asked for',
    partCancelled: 'Not started',
    partCancelledWhy: 'Not started, because this was refused: {name}',
    partRefused: 'Not applied for',
    partOpen: 'Open the application: {name}',
    partOf: 'Part of the application “{name}”',
    eventBundleStarted: 'The services were started',
    eventPartStarted: 'A service was applied for',
    eventPartSkipped: 'A service not asked for',
    eventPartRefused: 'A service could not be applied for',
    eventPartCancelled: 'A service was not started',
    eventStagePassed: 'A stage of the review was passed',
    eventSubmitted: 'Application submitted',
    eventPrefilled: 'Details read from the registries',
    eventQueued: 'Passed to an official',
    eventAssigned: 'Taken by an official',
    eventPaymentRequested: 'Waiting for payment',
    eventPaid: 'Paid',
    eventRefunded: 'Money returned',
    eventInfoRequested: 'More information asked for',
    eventInfoGiven: 'Answer given',
    eventDecided: 'Decided',
    eventOutputIssued: 'Result issued',
    eventCompleted: 'Done',
    eventOther: 'A step of the case',
    actorYou: 'You',
    actorOfficial: 'An official',
    actorSystem: 'Polis, automatically',
    inboxOpen: 'Inbox',
    trackerOpen: 'Who read my data',
    trackerTitle: 'Who read your data',
    trackerIntro:
      'Every read of your data in the state’s registers is written here first: who, when, which data and why.',
    trackerEmpty: 'Nobody has read your data.',
    trackerUnavailable: 'The list cannot be loaded without a connection.',
    trackerFlaggedOnly: 'Only the flagged',
    trackerFlagged: 'No valid purpose ({purpose})',
    trackerFlaggedHelp: 'The purpose matches no service. Report it to the data protection commissioner.',
    trackerRecords: 'records read: {n}',
    trackerTimes: '{n} times',
    trackerLogged: 'In the transparency log: entry {n}.',
    trackerProof: 'Save the proof',
    inboxTitle: 'Inbox',
    inboxEmpty: 'No messages.',
    inboxUnavailable: 'Your messages cannot be loaded without a connection.',
    inboxNew: 'New',
    inboxOpenApplication: 'Open the application',
    applicationDocumentReady: 'Your new document is ready. Get it in your wallet.',
    applicationGetDocument: 'Get the document',
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
    txCodeIntro: 'Teile anti nende dokumentide jaoks eraldi kood: klienditoes või teie taotluse lehel.',
    txCodeLabel: 'Teile eraldi antud kood',
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
    issuedIn: 'Väljaandnud riik: {country}',
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
    servicesOpen: 'Teenused',
    servicesTitle: 'Teenused',
    servicesIntro: 'Pöörduge riigi poole otse telefonist.',
    servicesSearch: 'Otsi teenust',
    servicesFound: 'Leitud teenuseid: {count}',
    servicesNoMatch: 'Päringule „{query}” ei vasta ükski teenus.',
    servicesUnavailable: 'Teenuseid ei saa ühenduseta laadida.',
    staleNote: 'Ühendus puudub: näidatakse seisuga {date}. Andmed võivad olla aegunud.',
    categoryFamily: 'Perekond',
    categoryResidence: 'Elukoht',
    categoryDocuments: 'Dokumendid',
    categoryTransport: 'Transport',
    categoryBusiness: 'Ettevõtlus',
    categoryTaxes: 'Maksud',
    categoryProperty: 'Vara',
    categorySocial: 'Sotsiaaltoetused',
    categoryHealth: 'Tervis',
    categoryEducation: 'Haridus',
    categoryJustice: 'Õigus',
    categoryCivic: 'Kodanikuelu',
    categoryMigration: 'Ränne',
    categoryOther: 'Muu',
    serviceLoading: 'Laadime teenust…',
    serviceUnavailable: 'Teenust ei saa ühenduseta laadida.',
    serviceWhoDecides: 'Kes otsustab',
    decidedAuto: 'Otsustatakse kohe, automaatselt',
    decidedOfficial: 'Ametnik, {days} päeva jooksul',
    decidedPayment: 'Tehakse pärast makset',
    decidedBundle: 'Iga teenus oma asutuses; ühel lehel on kõik',
    serviceFee: 'Lõiv',
    serviceKnownTitle: 'Mida riik juba teab',
    serviceKnownHint: 'Riiklikest registritest. Siin seda muuta ei saa.',
    serviceNotEligible: 'Te ei saa taotlust esitada',
    serviceStart: 'Alusta',
    servicePortalOther: 'Seda teenust taotletakse portaalis.',
    servicePortalLink: 'Ava portaalis',
    stepOf: 'Samm {n}/{total}',
    yes: 'Jah',
    no: 'Ei',
    optional: '(valikuline)',
    chooseOption: 'Valige…',
    errorSummaryTitle: 'Palun parandage',
    checkTitle: 'Kontrollige vastuseid',
    change: 'Muuda',
    notAnswered: 'Vastamata',
    submitApplication: 'Esita taotlus',
    submitting: 'Saadame…',
    submitOffline:
      'Ühendus puudub. Vastused on alles: proovige uuesti, kui võrk on olemas. Taotlust ei esitata kaks korda.',
    submitRefused: 'Taotlust ei võetud vastu',
    answerRequired: 'Täitke see väli.',
    answerTooShort: 'Sisestage vähemalt {n} märki.',
    answerTooLong: 'Sisestage kuni {n} märki.',
    answerNumber: 'Sisestage arv.',
    answerTooSmall: 'Sisestage {n} või rohkem.',
    answerTooBig: 'Sisestage {n} või vähem.',
    answerDate: 'Sisestage päris kuupäev.',
    answerChoice: 'Valige üks valikutest.',
    answerYesNo: 'Valige jah või ei.',
    answerEmail: 'Sisestage e-posti aadress, nt name@example.com.',
    answerPhone: 'Sisestage telefoninumber, nt +372 512 3456.',
    answerFormat: 'Sisestage näidatud kujul.',
    answerFile: 'Valige üleslaaditav fail.',
    fileAllowed: '{types}, kuni {size}',
    fileOr: 'või',
    fileChoose: 'Vali fail',
    fileChooseOther: 'Vali teine fail',
    filePhoto: 'Pildista',
    fileRemove: 'Eemalda',
    fileUploading: 'Laadime faili üles…',
    fileUploaded: 'Üles laaditud: {file}',
    fileRemoved: 'Fail eemaldati.',
    fileOffline: 'Ühenduseta faili saata ei saa. Proovige uuesti.',
    fileTooLarge: 'Fail on lubatust suurem: kuni {size}. Valige väiksem.',
    itemNumber: 'Number',
    itemDue: 'Tasuda hiljemalt',
    itemsNone: 'Midagi pole vaja maksta.',
    payTitle: 'Makse',
    payIntro: 'Maksate kaardiga makseteenuse pakkuja lehel ja naasete siia.',
    payButton: 'Maksa {amount}',
    payOpening: 'Avame makselehe…',
    payOffline: 'Ühenduseta maksta ei saa. Proovige uuesti.',
    payChecking: 'Kontrollime makset…',
    paymentMade: 'Makse tehtud',
    paymentFailed:
      'Makset ei tehtud: kaart lükati tagasi või makse tühistati või aeg sai otsa. Raha ei võetud. Võite uuesti proovida.',
    receiptPaidFor: 'Makstud',
    receiptPayment: 'Makse',
    draftsTitle: 'Veel saatmata',
    draftsHint: 'Teie vastused on selles telefonis kuni saatmiseni.',
    draftContinue: 'Jätka: {name}',
    draftResumed: 'Jätkate sealt, kus pooleli jäi.',
    applicationsOpen: 'Minu taotlused',
    applicationsTitle: 'Minu taotlused',
    applicationsEmpty: 'Teil pole veel taotlusi.',
    applicationsUnavailable: 'Taotlusi ei saa ühenduseta laadida.',
    submittedLabel: 'Esitatud',
    submittedOn: 'Esitatud {date}',
    reference: 'Viide',
    statusLabel: 'Olek',
    historyHeading: 'Ajalugu',
    applicationSubmitted: 'Taotlus esitatud',
    applicationContinuePortal: 'Jätka portaalis',
    appStatusSubmitted: 'Esitatud',
    appStatusAwaitingPayment: 'Ootab makset',
    appStatusInReview: 'Menetluses',
    appStatusInfoRequested: 'Vajame teilt lisateavet',
    appStatusApproved: 'Rahuldatud',
    appStatusRejected: 'Tagasi lükatud',
    appStatusCompleted: 'Valmis',
    appStatusInProgress: 'Pooleli',
    partsHeading: 'Selle taotluse teenused',
    partWaiting: 'Ootel',
    partWaitsFor: 'Algab, kui see on tehtud: {names}',
    partSkipped: 'Ei soovitud',
    partCancelled: 'Ei alustatud',
    partCancelledWhy: 'Ei alustatud, sest sellest keelduti: {name}',
    partRefused: 'Ei taotletud',
    partOpen: 'Ava taotlus: {name}',
    partOf: 'Osa taotlusest „{name}”',
    eventBundleStarted: 'Teenused alustati',
    eventPartStarted: 'Teenust taotleti',
    eventPartSkipped: 'Teenust ei soovitud',
    eventPartRefused: 'Teenust ei saanud taotleda',
    eventPartCancelled: 'Teenust ei alustatud',
    eventStagePassed: 'Menetluse etapp on läbitud',
    eventSubmitted: 'Taotlus esitatud',
    eventPrefilled: 'Andmed võeti registritest',
    eventQueued: 'Edastati ametnikule',
    eventAssigned: 'Ametnik võttis menetlusse',
    eventPaymentRequested: 'Ootab makset',
    eventPaid: 'Makstud',
    eventRefunded: 'Raha tagastatud',
    eventInfoRequested: 'Küsiti lisateavet',
    eventInfoGiven: 'Vastus antud',
    eventDecided: 'Otsustatud',
    eventOutputIssued: 'Tulemus väljastatud',
    eventCompleted: 'Valmis',
    eventOther: 'Menetluse samm',
    actorYou: 'Teie',
    actorOfficial: 'Ametnik',
    actorSystem: 'Polis, automaatselt',
    inboxOpen: 'Postkast',
    trackerOpen: 'Kes nägi minu andmeid',
    trackerTitle: 'Kes teie andmeid vaatas',
    trackerIntro:
      'Iga teie andmete lugemine riigi registritest kirjutatakse esmalt siia: kes, millal, milliseid andmeid ja miks.',
    trackerEmpty: 'Keegi pole teie andmeid vaadanud.',
    trackerUnavailable: 'Loendit ei saa ühenduseta laadida.',
    trackerFlaggedOnly: 'Ainult märgitud',
    trackerFlagged: 'Kehtiva eesmärgita ({purpose})',
    trackerFlaggedHelp: 'Eesmärk ei vasta ühelegi teenusele. Teatage sellest andmekaitse inspektsioonile.',
    trackerRecords: 'loetud kirjeid: {n}',
    trackerTimes: '{n} korda',
    trackerLogged: 'Läbipaistvuslogis: kirje {n}.',
    trackerProof: 'Salvesta tõend',
    inboxTitle: 'Postkast',
    inboxEmpty: 'Sõnumeid pole.',
    inboxUnavailable: 'Sõnumeid ei saa ühenduseta laadida.',
    inboxNew: 'Uus',
    inboxOpenApplication: 'Ava taotlus',
    applicationDocumentReady: 'Teie uus dokument on valmis. Laadige see rahakotti.',
    applicationGetDocument: 'Laadi dokument',
  },
}

/** A translator of the wallet's messages. */
export type Translate = ReturnType<typeof translator<Key>>
