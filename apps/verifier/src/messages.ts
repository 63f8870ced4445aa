import type { Messages, translator } from '@polis/ui'

export type Key =
  | 'appName'
  | 'language'
  | 'settings'
  | 'back'
  | 'scanTitle'
  | 'scanIntro'
  | 'startCamera'
  | 'stopCamera'
  | 'cameraView'
  | 'cameraUnavailable'
  | 'chooseImage'
  | 'readingImage'
  | 'noQrInImage'
  | 'typeCode'
  | 'typeTitle'
  | 'codeLabel'
  | 'codeHint'
  | 'check'
  | 'checking'
  | 'valid'
  | 'invalid'
  | 'verdictValid'
  | 'verdictInvalid'
  | 'issuedBy'
  | 'issuedIn'
  | 'validUntil'
  | 'checkedAt'
  | 'portrait'
  | 'yes'
  | 'no'
  | 'unknownDocument'
  | 'scanNext'
  | 'trustUpdated'
  | 'trustNever'
  | 'trustOld'
  | 'trustUnusable'
  | 'anchorChanged'
  | 'refreshNow'
  | 'refreshing'
  | 'refreshFailed'
  | 'refreshNetwork'
  | 'refreshIncomplete'
  | 'codeOffline'
  | 'offline'
  | 'settingsTitle'
  | 'dataTitle'
  | 'trustListAge'
  | 'updatedAge'
  | 'statusListsAge'
  | 'never'
  | 'warnAfter'
  | 'logTitle'
  | 'logEmpty'
  | 'logNote'
  | 'clearLog'
  | 'clearLogConfirm'
  | 'logValid'
  | 'logInvalid'

/** Every string of the verifier in Ukrainian, English and Estonian. */
export const messages: Messages<Key> = {
  uk: {
    appName: 'Поліс · Перевірка',
    language: 'Мова',
    settings: 'Налаштування',
    back: 'Назад',
    scanTitle: 'Перевірка документа',
    scanIntro: 'Наведіть камеру на QR-код на телефоні власника. Перевірка працює без інтернету.',
    startCamera: 'Увімкнути камеру',
    stopCamera: 'Вимкнути камеру',
    cameraView: 'Зображення з камери',
    cameraUnavailable: 'Камера недоступна. Виберіть зображення або введіть код.',
    chooseImage: 'Вибрати зображення',
    readingImage: 'Читаємо зображення…',
    noQrInImage: 'На цьому зображенні не знайдено QR-коду.',
    typeCode: 'Ввести код',
    typeTitle: 'Введіть код',
    codeLabel: 'Текст QR-коду або 8-значний одноразовий код',
    codeHint: 'Вставте текст QR-коду або введіть 8 цифр, які назве власник. 8-значний код перевіряється онлайн.',
    check: 'Перевірити',
    checking: 'Перевіряємо…',
    valid: 'Дійсний',
    invalid: 'Недійсний',
    verdictValid: 'Дійсний: {document}',
    verdictInvalid: 'Недійсний: {reason}',
    issuedBy: 'Видав: {issuer}',
    issuedIn: 'Країна видачі: {country}',
    validUntil: 'Дійсний до {date}',
    checkedAt: 'Перевірено о {time}',
    portrait: 'Фотографія власника',
    yes: 'Так',
    no: 'Ні',
    unknownDocument: 'Невідомий документ',
    scanNext: 'Перевірити наступний',
    trustUpdated: 'Дані довіри оновлено {age}',
    trustNever: 'На цьому пристрої ще немає даних довіри. Підключіться до мережі, щоб завантажити їх.',
    trustOld: 'Дані довіри старші за {limit}. Оновіть їх, щойно буде мережа.',
    trustUnusable: 'Збережені дані довіри не пройшли перевірку ({code}). Оновіть їх.',
    anchorChanged:
      'Сервер надав інший національний кореневий ключ, ніж збережений на цьому пристрої. Його дані відхилено.',
    refreshNow: 'Оновити зараз',
    refreshing: 'Оновлюємо…',
    refreshFailed: 'Не вдалося оновити: {reason}',
    refreshNetwork: 'сервер недоступний.',
    refreshIncomplete: 'Не всі списки статусів вдалося оновити; для решти збережено попередні копії.',
    codeOffline: 'Одноразовий код перевіряється онлайн, а цей пристрій не в мережі. Попросіть показати QR-код.',
    offline: 'Немає з’єднання — перевірка використовує збережені дані.',
    settingsTitle: 'Налаштування',
    dataTitle: 'Дані довіри',
    trustListAge: 'Список довіри: {age}',
    updatedAge: 'оновлено {age}',
    statusListsAge: 'Списки статусів ({count}): {age}',
    never: 'ще не завантажено',
    warnAfter: 'Попереджати, коли дані старші за',
    logTitle: 'Журнал перевірок',
    logEmpty: 'Перевірок ще не було.',
    logNote: 'Журнал зберігає лише час, тип документа і результат — без імен і номерів.',
    clearLog: 'Очистити журнал',
    clearLogConfirm: 'Очистити весь журнал перевірок?',
    logValid: 'дійсний',
    logInvalid: 'недійсний',
  },
  en: {
    appName: 'Polis Verifier',
    language: 'Language',
    settings: 'Settings',
    back: 'Back',
    scanTitle: 'Check a document',
    scanIntro: 'Point the camera at the QR code on the holder’s phone. Checks work without the internet.',
    startCamera: 'Start camera',
    stopCamera: 'Stop camera',
    cameraView: 'Camera view',
    cameraUnavailable: 'The camera is not available. Choose an image or type the code.',
    chooseImage: 'Choose image',
    readingImage: 'Reading the image…',
    noQrInImage: 'No QR code was found in this image.',
    typeCode: 'Type a code',
    typeTitle: 'Type a code',
    codeLabel: 'QR code text or 8-digit one-time code',
    codeHint:
      'Paste the text of the QR code, or type the 8 digits the holder reads out. An 8-digit code is checked online.',
    check: 'Check',
    checking: 'Checking…',
    valid: 'Valid',
    invalid: 'Not valid',
    verdictValid: 'Valid: {document}',
    verdictInvalid: 'Not valid: {reason}',
    issuedBy: 'Issued by {issuer}',
    issuedIn: 'Issued in {country}',
    validUntil: 'Valid until {date}',
    checkedAt: 'Checked at {time}',
    portrait: 'Holder’s portrait',
    yes: 'Yes',
    no: 'No',
    unknownDocument: 'Unknown document',
    scanNext: 'Check the next one',
    trustUpdated: 'Trust data updated {age}',
    trustNever: 'This device has no trust data yet. Go online to download it.',
    trustOld: 'The trust data is older than {limit}. Refresh it as soon as you are online.',
    trustUnusable: 'The stored trust data failed its check ({code}). Refresh it.',
    anchorChanged:
      'The server presented a different national trust anchor from the one this device pinned. Its data was refused.',
    refreshNow: 'Refresh now',
    refreshing: 'Refreshing…',
    refreshFailed: 'Could not refresh: {reason}',
    refreshNetwork: 'the server could not be reached.',
    refreshIncomplete: 'Some status lists could not be refreshed; their earlier copies are kept.',
    codeOffline: 'A one-time code is checked online, and this device is offline. Ask for the QR code instead.',
    offline: 'No connection — checks use the stored trust data.',
    settingsTitle: 'Settings',
    dataTitle: 'Trust data',
    trustListAge: 'Trust list: {age}',
    updatedAge: 'updated {age}',
    statusListsAge: 'Status lists ({count}): {age}',
    never: 'not downloaded yet',
    warnAfter: 'Warn when the data is older than',
    logTitle: 'Check log',
    logEmpty: 'No checks yet.',
    logNote: 'The log keeps only the time, the document type and the result — no names or numbers.',
    clearLog: 'Clear log',
    clearLogConfirm: 'Clear the whole check log?',
    logValid: 'valid',
    logInvalid: 'not valid',
  },
  et: {
    appName: 'Polis kontroll',
    language: 'Keel',
    settings: 'Seaded',
    back: 'Tagasi',
    scanTitle: 'Dokumendi kontroll',
    scanIntro: 'Suunake kaamera omaniku telefonis olevale QR-koodile. Kontroll töötab ka ilma internetita.',
    startCamera: 'Lülita kaamera sisse',
    stopCamera: 'Lülita kaamera välja',
    cameraView: 'Kaamera pilt',
    cameraUnavailable: 'Kaamera pole saadaval. Valige pilt või sisestage kood.',
    chooseImage: 'Vali pilt',
    readingImage: 'Pildi lugemine…',
    noQrInImage: 'Sellelt pildilt ei leitud QR-koodi.',
    typeCode: 'Sisesta kood',
    typeTitle: 'Sisestage kood',
    codeLabel: 'QR-koodi tekst või 8-kohaline ühekordne kood',
    codeHint: 'Kleepige QR-koodi tekst või sisestage omaniku öeldud 8 numbrit. 8-kohalist koodi kontrollitakse võrgus.',
    check: 'Kontrolli',
    checking: 'Kontrollimine…',
    valid: 'Kehtiv',
    invalid: 'Ei kehti',
    verdictValid: 'Kehtiv: {document}',
    verdictInvalid: 'Ei kehti: {reason}',
    issuedBy: 'Väljaandja: {issuer}',
    issuedIn: 'Väljaandnud riik: {country}',
    validUntil: 'Kehtib kuni {date}',
    checkedAt: 'Kontrollitud kell {time}',
    portrait: 'Omaniku portreefoto',
    yes: 'Jah',
    no: 'Ei',
    unknownDocument: 'Tundmatu dokument',
    scanNext: 'Kontrolli järgmist',
    trustUpdated: 'Usaldusandmed uuendati {age}',
    trustNever: 'Selles seadmes pole veel usaldusandmeid. Nende laadimiseks looge võrguühendus.',
    trustOld: 'Usaldusandmed on vanemad kui {limit}. Värskendage neid esimesel võimalusel.',
    trustUnusable: 'Salvestatud usaldusandmed ei läbinud kontrolli ({code}). Värskendage neid.',
    anchorChanged:
      'Server esitas teise riikliku usaldusankru kui selles seadmes salvestatu. Selle andmed lükati tagasi.',
    refreshNow: 'Värskenda kohe',
    refreshing: 'Värskendamine…',
    refreshFailed: 'Värskendamine ebaõnnestus: {reason}',
    refreshNetwork: 'server pole kättesaadav.',
    refreshIncomplete: 'Kõiki olekuloendeid ei õnnestunud värskendada; nende varasemad koopiad on alles.',
    codeOffline: 'Ühekordset koodi kontrollitakse võrgus, aga see seade on võrguühenduseta. Paluge näidata QR-koodi.',
    offline: 'Ühendus puudub — kontroll kasutab salvestatud andmeid.',
    settingsTitle: 'Seaded',
    dataTitle: 'Usaldusandmed',
    trustListAge: 'Usaldusloend: {age}',
    updatedAge: 'uuendati {age}',
    statusListsAge: 'Olekuloendid ({count}): {age}',
    never: 'pole veel laaditud',
    warnAfter: 'Hoiata, kui andmed on vanemad kui',
    logTitle: 'Kontrollide logi',
    logEmpty: 'Kontrolle pole veel tehtud.',
    logNote: 'Logi hoiab ainult aega, dokumendi liiki ja tulemust — ilma nimede ja numbriteta.',
    clearLog: 'Tühjenda logi',
    clearLogConfirm: 'Kas tühjendada kogu kontrollide logi?',
    logValid: 'kehtiv',
    logInvalid: 'ei kehti',
  },
}

/** A translator of the verifier's messages. */
export type Translate = ReturnType<typeof translator<Key>>
