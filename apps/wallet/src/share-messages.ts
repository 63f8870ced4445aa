import type { Messages, translator } from '@polis/ui'

/** The words of sharing documents with businesses (docs/sharing.md), apart from the rest of the wallet's. */
export type ShareKey =
  | 'shareTitle'
  | 'shareLoading'
  | 'shareAsks'
  | 'shareBusiness'
  | 'shareRegisterNumber'
  | 'sharePurpose'
  | 'sharePurposeUnknown'
  | 'shareVerified'
  | 'shareFrom'
  | 'shareChooseDocument'
  | 'shareChooseClaims'
  | 'shareWrongPin'
  | 'shareTransaction'
  | 'shareOptional'
  | 'shareInclude'
  | 'shareNoDocument'
  | 'shareUnregistered'
  | 'shareRefuse'
  | 'sharePin'
  | 'shareConsent'
  | 'shareDecline'
  | 'shareSent'
  | 'shareSentText'
  | 'shareDeclined'
  | 'shareDeclinedText'
  | 'shareFailed'
  | 'shareToDocuments'
  | 'shareToShares'
  | 'sharesTitle'
  | 'sharesIntro'
  | 'sharesEmpty'
  | 'sharesOutcomeSent'
  | 'sharesOutcomeDeclined'
  | 'sharesOpen'
  | 'sharesLinkLabel'
  | 'sharesAnswerTitle'
  | 'sharesScanImage'
  | 'sharesNoCode'
  | 'sharesAskDeletion'
  | 'sharesDeletionAsked'
  | 'deletionSubject'
  | 'sharesDeletionWaiting'
  | 'sharesDeletionDone'
  | 'sharesDeletionRefused'
  | 'sharesReport'
  | 'sharesReportLabel'
  | 'sharesReportSend'
  | 'sharesReported'
  | 'sharesReportTooShort'
  | 'deletionBody'
  | 'scanStart'
  | 'scanStop'
  | 'scanView'
  | 'scanUnavailable'
  | 'shareNeedsEnrolment'
  | 'back'

export const shareMessages: Messages<ShareKey> = {
  uk: {
    shareTitle: 'Запит на дані',
    shareLoading: 'Перевіряємо запит…',
    shareAsks: '{business} просить:',
    shareBusiness: 'Хто просить',
    shareRegisterNumber: 'Реєстраційний номер {number}',
    sharePurpose: 'Навіщо',
    sharePurposeUnknown: 'Мету не можна перевірити: бізнес зареєстрований в іншій країні.',
    shareVerified: 'Перевірено сертифікатом доступу платформи',
    shareFrom: 'З документа',
    shareChooseDocument: 'Який документ надати',
    shareChooseClaims: 'Що саме надати',
    shareWrongPin: 'Неправильний PIN. Залишилося спроб: {left}.',
    shareTransaction: 'Ви також підтверджуєте',
    shareOptional: 'Необов’язково',
    shareInclude: 'Надати й це',
    shareNoDocument: 'У гаманці немає документа, який відповідає запиту.',
    shareUnregistered: 'Бізнес не зареєстрований, щоб просити: {claims}. Гаманець не надасть цих даних.',
    shareRefuse: 'Відхилити запит',
    sharePin: 'PIN, щоб погодитися',
    shareConsent: 'Погоджуюся надати',
    shareDecline: 'Не надавати',
    shareSent: 'Дані надіслано',
    shareSentText: '{business} отримав лише вибрані дані, зашифровані для нього. Запис про це залишився в гаманці.',
    shareDeclined: 'Ви відмовилися',
    shareDeclinedText: '{business} дізнається, що ви не надали даних.',
    shareFailed: 'Не вдалося: {message} ({code})',
    shareToDocuments: 'До документів',
    shareToShares: 'Мої надання даних',
    sharesTitle: 'Надані дані',
    sharesIntro: 'Кому, коли й що ви надали. Зберігається лише на цьому телефоні й читається без мережі.',
    sharesEmpty: 'Ви ще нікому не надавали даних.',
    sharesOutcomeSent: 'Надано',
    sharesOutcomeDeclined: 'Відхилено',
    sharesOpen: 'Відкрити запит',
    sharesLinkLabel: 'Посилання на запит (openid4vp://…)',
    sharesAnswerTitle: 'Відповісти на запит',
    sharesScanImage: 'Прочитати QR-код із фото',
    sharesNoCode: 'На фото немає QR-коду запиту.',
    sharesAskDeletion: 'Попросити {business} видалити ці дані',
    sharesDeletionAsked: 'Видалення попрошено {date}',
    sharesDeletionWaiting: '{business} ще не відповів',
    sharesDeletionDone: '{business} видалив ці дані {date}',
    sharesDeletionRefused: '{business} відмовив {date}: {reason}',
    sharesReport: 'Поскаржитися органу з захисту персональних даних',
    sharesReportLabel: 'Що сталося (прочитає орган з захисту персональних даних)',
    sharesReportSend: 'Надіслати скаргу',
    sharesReported: 'Скаргу подано {date}',
    sharesReportTooShort: 'Опишіть, що сталося, від 3 до 2000 символів.',
    deletionSubject: 'Прошу видалити мої персональні дані',
    deletionBody:
      'Відповідно до статті 17 Загального регламенту захисту даних (GDPR) прошу видалити персональні дані, які я надав(ла) вам через Поліс {date} ({claims}; запит {reference}), і підтвердити мені видалення.',
    scanStart: 'Сканувати QR-код камерою',
    scanStop: 'Вимкнути камеру',
    scanView: 'Камера: наведіть на QR-код бізнесу',
    scanUnavailable: 'Камера недоступна: дозвольте її в налаштуваннях браузера або прочитайте код із фото.',
    shareNeedsEnrolment:
      'Щоб надати документи бізнесу, спершу додайте свої документи на цей телефон, а потім знову відкрийте посилання.',
    back: 'Назад',
  },
  en: {
    shareTitle: 'A request for your data',
    shareLoading: 'Checking the request…',
    shareAsks: '{business} asks for:',
    shareBusiness: 'Who asks',
    shareRegisterNumber: 'Register number {number}',
    sharePurpose: 'Why',
    sharePurposeUnknown: 'The purpose cannot be checked: the business is registered in another country.',
    shareVerified: 'Checked against the platform’s access certificate',
    shareFrom: 'From',
    shareChooseDocument: 'Which document to share',
    shareChooseClaims: 'What to share',
    shareWrongPin: 'Wrong PIN. Tries left: {left}.',
    shareTransaction: 'You also confirm',
    shareOptional: 'Optional',
    shareInclude: 'Share this too',
    shareNoDocument: 'No document in the wallet answers this request.',
    shareUnregistered: 'The business is not registered to ask for: {claims}. The wallet will not share it.',
    shareRefuse: 'Refuse the request',
    sharePin: 'PIN to consent',
    shareConsent: 'I consent to share',
    shareDecline: 'Do not share',
    shareSent: 'Shared',
    shareSentText: '{business} received only what you chose, encrypted for it. The wallet keeps a record.',
    shareDeclined: 'You declined',
    shareDeclinedText: '{business} will learn that you did not share.',
    shareFailed: 'It did not work: {message} ({code})',
    shareToDocuments: 'To documents',
    shareToShares: 'My shares',
    sharesTitle: 'Shared with businesses',
    sharesIntro: 'Whom you shared with, when and what. Kept on this phone only, readable offline.',
    sharesEmpty: 'You have not shared anything yet.',
    sharesOutcomeSent: 'Shared',
    sharesOutcomeDeclined: 'Declined',
    sharesOpen: 'Open the request',
    sharesLinkLabel: 'Link of the request (openid4vp://…)',
    sharesAnswerTitle: 'Answer a request',
    sharesScanImage: 'Read a QR code from a photo',
    sharesNoCode: 'There is no request QR code in the photo.',
    sharesAskDeletion: 'Ask {business} to delete this data',
    sharesDeletionAsked: 'Deletion asked on {date}',
    sharesDeletionWaiting: '{business} has not answered yet',
    sharesDeletionDone: '{business} erased this data on {date}',
    sharesDeletionRefused: '{business} refused on {date}: {reason}',
    sharesReport: 'Report to the data-protection authority',
    sharesReportLabel: 'What happened (the data-protection authority reads it)',
    sharesReportSend: 'Send the report',
    sharesReported: 'Reported on {date}',
    sharesReportTooShort: 'Say what happened in 3 to 2000 characters.',
    deletionSubject: 'Request to delete my personal data',
    deletionBody:
      'Under Article 17 of the GDPR I ask you to delete the personal data I shared with you through Polis on {date} ({claims}; request {reference}), and to confirm to me that you did.',
    scanStart: 'Scan a QR code with the camera',
    scanStop: 'Turn the camera off',
    scanView: 'Camera: point it at the business’s QR code',
    scanUnavailable: 'The camera is not available: allow it in the browser’s settings, or read the code from a photo.',
    shareNeedsEnrolment:
      'To share documents with a business, first add your documents to this phone, then open the link again.',
    back: 'Back',
  },
  et: {
    shareTitle: 'Andmete päring',
    shareLoading: 'Kontrollime päringut…',
    shareAsks: '{business} küsib:',
    shareBusiness: 'Kes küsib',
    shareRegisterNumber: 'Registrikood {number}',
    sharePurpose: 'Milleks',
    sharePurposeUnknown: 'Eesmärki ei saa kontrollida: ettevõte on registreeritud teises riigis.',
    shareVerified: 'Kontrollitud platvormi juurdepääsusertifikaadiga',
    shareFrom: 'Dokumendist',
    shareChooseDocument: 'Millist dokumenti jagada',
    shareChooseClaims: 'Mida jagada',
    shareWrongPin: 'Vale PIN. Katseid jäänud: {left}.',
    shareTransaction: 'Kinnitad ka',
    shareOptional: 'Valikuline',
    shareInclude: 'Jaga ka seda',
    shareNoDocument: 'Rahakotis pole päringule vastavat dokumenti.',
    shareUnregistered: 'Ettevõte pole registreeritud küsima: {claims}. Rahakott seda ei jaga.',
    shareRefuse: 'Keeldu päringust',
    sharePin: 'PIN nõustumiseks',
    shareConsent: 'Nõustun jagama',
    shareDecline: 'Ära jaga',
    shareSent: 'Jagatud',
    shareSentText: '{business} sai ainult valitud andmed, tema jaoks krüpteeritult. Rahakott jätab kirje.',
    shareDeclined: 'Sa keeldusid',
    shareDeclinedText: '{business} saab teada, et sa ei jaganud.',
    shareFailed: 'Ei õnnestunud: {message} ({code})',
    shareToDocuments: 'Dokumentide juurde',
    shareToShares: 'Minu jagamised',
    sharesTitle: 'Ettevõtetega jagatud',
    sharesIntro: 'Kellega, millal ja mida jagasid. Hoitakse ainult selles telefonis, loetav ka võrguta.',
    sharesEmpty: 'Sa pole veel midagi jaganud.',
    sharesOutcomeSent: 'Jagatud',
    sharesOutcomeDeclined: 'Keeldutud',
    sharesOpen: 'Ava päring',
    sharesLinkLabel: 'Päringu link (openid4vp://…)',
    sharesAnswerTitle: 'Vasta päringule',
    sharesScanImage: 'Loe QR-kood fotolt',
    sharesNoCode: 'Fotol pole päringu QR-koodi.',
    sharesAskDeletion: 'Palu {business} need andmed kustutada',
    sharesDeletionAsked: 'Kustutamist paluti {date}',
    sharesDeletionWaiting: '{business} pole veel vastanud',
    sharesDeletionDone: '{business} kustutas need andmed {date}',
    sharesDeletionRefused: '{business} keeldus {date}: {reason}',
    sharesReport: 'Teata andmekaitse inspektsioonile',
    sharesReportLabel: 'Mis juhtus (andmekaitse inspektsioon loeb seda)',
    sharesReportSend: 'Saada teade',
    sharesReported: 'Teatatud {date}',
    sharesReportTooShort: 'Kirjeldage juhtunut 3 kuni 2000 märgiga.',
    deletionSubject: 'Palun kustutada minu isikuandmed',
    deletionBody:
      'Palun kustutage isikuandmed, mida jagasin teiega Polise kaudu {date} ({claims}; päring {reference}), isikuandmete kaitse üldmääruse artikli 17 alusel ja kinnitage mulle kustutamist.',
    scanStart: 'Skaneeri QR-kood kaameraga',
    scanStop: 'Lülita kaamera välja',
    scanView: 'Kaamera: suuna see ettevõtte QR-koodile',
    scanUnavailable: 'Kaamera pole saadaval: luba see brauseri seadetes või loe kood fotolt.',
    shareNeedsEnrolment:
      'Dokumentide jagamiseks ettevõttega lisa esmalt oma dokumendid sellesse telefoni ja ava siis link uuesti.',
    back: 'Tagasi',
  },
}

export type ShareTranslate = ReturnType<typeof translator<ShareKey>>
