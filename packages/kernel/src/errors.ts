/**
 * Every error Polis reports has a stable code from this one registry. Codes are never
 * reused or renamed; `docs/errors.md` lists them and a test keeps the two in step.
 * Messages hold no personal data: what went wrong, never whose data it was.
 */
export type Language = 'en' | 'uk' | 'et'

interface ErrorSpec {
  /** The HTTP status an API answers with. */
  status: number
  message: Record<Language, string>
}

export const errorCodes = {
  ERR_MALFORMED: {
    status: 400,
    message: {
      en: 'The data is malformed and cannot be read.',
      uk: 'Дані пошкоджені або мають неправильний формат.',
      et: 'Andmed on vigased ja neid ei saa lugeda.',
    },
  },
  ERR_TOO_LARGE: {
    status: 413,
    message: {
      en: 'The data is larger than allowed.',
      uk: 'Дані перевищують допустимий розмір.',
      et: 'Andmed on lubatust suuremad.',
    },
  },
  ERR_UNSUPPORTED_ALGORITHM: {
    status: 400,
    message: {
      en: 'The signature algorithm is not accepted.',
      uk: 'Алгоритм підпису не підтримується.',
      et: 'Allkirja algoritmi ei aktsepteerita.',
    },
  },
  ERR_SIGNATURE_INVALID: {
    status: 400,
    message: {
      en: 'The issuer signature is not valid: the document may have been altered.',
      uk: 'Підпис видавця недійсний: документ міг бути змінений.',
      et: 'Väljaandja allkiri ei kehti: dokumenti võidi muuta.',
    },
  },
  ERR_UNTRUSTED_ISSUER: {
    status: 400,
    message: {
      en: 'The issuer is not on the trust list.',
      uk: 'Видавця немає в довіреному списку.',
      et: 'Väljaandjat pole usaldusnimekirjas.',
    },
  },
  ERR_DISCLOSURE_DUPLICATE: {
    status: 400,
    message: {
      en: 'A disclosed claim appears more than once.',
      uk: 'Розкрите поле трапляється більше одного разу.',
      et: 'Avalikustatud väide esineb rohkem kui üks kord.',
    },
  },
  ERR_DISCLOSURE_UNREFERENCED: {
    status: 400,
    message: {
      en: 'A disclosed claim was not signed by the issuer.',
      uk: 'Розкрите поле не підписане видавцем.',
      et: 'Avalikustatud väidet pole väljaandja allkirjastanud.',
    },
  },
  ERR_DIGEST_MISMATCH: {
    status: 400,
    message: {
      en: 'A data element does not match the digest the issuer signed.',
      uk: 'Елемент даних не відповідає підписаному видавцем дайджесту.',
      et: 'Andmeelement ei vasta väljaandja allkirjastatud räsile.',
    },
  },
  ERR_KB_MISSING: {
    status: 400,
    message: {
      en: 'The presentation is not bound to the holder’s device.',
      uk: 'Пред’явлення не прив’язане до пристрою власника.',
      et: 'Esitlus pole seotud omaniku seadmega.',
    },
  },
  ERR_KB_SIGNATURE_INVALID: {
    status: 400,
    message: {
      en: 'The holder’s signature on the presentation is not valid.',
      uk: 'Підпис власника на пред’явленні недійсний.',
      et: 'Omaniku allkiri esitlusel ei kehti.',
    },
  },
  ERR_KB_NONCE_MISMATCH: {
    status: 400,
    message: {
      en: 'The presentation was made for another request.',
      uk: 'Пред’явлення створене для іншого запиту.',
      et: 'Esitlus tehti teise päringu jaoks.',
    },
  },
  ERR_KB_AUDIENCE_MISMATCH: {
    status: 400,
    message: {
      en: 'The presentation was made for another verifier.',
      uk: 'Пред’явлення створене для іншого перевіряльника.',
      et: 'Esitlus tehti teisele kontrollijale.',
    },
  },
  ERR_KB_STALE: {
    status: 400,
    message: {
      en: 'The presentation is too old or dated in the future.',
      uk: 'Пред’явлення застаріле або датоване майбутнім.',
      et: 'Esitlus on liiga vana või tulevikku dateeritud.',
    },
  },
  ERR_KB_SD_HASH_MISMATCH: {
    status: 400,
    message: {
      en: 'The holder’s signature does not cover this presentation.',
      uk: 'Підпис власника не стосується цього пред’явлення.',
      et: 'Omaniku allkiri ei kata seda esitlust.',
    },
  },
  ERR_EXPIRED: {
    status: 400,
    message: {
      en: 'The document has expired.',
      uk: 'Строк дії документа минув.',
      et: 'Dokument on aegunud.',
    },
  },
  ERR_NOT_YET_VALID: {
    status: 400,
    message: {
      en: 'The document is not valid yet.',
      uk: 'Документ ще не набув чинності.',
      et: 'Dokument ei kehti veel.',
    },
  },
  ERR_REVOKED: {
    status: 400,
    message: {
      en: 'The document has been revoked.',
      uk: 'Документ анульовано.',
      et: 'Dokument on tühistatud.',
    },
  },
  ERR_SUSPENDED: {
    status: 400,
    message: {
      en: 'The document is suspended.',
      uk: 'Дію документа призупинено.',
      et: 'Dokumendi kehtivus on peatatud.',
    },
  },
  ERR_STATUS_UNAVAILABLE: {
    status: 503,
    message: {
      en: 'The document’s status could not be checked.',
      uk: 'Не вдалося перевірити статус документа.',
      et: 'Dokumendi olekut ei õnnestunud kontrollida.',
    },
  },
  ERR_UNKNOWN_CITIZEN: {
    status: 404,
    message: {
      en: 'No such citizen in the population register.',
      uk: 'Такої особи немає в реєстрі населення.',
      et: 'Sellist isikut rahvastikuregistris pole.',
    },
  },
  ERR_UNKNOWN_DOCUMENT_TYPE: {
    status: 404,
    message: {
      en: 'No such document type.',
      uk: 'Такого типу документа не існує.',
      et: 'Sellist dokumendiliiki pole.',
    },
  },
  ERR_NO_REGISTRY_RECORD: {
    status: 404,
    message: {
      en: 'The registries hold no record for this document.',
      uk: 'У реєстрах немає запису для цього документа.',
      et: 'Registrites pole selle dokumendi kohta kirjet.',
    },
  },
  ERR_UNSUPPORTED_FORMAT: {
    status: 400,
    message: {
      en: 'This document type is not issued in that format.',
      uk: 'Цей тип документа не видається в такому форматі.',
      et: 'Seda dokumendiliiki selles vormingus ei väljastata.',
    },
  },
  ERR_UNKNOWN_CREDENTIAL: {
    status: 404,
    message: {
      en: 'This credential was not issued here.',
      uk: 'Цей документ видано не тут.',
      et: 'Seda tõendit ei väljastatud siin.',
    },
  },
  ERR_KEY_DECRYPTION: {
    status: 500,
    message: {
      en: 'The stored keys cannot be decrypted: the key-encryption key is wrong.',
      uk: 'Не вдалося розшифрувати збережені ключі: неправильний ключ шифрування.',
      et: 'Salvestatud võtmeid ei saa dekrüpteerida: võtmekrüpteerimisvõti on vale.',
    },
  },
  ERR_DATABASE_CORRUPT: {
    status: 500,
    message: {
      en: 'The database file is damaged or is not a Polis database.',
      uk: 'Файл бази даних пошкоджений або не належить Polis.',
      et: 'Andmebaasifail on kahjustatud või pole Polise andmebaas.',
    },
  },
  ERR_DATABASE_UNAVAILABLE: {
    status: 503,
    message: {
      en: 'The database cannot be reached.',
      uk: 'База даних недоступна.',
      et: 'Andmebaas pole kättesaadav.',
    },
  },
  ERR_BACKUP_PASSPHRASE: {
    status: 400,
    message: {
      en: 'The passphrase does not open this backup, or the backup was altered. Nothing was restored.',
      uk: 'Парольна фраза не відкриває цю резервну копію, або копію змінено. Нічого не відновлено.',
      et: 'Parool ei ava seda varukoopiat või on varukoopiat muudetud. Midagi ei taastatud.',
    },
  },
  ERR_RESTORE_NOT_EMPTY: {
    status: 409,
    message: {
      en: 'This instance already holds data. Restore only into an empty instance, or replace everything with --force.',
      uk: 'Цей інстанс уже містить дані. Відновлюйте лише в порожній інстанс або замініть усе з --force.',
      et: 'Selles instantsis on juba andmeid. Taasta ainult tühja instantsi või asenda kõik võtmega --force.',
    },
  },
  ERR_BACKUP_ENGINE_MISMATCH: {
    status: 409,
    message: {
      en: 'The backup was made on the other storage engine (SQLite or PostgreSQL) than this instance runs on.',
      uk: 'Резервну копію зроблено на іншому рушії зберігання (SQLite чи PostgreSQL), ніж той, на якому працює цей інстанс.',
      et: 'Varukoopia tehti teisel salvestusmootoril (SQLite või PostgreSQL) kui see, millel see instants töötab.',
    },
  },
  ERR_RESTORE_KEY_MISMATCH: {
    status: 409,
    message: {
      en: 'This instance has another key-encryption key than the one the backup’s keys are sealed with. Nothing was restored.',
      uk: 'Цей інстанс має інший ключ шифрування ключів, ніж той, яким запечатано ключі резервної копії. Нічого не відновлено.',
      et: 'Sellel instantsil on teine võtmekrüpteerimisvõti kui see, millega varukoopia võtmed on suletud. Midagi ei taastatud.',
    },
  },
  ERR_BACKUP_TOOL_FAILED: {
    status: 500,
    message: {
      en: 'PostgreSQL’s own tool (pg_dump or psql) is missing or failed.',
      uk: 'Власний інструмент PostgreSQL (pg_dump чи psql) відсутній або завершився з помилкою.',
      et: 'PostgreSQL-i enda tööriist (pg_dump või psql) puudub või ebaõnnestus.',
    },
  },
  ERR_CONFIG_INVALID: {
    status: 500,
    message: {
      en: 'The configuration is not valid.',
      uk: 'Конфігурація недійсна.',
      et: 'Seadistus ei kehti.',
    },
  },
  ERR_BAD_REQUEST: {
    status: 400,
    message: {
      en: 'The request is not valid.',
      uk: 'Запит недійсний.',
      et: 'Päring ei kehti.',
    },
  },
  ERR_FORBIDDEN: {
    status: 403,
    message: {
      en: 'You are not allowed to do this.',
      uk: 'У вас немає права на цю дію.',
      et: 'Teil pole selleks õigust.',
    },
  },
  ERR_ALREADY_SEEDED: {
    status: 409,
    message: {
      en: 'The registries already hold a population; pass --replace to generate a new one.',
      uk: 'Реєстри вже містять населення; додайте --replace, щоб згенерувати нове.',
      et: 'Registrites on juba rahvastik; uue loomiseks lisage --replace.',
    },
  },
  ERR_INVALID_GRANT: {
    status: 400,
    message: {
      en: 'This offer code is unknown, used or expired: ask for a new offer.',
      uk: 'Код пропозиції невідомий, уже використаний або прострочений: попросіть нову пропозицію.',
      et: 'See pakkumise kood on tundmatu, kasutatud või aegunud: küsige uut pakkumist.',
    },
  },
  ERR_INVALID_TX_CODE: {
    status: 400,
    message: {
      en: 'The transaction code is wrong.',
      uk: 'Неправильний код підтвердження.',
      et: 'Tehingukood on vale.',
    },
  },
  ERR_INVALID_TOKEN: {
    status: 401,
    message: {
      en: 'The access token is missing, unknown or expired.',
      uk: 'Токен доступу відсутній, невідомий або прострочений.',
      et: 'Juurdepääsuluba puudub, on tundmatu või aegunud.',
    },
  },
  ERR_INVALID_PROOF: {
    status: 400,
    message: {
      en: 'The proof of possession of the holder key is not valid.',
      uk: 'Доказ володіння ключем власника недійсний.',
      et: 'Omaniku võtme valdamise tõend ei kehti.',
    },
  },
  ERR_INVALID_NONCE: {
    status: 400,
    message: {
      en: 'The proof uses an unknown, used or expired nonce: fetch a fresh one.',
      uk: 'Доказ використовує невідомий, використаний або прострочений nonce: отримайте новий.',
      et: 'Tõend kasutab tundmatut, kasutatud või aegunud nonce’i: hankige uus.',
    },
  },
  ERR_UNKNOWN_CREDENTIAL_CONFIGURATION: {
    status: 400,
    message: {
      en: 'This credential is not offered to you.',
      uk: 'Цей документ вам не запропоновано.',
      et: 'Seda tõendit teile ei pakuta.',
    },
  },
  ERR_UNKNOWN_IDENTITY_PROVIDER: {
    status: 404,
    message: {
      en: 'No such identity provider.',
      uk: 'Такого постачальника ідентифікації немає.',
      et: 'Sellist isikutuvastuse teenusepakkujat pole.',
    },
  },
  ERR_ENROLMENT_STATE: {
    status: 400,
    message: {
      en: 'This sign-in is unknown, expired or was started in another browser: start again.',
      uk: 'Цей вхід невідомий, прострочений або розпочатий в іншому браузері: почніть знову.',
      et: 'See sisselogimine on tundmatu, aegunud või alustati teises brauseris: alustage uuesti.',
    },
  },
  ERR_ENROLMENT_CANCELLED: {
    status: 400,
    message: {
      en: 'The sign-in at the identity provider was cancelled.',
      uk: 'Вхід у постачальника ідентифікації скасовано.',
      et: 'Sisselogimine isikutuvastuse teenusepakkuja juures katkestati.',
    },
  },
  ERR_ENROLMENT_FAILED: {
    status: 502,
    message: {
      en: 'The identity provider could not confirm who you are: try again later.',
      uk: 'Постачальник ідентифікації не зміг підтвердити вашу особу: спробуйте пізніше.',
      et: 'Isikutuvastuse teenusepakkuja ei suutnud teie isikut kinnitada: proovige hiljem uuesti.',
    },
  },
  ERR_ENROLMENT_INVALID: {
    status: 400,
    message: {
      en: 'This enrolment code is unknown, used or expired: prove who you are again.',
      uk: 'Код реєстрації невідомий, уже використаний або прострочений: підтвердьте особу ще раз.',
      et: 'See registreerimiskood on tundmatu, kasutatud või aegunud: tõendage oma isikut uuesti.',
    },
  },
  ERR_DEVICE_KEY_INVALID: {
    status: 400,
    message: {
      en: 'The device key must be a public P-256 key.',
      uk: 'Ключ пристрою має бути відкритим ключем P-256.',
      et: 'Seadme võti peab olema avalik P-256 võti.',
    },
  },
  ERR_DEVICE_AUTH: {
    status: 401,
    message: {
      en: 'The request is not signed by an enrolled device.',
      uk: 'Запит не підписаний зареєстрованим пристроєм.',
      et: 'Päring pole registreeritud seadme allkirjastatud.',
    },
  },
  ERR_DEVICE_AUTH_STALE: {
    status: 401,
    message: {
      en: 'The device signature is too old or dated in the future: check the device clock.',
      uk: 'Підпис пристрою застарий або датований майбутнім: перевірте годинник пристрою.',
      et: 'Seadme allkiri on liiga vana või tulevikku dateeritud: kontrollige seadme kella.',
    },
  },
  ERR_DEVICE_AUTH_REPLAYED: {
    status: 401,
    message: {
      en: 'This device signature was already used.',
      uk: 'Цей підпис пристрою вже було використано.',
      et: 'Seda seadme allkirja on juba kasutatud.',
    },
  },
  ERR_DEVICE_REVOKED: {
    status: 401,
    message: {
      en: 'This device has been removed from your account: enrol it again.',
      uk: 'Цей пристрій вилучено з вашого облікового запису: зареєструйте його знову.',
      et: 'See seade on teie kontolt eemaldatud: registreerige see uuesti.',
    },
  },
  ERR_UNKNOWN_DEVICE: {
    status: 404,
    message: {
      en: 'No such device among yours.',
      uk: 'Серед ваших пристроїв такого немає.',
      et: 'Teie seadmete hulgas sellist pole.',
    },
  },
  ERR_QR_FOREIGN: {
    status: 400,
    message: {
      en: 'This is not a Polis document code.',
      uk: 'Це не код документа Polis.',
      et: 'See ei ole Polise dokumendi kood.',
    },
  },
  ERR_PRESENTATION_EXPIRED: {
    status: 400,
    message: {
      en: 'This code has expired. Ask the holder to show a fresh one.',
      uk: 'Термін дії коду минув. Попросіть показати новий.',
      et: 'See kood on aegunud. Paluge näidata uut koodi.',
    },
  },
  ERR_PRESENTATION_REPLAYED: {
    status: 400,
    message: {
      en: 'This code was already checked. Ask the holder to show a fresh one.',
      uk: 'Цей код уже перевіряли. Попросіть показати новий.',
      et: 'Seda koodi on juba kontrollitud. Paluge näidata uut koodi.',
    },
  },
  ERR_STATUS_STALE: {
    status: 503,
    message: {
      en: 'The revocation data on this device is too old to rely on. Go online to refresh it.',
      uk: 'Дані про відкликання на цьому пристрої застаріли. Підключіться до мережі, щоб оновити їх.',
      et: 'Selle seadme tühistamisandmed on liiga vanad. Värskendamiseks looge võrguühendus.',
    },
  },
  ERR_TRUST_LIST_SIGNATURE: {
    status: 400,
    message: {
      en: 'The other country’s trust list does not verify against the anchor agreed for it. It was not used.',
      uk: 'Довірений список іншої країни не перевіряється узгодженим для неї якорем довіри. Його не використано.',
      et: 'Teise riigi usaldusnimekiri ei vasta sellele kokkulepitud usaldusankrule. Seda ei kasutatud.',
    },
  },
  ERR_TRUST_ANCHOR_MISMATCH: {
    status: 400,
    message: {
      en: 'The other country’s trust list is signed by another anchor than the one agreed for it. It was not used.',
      uk: 'Довірений список іншої країни підписано іншим якорем довіри, ніж узгоджено. Його не використано.',
      et: 'Teise riigi usaldusnimekiri on allkirjastatud teise usaldusankruga kui kokku lepitud. Seda ei kasutatud.',
    },
  },
  ERR_TRUST_LIST_STALE: {
    status: 503,
    message: {
      en: 'The issuing country’s trust list is past its validity. Its documents are refused until it is refreshed.',
      uk: 'Довірений список країни-видавця прострочений. Її документи не приймаються, доки його не оновлено.',
      et: 'Väljaandnud riigi usaldusnimekiri on aegunud. Selle dokumente ei aktsepteerita enne värskendamist.',
    },
  },
  ERR_TRUST_LIST_UNAVAILABLE: {
    status: 502,
    message: {
      en: 'The other country’s trust list cannot be fetched just now. The list held stays in use until it expires.',
      uk: 'Довірений список іншої країни зараз не вдається отримати. Наявний список діє, доки не спливе його строк.',
      et: 'Teise riigi usaldusnimekirja ei õnnestu praegu alla laadida. Olemasolev nimekiri kehtib kuni aegumiseni.',
    },
  },
  ERR_ISSUER_WITHDRAWN: {
    status: 400,
    message: {
      en: 'The issuing country has withdrawn this issuer from its trust list. Its documents are no longer accepted.',
      uk: 'Країна-видавець вилучила цього видавця зі свого довіреного списку. Його документи більше не приймаються.',
      et: 'Väljaandnud riik on selle väljaandja oma usaldusnimekirjast eemaldanud. Tema dokumente enam ei aktsepteerita.',
    },
  },
  ERR_ISSUER_NOT_ENTITLED: {
    status: 400,
    message: {
      en: 'The issuing country’s trust list does not allow this issuer to issue this kind of document.',
      uk: 'Довірений список країни-видавця не дозволяє цьому видавцеві видавати документи такого виду.',
      et: 'Väljaandnud riigi usaldusnimekiri ei luba sellel väljaandjal seda liiki dokumente välja anda.',
    },
  },
  ERR_IDP_CERTIFICATE_MISSING: {
    status: 400,
    message: {
      en: 'The displaced person’s certificate was not shared. Share it from your wallet together with your identity card.',
      uk: 'Довідку внутрішньо переміщеної особи не надано. Поділіться нею з гаманця разом з ID-карткою.',
      et: 'Ümberasustatud isiku tõendit ei jagatud. Jagage see rahakotist koos isikutunnistusega.',
    },
  },
  ERR_DOCUMENTS_NAME_DIFFERENT_PEOPLE: {
    status: 400,
    message: {
      en: 'The documents shared name different people. Share your own identity card and your own certificate.',
      uk: 'Надані документи належать різним людям. Поділіться власною ID-карткою та власною довідкою.',
      et: 'Jagatud dokumendid on eri inimeste omad. Jagage oma isikutunnistust ja oma tõendit.',
    },
  },
  ERR_FOREIGN_DOCUMENT_REQUIRED: {
    status: 400,
    message: {
      en: 'This service is for people with documents of another country. Use the services for residents.',
      uk: 'Ця послуга — для людей з документами іншої країни. Скористайтеся послугами для мешканців.',
      et: 'See teenus on teise riigi dokumentidega inimestele. Kasutage elanike teenuseid.',
    },
  },
  ERR_APPLICATION_NOT_AT_STEP: {
    status: 409,
    message: {
      en: 'This application is not at that step: an earlier step comes first, or it has moved on.',
      uk: 'Заява не на цьому кроці: спершу потрібен попередній крок, або її вже розглянуто далі.',
      et: 'Taotlus ei ole selles etapis: enne on vaja eelmist sammu või on see juba edasi liikunud.',
    },
  },
  ERR_OFFER_FOR_ANOTHER_CITIZEN: {
    status: 403,
    message: {
      en: 'This offer of documents is for someone else. Nothing was added.',
      uk: 'Ця пропозиція документів призначена іншій особі. Нічого не додано.',
      et: 'See dokumentide pakkumine on kellelegi teisele. Midagi ei lisatud.',
    },
  },
  ERR_LOGIN_NOT_PENDING: {
    status: 409,
    message: {
      en: 'This sign-in is no longer waiting: it was answered already or has expired. Start again.',
      uk: 'Цей вхід уже не очікує: на нього вже відповіли або час минув. Почніть знову.',
      et: 'See sisselogimine ei oota enam: sellele on juba vastatud või aeg on läbi. Alustage uuesti.',
    },
  },
  ERR_RATE_LIMITED: {
    status: 429,
    message: {
      en: 'Too many attempts. Wait a few minutes and try again.',
      uk: 'Забагато спроб. Зачекайте кілька хвилин і спробуйте знову.',
      et: 'Liiga palju katseid. Oodake mõni minut ja proovige uuesti.',
    },
  },
  ERR_SHARE_CODE_INVALID: {
    status: 404,
    message: {
      en: 'This code is unknown, already used or expired.',
      uk: 'Цей код невідомий, уже використаний або прострочений.',
      et: 'See kood on tundmatu, juba kasutatud või aegunud.',
    },
  },
  ERR_NO_SIGNATURE: {
    status: 422,
    message: {
      en: 'No signature was found: give a signed PDF, or the file with its detached signature.',
      uk: 'Підпис не знайдено: додайте підписаний PDF або файл разом з окремим підписом.',
      et: 'Allkirja ei leitud: lisage allkirjastatud PDF või fail koos eraldi allkirjaga.',
    },
  },
  ERR_DOCUMENT_CHANGED: {
    status: 422,
    message: {
      en: 'The document was changed after it was signed.',
      uk: 'Документ було змінено після підписання.',
      et: 'Dokumenti on pärast allkirjastamist muudetud.',
    },
  },
  ERR_SIGNER_SIGNATURE_INVALID: {
    status: 422,
    message: {
      en: 'The signature does not match the signer’s certificate.',
      uk: 'Підпис не відповідає сертифікату підписувача.',
      et: 'Allkiri ei vasta allkirjastaja sertifikaadile.',
    },
  },
  ERR_SIGNER_UNTRUSTED: {
    status: 422,
    message: {
      en: 'The signer’s certificate was not issued by a trusted signing authority.',
      uk: 'Сертифікат підписувача видав не довірений центр.',
      et: 'Allkirjastaja sertifikaati ei ole välja andnud usaldusväärne asutus.',
    },
  },
  ERR_SIGNER_CERTIFICATE_REVOKED: {
    status: 422,
    message: {
      en: 'The signer’s certificate had been revoked when the signature was made.',
      uk: 'Сертифікат підписувача було відкликано на момент підписання.',
      et: 'Allkirjastaja sertifikaat oli allkirjastamise ajal tühistatud.',
    },
  },
  ERR_SIGNER_CERTIFICATE_EXPIRED: {
    status: 422,
    message: {
      en: 'The signer’s certificate was not valid when the signature was made.',
      uk: 'Сертифікат підписувача не був чинним на момент підписання.',
      et: 'Allkirjastaja sertifikaat ei kehtinud allkirjastamise ajal.',
    },
  },
  ERR_TIMESTAMP_INVALID: {
    status: 422,
    message: {
      en: 'The signature’s time-stamp is not valid.',
      uk: 'Позначка часу підпису недійсна.',
      et: 'Allkirja ajatempel ei kehti.',
    },
  },
  ERR_SIGNING_NOT_PENDING: {
    status: 409,
    message: {
      en: 'This signing request is no longer waiting: it was signed, declined or has expired.',
      uk: 'Цей запит на підписання вже не очікує: його підписано, відхилено або він застарів.',
      et: 'See allkirjastamise taotlus ei oota enam: see on allkirjastatud, tagasi lükatud või aegunud.',
    },
  },
  ERR_NO_SIGNING_CERTIFICATE: {
    status: 409,
    message: {
      en: 'This wallet has no signing certificate yet: open the wallet online once to get one.',
      uk: 'У цьому гаманці ще немає сертифіката підпису: відкрийте гаманець онлайн, щоб його отримати.',
      et: 'Selles rahakotis pole veel allkirjastamise sertifikaati: avage rahakott korra võrgus, et see saada.',
    },
  },
  ERR_CLIENT_AUTH: {
    status: 401,
    message: {
      en: 'The client is not known, or its credentials are wrong.',
      uk: 'Клієнт невідомий або його облікові дані неправильні.',
      et: 'Klient on tundmatu või selle volitused on valed.',
    },
  },
  ERR_CLIENT_REGISTRATION: {
    status: 400,
    message: {
      en: 'The client registration is not valid: see the field named.',
      uk: 'Реєстрація клієнта неправильна: дивіться назване поле.',
      et: 'Kliendi registreering ei ole korrektne: vaadake nimetatud välja.',
    },
  },
  ERR_SERVICE_DEFINITION_INVALID: {
    status: 400,
    message: {
      en: 'The service definition is not valid.',
      uk: 'Опис послуги неправильний.',
      et: 'Teenuse kirjeldus ei ole korrektne.',
    },
  },
  ERR_UNKNOWN_SERVICE: {
    status: 404,
    message: {
      en: 'There is no such service.',
      uk: 'Такої послуги немає.',
      et: 'Sellist teenust ei ole.',
    },
  },
  ERR_NOT_ELIGIBLE: {
    status: 422,
    message: {
      en: 'You cannot apply for this service: see why below.',
      uk: 'Ви не можете подати заяву на цю послугу: причину вказано нижче.',
      et: 'Te ei saa seda teenust taotleda: põhjus on allpool.',
    },
  },
  ERR_FORM_INVALID: {
    status: 422,
    message: {
      en: 'Some answers need correcting: see the fields marked.',
      uk: 'Деякі відповіді треба виправити: дивіться позначені поля.',
      et: 'Mõned vastused vajavad parandamist: vaadake märgitud välju.',
    },
  },
  ERR_ATTACHMENT_TYPE: {
    status: 422,
    message: {
      en: 'This kind of file is not taken here: see the kinds listed under the question.',
      uk: 'Такий тип файлу тут не приймається: дозволені типи вказано під запитанням.',
      et: 'Sellist faili siin vastu ei võeta: lubatud tüübid on küsimuse all.',
    },
  },
  ERR_ATTACHMENT_TOO_LARGE: {
    status: 413,
    message: {
      en: 'The file is larger than this question allows: see the limit under the question.',
      uk: 'Файл більший, ніж дозволено: обмеження вказано під запитанням.',
      et: 'Fail on lubatust suurem: piirang on küsimuse all.',
    },
  },
  ERR_ATTACHMENT_EMPTY: {
    status: 422,
    message: {
      en: 'The file is empty: choose it again.',
      uk: 'Файл порожній: виберіть його ще раз.',
      et: 'Fail on tühi: valige see uuesti.',
    },
  },
  ERR_ATTACHMENT_UNKNOWN: {
    status: 422,
    message: {
      en: 'This file is not one you uploaded for this application: upload it again.',
      uk: 'Цей файл не завантажено вами для цієї заяви: завантажте його ще раз.',
      et: 'Seda faili pole te selle taotluse jaoks üles laadinud: laadige see uuesti üles.',
    },
  },
  ERR_CLIENT_KEY_REUSED: {
    status: 409,
    message: {
      en: 'This submission key was already used for another service.',
      uk: 'Цей ключ подання вже використано для іншої послуги.',
      et: 'Seda esitamise võtit on juba kasutatud teise teenuse jaoks.',
    },
  },
  ERR_CASE_DECIDED: {
    status: 409,
    message: {
      en: 'This case has been decided already.',
      uk: 'У цій справі вже ухвалено рішення.',
      et: 'Selles asjas on otsus juba tehtud.',
    },
  },
  ERR_STAGE_SAME_OFFICIAL: {
    status: 403,
    message: {
      en: 'You acted at an earlier stage of this case: another official acts at this one.',
      uk: 'Ви діяли на попередньому етапі цієї справи: на цьому етапі діє інший посадовець.',
      et: 'Te tegutsesite selle asja varasemas etapis: selles etapis tegutseb teine ametnik.',
    },
  },
  ERR_STAGE_NOT_OPEN: {
    status: 409,
    message: {
      en: 'This case is not at that stage: the stages before it are passed first, and only the last one approves.',
      uk: 'Справа не на цьому етапі: спершу проходять попередні етапи, а схвалюють лише на останньому.',
      et: 'Asi pole selles etapis: enne läbitakse eelnevad etapid ja rahuldatakse ainult viimases.',
    },
  },
  ERR_CONFIRMATION_PENDING: {
    status: 409,
    message: {
      en: 'The other person named in the application has not confirmed it yet: it cannot be approved before they do.',
      uk: 'Інша особа, зазначена в заяві, ще не підтвердила її: схвалити заяву до підтвердження не можна.',
      et: 'Taotluses nimetatud teine isik pole seda veel kinnitanud: enne seda ei saa taotlust rahuldada.',
    },
  },
  ERR_CONFIRMATION_ANSWERED: {
    status: 409,
    message: {
      en: 'This has been answered already, or the application is closed.',
      uk: 'На це вже відповіли, або заяву закрито.',
      et: 'Sellele on juba vastatud või taotlus on suletud.',
    },
  },
  ERR_CONFIRMATION_DECLINED: {
    status: 409,
    message: {
      en: 'The other person named in the application declined it: the application is closed.',
      uk: 'Інша особа, зазначена в заяві, відмовилася: заяву закрито.',
      et: 'Taotluses nimetatud teine isik keeldus: taotlus on suletud.',
    },
  },
  ERR_NOT_PARENT: {
    status: 422,
    message: {
      en: 'The civil-status register does not name you as a parent of this child.',
      uk: 'У реєстрі актів цивільного стану ви не записані батьком чи матір’ю цієї дитини.',
      et: 'Perekonnaseisuregistris ei ole te selle lapse vanem.',
    },
  },
  ERR_CHILD_REGISTERS_OWN_ADDRESS: {
    status: 422,
    message: {
      en: 'From the age of 14 a child registers their own address.',
      uk: 'З 14 років дитина реєструє місце проживання самостійно.',
      et: 'Alates 14. eluaastast registreerib laps oma aadressi ise.',
    },
  },
  ERR_BIRTH_DATE_INVALID: {
    status: 422,
    message: {
      en: 'The date of birth cannot be right: not in the future, after the parents’ own, and at most a year ago (later births are registered at a civil registry office).',
      uk: 'Дата народження не може бути такою: не в майбутньому, після народження батьків і не більше року тому (пізніше народження реєструють у відділі ДРАЦС).',
      et: 'Sünniaeg ei saa olla õige: mitte tulevikus, pärast vanemate sündi ja kõige rohkem aasta tagasi (hilisemad sünnid registreeritakse perekonnaseisuasutuses).',
    },
  },
  ERR_PARENT_ROLE: {
    status: 422,
    message: {
      en: 'The parents do not match the registers: the mother and the father are two people of the sex the register records for each.',
      uk: 'Батьки не збігаються з реєстрами: мати й батько — двоє різних людей, стать кожного як у реєстрі.',
      et: 'Vanemad ei vasta registritele: ema ja isa on kaks eri inimest, kummagi sugu nagu registris.',
    },
  },
  ERR_BIRTH_ALREADY_REGISTERED: {
    status: 409,
    message: {
      en: 'This child’s birth is registered already.',
      uk: 'Народження цієї дитини вже зареєстровано.',
      et: 'Selle lapse sünd on juba registreeritud.',
    },
  },
  ERR_ALREADY_MARRIED: {
    status: 422,
    message: {
      en: 'The register shows one of you as married: a new marriage is registered once that one is dissolved.',
      uk: 'За реєстром хтось із вас перебуває в шлюбі: новий шлюб реєструють після розірвання чинного.',
      et: 'Registri järgi on üks teist abielus: uus abielu registreeritakse pärast kehtiva lõppemist.',
    },
  },
  ERR_PARTNER_UNDER_AGE: {
    status: 422,
    message: {
      en: 'Your partner is under 18: a marriage is registered from the age of 18.',
      uk: 'Вашому партнерові ще немає 18 років: шлюб реєструють із 18 років.',
      et: 'Teie partner on alla 18-aastane: abielu registreeritakse alates 18. eluaastast.',
    },
  },
  ERR_PARTNER_IS_APPLICANT: {
    status: 422,
    message: {
      en: 'The tax number given for your partner is your own.',
      uk: 'Податковий номер, вказаний для партнера, — ваш власний.',
      et: 'Partneri maksukohustuslase number on teie enda oma.',
    },
  },
  ERR_PARTNER_MISMATCH: {
    status: 422,
    message: {
      en: 'The date of birth given is not that of the person with this tax number.',
      uk: 'Вказана дата народження не збігається з датою народження людини з цим податковим номером.',
      et: 'Antud sünniaeg ei ole selle maksukohustuslase numbriga inimese oma.',
    },
  },
  ERR_SURNAME_CHOICE_INVALID: {
    status: 422,
    message: {
      en: 'This family name cannot be chosen: it is your own, your partner’s or both joined by a hyphen; after a divorce, the one you had before the marriage.',
      uk: 'Таке прізвище обрати не можна: це ваше прізвище, прізвище партнера або обидва через дефіс; після розірвання шлюбу — дошлюбне.',
      et: 'Sellist perekonnanime ei saa valida: see on teie oma, partneri oma või mõlemad sidekriipsuga; pärast lahutust abielueelne.',
    },
  },
  ERR_NOT_MARRIED: {
    status: 422,
    message: {
      en: 'The register shows no marriage of yours to dissolve.',
      uk: 'За реєстром у вас немає шлюбу, який можна розірвати.',
      et: 'Registri järgi ei ole teil abielu, mida lahutada.',
    },
  },
  ERR_NOT_SPOUSE: {
    status: 422,
    message: {
      en: 'The person with this tax number is not your spouse in the register.',
      uk: 'Людина з цим податковим номером не є вашим чоловіком чи дружиною за реєстром.',
      et: 'Selle maksukohustuslase numbriga inimene ei ole registri järgi teie abikaasa.',
    },
  },
  ERR_NAME_UNCHANGED: {
    status: 422,
    message: {
      en: 'The new name is the one the register already holds.',
      uk: 'Нове ім’я таке саме, як у реєстрі.',
      et: 'Uus nimi on sama, mis registris.',
    },
  },
  ERR_UNSPENT_CONVICTION: {
    status: 422,
    message: {
      en: 'A name is not changed while a conviction is unspent.',
      uk: 'Ім’я не змінюють, поки судимість не знято й не погашено.',
      et: 'Nime ei muudeta, kuni karistus on kustumata.',
    },
  },
  ERR_ALREADY_REGISTERED: {
    status: 409,
    message: {
      en: 'This is registered already.',
      uk: 'Це вже зареєстровано.',
      et: 'See on juba registreeritud.',
    },
  },
  ERR_NOT_REGISTERED: {
    status: 409,
    message: {
      en: 'The register holds nothing of yours to change or close.',
      uk: 'У реєстрі немає вашого запису, який можна змінити чи закрити.',
      et: 'Registris pole teie kirjet, mida muuta või sulgeda.',
    },
  },
  ERR_NOT_VEHICLE_OWNER: {
    status: 422,
    message: {
      en: 'The vehicle is not registered to you.',
      uk: 'Транспортний засіб зареєстровано не на вас.',
      et: 'Sõiduk ei ole teie nimel registreeritud.',
    },
  },
  ERR_VIN_INVALID: {
    status: 422,
    message: {
      en: 'This is not a valid VIN: check its 17 characters.',
      uk: 'Це не дійсний VIN-код: перевірте всі 17 знаків.',
      et: 'See ei ole kehtiv VIN-kood: kontrollige selle 17 märki.',
    },
  },
  ERR_UNKNOWN_TAXPAYER: {
    status: 422,
    message: {
      en: 'No one in the registers has this tax number.',
      uk: 'У реєстрах немає особи з таким податковим номером.',
      et: 'Registrites pole selle maksunumbriga isikut.',
    },
  },
  ERR_ALREADY_PAID: {
    status: 409,
    message: {
      en: 'This has been paid already. If you were charged twice, the second payment is refunded.',
      uk: 'Це вже сплачено. Якщо кошти списано двічі, другий платіж повернуто.',
      et: 'See on juba makstud. Kui raha võeti kaks korda, makstakse teine makse tagasi.',
    },
  },
  ERR_AMOUNT_CHANGED: {
    status: 409,
    message: {
      en: 'The amount due has changed since you started: the payment is refunded. Start again.',
      uk: 'Сума до сплати змінилася, відколи ви почали: платіж повернуто. Почніть знову.',
      et: 'Tasumisele kuuluv summa on vahepeal muutunud: makse tagastatakse. Alustage uuesti.',
    },
  },
  ERR_NOTHING_TO_PAY: {
    status: 409,
    message: {
      en: 'There is nothing to pay on this application now.',
      uk: 'За цією заявою зараз нічого не потрібно сплачувати.',
      et: 'Selle taotluse eest pole praegu midagi vaja maksta.',
    },
  },
  ERR_PAYMENT_KEY_REUSED: {
    status: 409,
    message: {
      en: 'This payment key was already used for another application.',
      uk: 'Цей ключ платежу вже використано для іншої заяви.',
      et: 'Seda makse võtit on juba kasutatud teise taotluse jaoks.',
    },
  },
  ERR_RATING_INVALID: {
    status: 422,
    message: {
      en: 'Choose how easy the service was, from 1 to 5.',
      uk: 'Оберіть, наскільки легко було скористатися послугою, від 1 до 5.',
      et: 'Valige, kui lihtne teenust oli kasutada, 1 kuni 5.',
    },
  },
  ERR_RATING_NOT_YET: {
    status: 409,
    message: {
      en: 'You can rate the service once your application is decided.',
      uk: 'Оцінити послугу можна, коли за вашою заявою ухвалять рішення.',
      et: 'Teenust saab hinnata, kui teie taotluse kohta on otsus tehtud.',
    },
  },
  ERR_ALREADY_RATED: {
    status: 409,
    message: {
      en: 'You have rated this application already. Thank you.',
      uk: 'Ви вже оцінили цю заяву. Дякуємо.',
      et: 'Olete seda taotlust juba hinnanud. Aitäh.',
    },
  },
  ERR_BUILDER_EDIT: {
    status: 422,
    message: {
      en: 'This change cannot be made to the draft: see the place named.',
      uk: 'Цю зміну не можна внести в чернетку: дивіться назване місце.',
      et: 'Seda muudatust ei saa mustandisse teha: vaadake nimetatud kohta.',
    },
  },
  ERR_DRAFT_CHANGED: {
    status: 409,
    message: {
      en: 'Someone else changed this draft since you opened it: open it again and redo your change.',
      uk: 'Хтось інший змінив цю чернетку, відколи ви її відкрили: відкрийте її знову й повторіть зміну.',
      et: 'Keegi teine muutis seda mustandit pärast selle avamist: avage see uuesti ja tehke muudatus uuesti.',
    },
  },
  ERR_SAME_REVIEWER: {
    status: 403,
    message: {
      en: 'A version is approved by another official than the ones who wrote it and sent it for review.',
      uk: 'Версію затверджує інший службовець, ніж ті, хто її написав і надіслав на перевірку.',
      et: 'Versiooni kinnitab teine ametnik kui need, kes selle kirjutasid ja ülevaatusele saatsid.',
    },
  },
  ERR_VERSION_STATE: {
    status: 409,
    message: {
      en: 'This version of the service cannot take this step in the state it is in.',
      uk: 'Ця версія послуги в її поточному стані не може перейти до цього кроку.',
      et: 'Teenuse see versioon ei saa oma praeguses olekus seda sammu astuda.',
    },
  },
  ERR_REQUEST_OBJECT_INVALID: {
    status: 400,
    message: {
      en: 'The presentation request is not validly signed by the business that sends it.',
      uk: 'Запит на передання даних не має дійсного підпису бізнесу, що його надсилає.',
      et: 'Andmete esitamise päringul pole seda saatva ettevõtte kehtivat allkirja.',
    },
  },
  ERR_CLIENT_ID_MISMATCH: {
    status: 400,
    message: {
      en: 'The presentation request names another business than the certificate it is signed with.',
      uk: 'Запит на передання даних називає інший бізнес, ніж сертифікат, яким його підписано.',
      et: 'Andmete esitamise päring nimetab teist ettevõtet kui sertifikaat, millega see on allkirjastatud.',
    },
  },
  ERR_UNTRUSTED_VERIFIER: {
    status: 400,
    message: {
      en: 'The business asking for data has no access certificate from the platform.',
      uk: 'Бізнес, що запитує дані, не має сертифіката доступу від платформи.',
      et: 'Andmeid küsival ettevõttel pole platvormi väljastatud juurdepääsusertifikaati.',
    },
  },
  ERR_REQUEST_EXPIRED: {
    status: 400,
    message: {
      en: 'The presentation request has expired: ask the business for a new one.',
      uk: 'Строк дії запиту на передання даних минув: попросіть бізнес про новий.',
      et: 'Andmete esitamise päring on aegunud: küsige ettevõttelt uus.',
    },
  },
  ERR_RESPONSE_UNDECRYPTABLE: {
    status: 400,
    message: {
      en: 'The answer cannot be decrypted: it was altered or encrypted for someone else.',
      uk: 'Відповідь неможливо розшифрувати: її змінено або зашифровано для когось іншого.',
      et: 'Vastust ei saa dekrüpteerida: seda on muudetud või see on krüpteeritud kellelegi teisele.',
    },
  },
  ERR_RESPONSE_MIXUP: {
    status: 400,
    message: {
      en: 'The answer was made for another open request.',
      uk: 'Відповідь створено для іншого відкритого запиту.',
      et: 'Vastus tehti teise avatud päringu jaoks.',
    },
  },
  ERR_STATE_MISMATCH: {
    status: 400,
    message: {
      en: 'The answer belongs to another request.',
      uk: 'Відповідь належить іншому запиту.',
      et: 'Vastus kuulub teisele päringule.',
    },
  },
  ERR_RESPONSE_REPLAYED: {
    status: 409,
    message: {
      en: 'This request has already been answered; an answer is accepted once.',
      uk: 'На цей запит уже відповіли; відповідь приймається лише один раз.',
      et: 'Sellele päringule on juba vastatud; vastus võetakse vastu üks kord.',
    },
  },
  ERR_CLAIM_NOT_REQUESTED: {
    status: 400,
    message: {
      en: 'The answer holds data the request did not ask for.',
      uk: 'Відповідь містить дані, яких запит не просив.',
      et: 'Vastus sisaldab andmeid, mida päring ei küsinud.',
    },
  },
  ERR_DCQL_UNSATISFIED: {
    status: 400,
    message: {
      en: 'The answer lacks a document or data the request requires.',
      uk: 'У відповіді бракує документа або даних, яких вимагає запит.',
      et: 'Vastusest puudub dokument või andmed, mida päring nõuab.',
    },
  },
  ERR_TRANSACTION_DATA_MISMATCH: {
    status: 400,
    message: {
      en: 'The holder’s signature does not cover the transaction the request describes.',
      uk: 'Підпис власника не охоплює операцію, описану в запиті.',
      et: 'Omaniku allkiri ei kata päringus kirjeldatud tehingut.',
    },
  },
  ERR_NOT_IN_BUSINESS_REGISTER: {
    status: 400,
    message: {
      en: 'The business register has no registered business with this number.',
      uk: 'У реєстрі немає зареєстрованого суб’єкта господарювання з таким номером.',
      et: 'Äriregistris pole selle numbriga registreeritud ettevõtet.',
    },
  },
  ERR_BUSINESS_NOT_APPROVED: {
    status: 403,
    message: {
      en: 'The business is not registered for sharing, or its registration is pending or revoked.',
      uk: 'Бізнес не зареєстрований для обміну даними або його реєстрація очікує рішення чи відкликана.',
      et: 'Ettevõte pole andmete jagamiseks registreeritud või selle registreering ootab otsust või on tühistatud.',
    },
  },
  ERR_PURPOSE_NOT_REGISTERED: {
    status: 403,
    message: {
      en: 'The business has not registered this purpose.',
      uk: 'Бізнес не зареєстрував цю мету.',
      et: 'Ettevõte pole seda eesmärki registreerinud.',
    },
  },
  ERR_CLAIM_NOT_REGISTERED: {
    status: 403,
    message: {
      en: 'The request asks for data the business is not registered to ask for this purpose.',
      uk: 'Запит просить дані, на які бізнес не зареєстрований для цієї мети.',
      et: 'Päring küsib andmeid, mida ettevõte pole selle eesmärgi jaoks registreerinud.',
    },
  },
  ERR_HOLDER_DECLINED: {
    status: 409,
    message: {
      en: 'The citizen declined to share the data.',
      uk: 'Громадянин відмовився надати дані.',
      et: 'Kodanik keeldus andmeid jagamast.',
    },
  },
  ERR_CHECKPOINT_INVALID: {
    status: 400,
    message: {
      en: 'The log checkpoint is malformed or not signed by the log’s key.',
      uk: 'Контрольна точка журналу пошкоджена або не підписана ключем журналу.',
      et: 'Logi kontrollpunkt on vigane või pole logi võtmega allkirjastatud.',
    },
  },
  ERR_INCLUSION_PROOF_INVALID: {
    status: 400,
    message: {
      en: 'The proof does not show the entry in the log: the entry, the proof or the log was altered.',
      uk: 'Доказ не підтверджує запис у журналі: запис, доказ або журнал змінено.',
      et: 'Tõend ei näita kirjet logis: kirjet, tõendit või logi on muudetud.',
    },
  },
  ERR_CONSISTENCY_PROOF_INVALID: {
    status: 400,
    message: {
      en: 'The newer log does not extend the older one: entries were changed or removed.',
      uk: 'Новіший журнал не продовжує попередній: записи змінено або вилучено.',
      et: 'Uuem logi ei jätka vanemat: kirjeid on muudetud või eemaldatud.',
    },
  },
  ERR_LOG_SIZE_INVALID: {
    status: 400,
    message: {
      en: 'The log has no entry or tree of that size, or the sizes asked for are out of order.',
      uk: 'Журнал не має запису чи дерева такого розміру, або розміри вказано в неправильному порядку.',
      et: 'Logis pole sellise suurusega kirjet ega puud või on suurused vales järjekorras.',
    },
  },
  ERR_COSIGNATURE_INVALID: {
    status: 400,
    message: {
      en: 'The cosignature is not from a witness this log knows, or it does not verify.',
      uk: 'Супідпис не належить відомому журналу свідку або не проходить перевірку.',
      et: 'Kaasallkiri ei ole logile tuntud tunnistajalt või see ei kehti.',
    },
  },
  ERR_COSIGNATURES_MISSING: {
    status: 400,
    message: {
      en: 'Too few of the required witnesses cosigned the log checkpoint.',
      uk: 'Контрольну точку журналу супідписало замало потрібних свідків.',
      et: 'Logi kontrollpunkti on kaasallkirjastanud liiga vähe nõutud tunnistajaid.',
    },
  },
  ERR_LOG_UNREACHABLE: {
    status: 502,
    message: {
      en: 'The transparency log cannot be reached, or it refused the request.',
      uk: 'Журнал прозорості недоступний або відхилив запит.',
      et: 'Läbipaistvuslogi pole kättesaadav või keeldus päringust.',
    },
  },
  ERR_EXCHANGE_IDENTIFIER: {
    status: 400,
    message: {
      en: 'The exchange identifier is not one: INSTANCE/CLASS/MEMBER, with /SUBSYSTEM and /SERVICE where they belong.',
      uk: 'Ідентифікатор обміну неправильний: ІНСТАНС/КЛАС/УЧАСНИК, з /ПІДСИСТЕМА та /СЕРВІС, де потрібно.',
      et: 'Andmevahetuse tunnus on vale: INSTANTS/KLASS/LIIGE, vajadusel /ALAMSÜSTEEM ja /TEENUS.',
    },
  },
  ERR_EXCHANGE_CONF_INVALID: {
    status: 400,
    message: {
      en: 'The global configuration is malformed.',
      uk: 'Глобальна конфігурація має неправильний формат.',
      et: 'Globaalne konfiguratsioon on vigane.',
    },
  },
  ERR_EXCHANGE_CONF_SIGNATURE: {
    status: 400,
    message: {
      en: 'The global configuration is not signed by the central registry of this instance.',
      uk: 'Глобальну конфігурацію не підписав центральний реєстр цього інстансу.',
      et: 'Globaalset konfiguratsiooni pole allkirjastanud selle instantsi keskregister.',
    },
  },
  ERR_EXCHANGE_CONF_EXPIRED: {
    status: 503,
    message: {
      en: 'The global configuration has expired and the central registry cannot be reached: no exchange until it is refreshed.',
      uk: 'Глобальна конфігурація застаріла, а центральний реєстр недоступний: обмін неможливий, доки її не оновлено.',
      et: 'Globaalne konfiguratsioon on aegunud ja keskregister pole kättesaadav: andmevahetus on peatatud, kuni seda uuendatakse.',
    },
  },
  ERR_EXCHANGE_CONF_ROLLBACK: {
    status: 409,
    message: {
      en: 'The global configuration is older than the one already held.',
      uk: 'Глобальна конфігурація старіша за ту, що вже є.',
      et: 'Globaalne konfiguratsioon on vanem kui juba olemasolev.',
    },
  },
  ERR_EXCHANGE_CENTRAL_UNREACHABLE: {
    status: 503,
    message: {
      en: 'The central registry of the exchange cannot be reached.',
      uk: 'Центральний реєстр обміну недоступний.',
      et: 'Andmevahetuse keskregister pole kättesaadav.',
    },
  },
  ERR_EXCHANGE_ACCESS_DENIED: {
    status: 403,
    message: {
      en: 'No access right covers this call: the provider has not granted it to the calling subsystem.',
      uk: 'Жодне право доступу не дозволяє цей виклик: постачальник не надав його підсистемі, що звертається.',
      et: 'Ükski juurdepääsuõigus ei luba seda päringut: teenuse pakkuja pole seda pärivale alamsüsteemile andnud.',
    },
  },
  ERR_EXCHANGE_SIGNATURE: {
    status: 400,
    message: {
      en: 'The message is not signed by the member it claims to come from, or was changed after signing.',
      uk: 'Повідомлення не підписане учасником, від якого нібито надійшло, або змінене після підписання.',
      et: 'Sõnum pole allkirjastatud liikme poolt, kellelt see väidetavalt tuli, või seda muudeti pärast allkirjastamist.',
    },
  },
  ERR_EXCHANGE_MESSAGE_TIME: {
    status: 400,
    message: {
      en: 'The message’s time is too far from the provider’s clock: it is a replay, or the sending security server’s clock is wrong.',
      uk: 'Час повідомлення надто далекий від годинника постачальника: це повтор, або годинник сервера безпеки відправника неточний.',
      et: 'Sõnumi aeg on teenuse pakkuja kellast liiga kaugel: see on kordus või saatva turvaserveri kell on vale.',
    },
  },
  ERR_OPERATION_KEY_REUSED: {
    status: 409,
    message: {
      en: 'This key was already used for another write to the register. Nothing was changed.',
      uk: 'Цей ключ уже використано для іншого запису до реєстру. Нічого не змінено.',
      et: 'Seda võtit on juba kasutatud teise registrikande jaoks. Midagi ei muudetud.',
    },
  },
  ERR_ISSUER_CERTIFICATE_WITHDRAWN: {
    status: 400,
    message: {
      en: 'The issuing country has withdrawn the certificate that signed this document: its key may have been stolen. Ask the issuer for the document again.',
      uk: 'Країна-видавець відкликала сертифікат, яким підписано цей документ: його ключ міг бути викрадений. Попросіть видавця видати документ знову.',
      et: 'Väljaandnud riik on tühistanud sertifikaadi, millega see dokument allkirjastati: selle võti võis olla varastatud. Paluge väljaandjalt dokument uuesti.',
    },
  },
  ERR_EXCHANGE_REQUEST_HASH: {
    status: 502,
    message: {
      en: 'The provider answered another request than the one sent.',
      uk: 'Постачальник відповів на інший запит, ніж надіслано.',
      et: 'Teenuse pakkuja vastas teisele päringule kui saadetud.',
    },
  },
  ERR_EXCHANGE_PROVIDER_UNREACHABLE: {
    status: 502,
    message: {
      en: 'The provider’s security server cannot be reached, or did not answer in time.',
      uk: 'Сервер безпеки постачальника недоступний або не відповів вчасно.',
      et: 'Teenuse pakkuja turvaserver pole kättesaadav või ei vastanud õigeks ajaks.',
    },
  },
  ERR_EXCHANGE_SERVICE_TIMEOUT: {
    status: 504,
    message: {
      en: 'The provider’s service did not answer within its security server’s patience.',
      uk: 'Сервіс постачальника не відповів за час, який чекає його сервер безпеки.',
      et: 'Teenuse pakkuja teenus ei vastanud aja jooksul, mida tema turvaserver ootab.',
    },
  },
  ERR_EXCHANGE_CERTIFICATE: {
    status: 502,
    message: {
      en: 'A security server’s certificate has expired or is not the one the configuration names: the connection was refused.',
      uk: 'Сертифікат сервера безпеки прострочений або не той, що названий у конфігурації: з’єднання відхилено.',
      et: 'Turvaserveri sertifikaat on aegunud või pole see, mille konfiguratsioon nimetab: ühendusest keelduti.',
    },
  },
  ERR_EXCHANGE_NO_PURPOSE: {
    status: 400,
    message: {
      en: 'A read of personal data must name the person it is for and why (X-Road-UserId and X-Road-Issue).',
      uk: 'Запит персональних даних має зазначати, чиї це дані і навіщо (X-Road-UserId і X-Road-Issue).',
      et: 'Isikuandmete päring peab nimetama, kelle andmeid ja miks küsitakse (X-Road-UserId ja X-Road-Issue).',
    },
  },
  ERR_EXCHANGE_FEDERATED_ACCESS_DENIED: {
    status: 403,
    message: {
      en: 'The other instance refused this call: its provider has not granted a right to this client by name, and nothing is open to another instance by default.',
      uk: 'Інший екземпляр відхилив цей виклик: його постачальник не надав право саме цьому клієнту, а іншому екземпляру за замовчуванням нічого не відкрито.',
      et: 'Teine instants keeldus sellest päringust: selle teenuse pakkuja pole sellele kliendile nimeliselt õigust andnud ja teisele instantsile pole vaikimisi midagi avatud.',
    },
  },
  ERR_EXCHANGE_NOT_FEDERATED: {
    status: 400,
    message: {
      en: 'This security server does not federate with that instance: an operator must add its configuration anchor first.',
      uk: 'Цей сервер безпеки не федеративний з тим екземпляром: оператор має спершу додати якір його конфігурації.',
      et: 'See turvaserver pole selle instantsiga föderatsioonis: operaator peab esmalt lisama selle konfiguratsiooni ankru.',
    },
  },
  ERR_REGISTRY_UNAVAILABLE: {
    status: 503,
    message: {
      en: 'A register this needs cannot be reached right now. Nothing was saved or sent; please try again in a few minutes.',
      uk: 'Реєстр, потрібний для цього, зараз недоступний. Нічого не збережено й не надіслано; спробуйте ще раз за кілька хвилин.',
      et: 'Selleks vajalik register pole praegu kättesaadav. Midagi ei salvestatud ega saadetud; proovige mõne minuti pärast uuesti.',
    },
  },
  ERR_STORE_UNAVAILABLE: {
    status: 503,
    message: {
      en: 'Polis cannot reach its database just now. Nothing was saved; please try again in a few minutes.',
      uk: 'Polis зараз не може звернутися до своєї бази даних. Нічого не збережено; спробуйте ще раз за кілька хвилин.',
      et: 'Polis ei saa praegu oma andmebaasiga ühendust. Midagi ei salvestatud; proovige mõne minuti pärast uuesti.',
    },
  },
  ERR_STORE_FULL: {
    status: 507,
    message: {
      en: 'Polis has run out of storage space. Nothing was saved; the operators have been told.',
      uk: 'У Polis закінчилося місце для зберігання. Нічого не збережено; операторів повідомлено.',
      et: 'Polisel sai salvestusruum otsa. Midagi ei salvestatud; haldajaid on teavitatud.',
    },
  },
  ERR_OVERLOADED: {
    status: 503,
    message: {
      en: 'The service is very busy right now. Nothing was done; please try again in a few seconds.',
      uk: 'Сервіс зараз дуже завантажений. Нічого не виконано; спробуйте ще раз за кілька секунд.',
      et: 'Teenus on praegu väga koormatud. Midagi ei tehtud; proovige mõne sekundi pärast uuesti.',
    },
  },
  ERR_NOT_REPRESENTATIVE: {
    status: 403,
    message: {
      en: 'The business register does not name you as a representative of this company.',
      uk: 'У реєстрі підприємств ви не зазначені як представник цієї компанії.',
      et: 'Äriregister ei nimeta teid selle ettevõtte esindajana.',
    },
  },
  ERR_NOT_SHARED: {
    status: 404,
    message: {
      en: 'Nothing was shared with this business in that request.',
      uk: 'У цьому запиті цьому бізнесу нічого не було передано.',
      et: 'Selle päringuga ei jagatud sellele ettevõttele midagi.',
    },
  },
  ERR_DELETION_ANSWERED: {
    status: 409,
    message: {
      en: 'This deletion request has already been answered.',
      uk: 'На цей запит про видалення вже відповіли.',
      et: 'Sellele kustutamistaotlusele on juba vastatud.',
    },
  },
  ERR_ALREADY_REPORTED: {
    status: 409,
    message: {
      en: 'This has already been reported to the data-protection authority.',
      uk: 'Про це вже повідомлено органу з захисту персональних даних.',
      et: 'Sellest on andmekaitse inspektsioonile juba teatatud.',
    },
  },
  ERR_CLAIMS_ERASED: {
    status: 410,
    message: {
      en: 'The platform has erased the claims of this answer, as it does a day after it came: ask the citizen to share again.',
      uk: 'Платформа вже видалила дані цієї відповіді, як робить через добу після неї: попросіть громадянина поділитися ще раз.',
      et: 'Platvorm on selle vastuse andmed kustutanud, nagu ta teeb ööpäev pärast vastust: paluge kodanikul uuesti jagada.',
    },
  },
  ERR_NOT_FOUND: {
    status: 404,
    message: {
      en: 'Not found.',
      uk: 'Не знайдено.',
      et: 'Ei leitud.',
    },
  },
  ERR_INTERNAL: {
    status: 500,
    message: {
      en: 'Something went wrong on our side.',
      uk: 'Сталася внутрішня помилка.',
      et: 'Meie poolel tekkis viga.',
    },
  },
} as const satisfies Record<string, ErrorSpec>

export type ErrorCode = keyof typeof errorCodes

/** A failure with a stable code; `detail` is for operators and never holds personal data. */
export class PolisError extends Error {
  readonly code: ErrorCode
  readonly detail: string | undefined
  /**
   * The name of the value at fault, where one is (a registry write's `partner_tax_number`):
   * never its content. A form shows the error at the question that gave the value.
   */
  readonly field: string | undefined

  constructor(code: ErrorCode, options: { detail?: string; cause?: unknown; field?: string } = {}) {
    super(options.detail ? `${errorCodes[code].message.en} (${options.detail})` : errorCodes[code].message.en, {
      cause: options.cause,
    })
    this.name = 'PolisError'
    this.code = code
    this.detail = options.detail
    this.field = options.field
  }

  /** The HTTP status an API answers this error with. */
  get status(): number {
    return errorCodes[this.code].status
  }
}

/** True for a PolisError, optionally of the given code. */
export function isPolisError(value: unknown, code?: ErrorCode): value is PolisError {
  return value instanceof PolisError && (code === undefined || value.code === code)
}

/** The user-facing message of a code in a language. */
export function messageOf(code: ErrorCode, language: Language = 'en'): string {
  return errorCodes[code].message[language]
}

/** The JSON shape every API and the CLI answer a failure with. */
export function errorBody(error: unknown, language: Language = 'en'): { error: { code: ErrorCode; message: string } } {
  const code: ErrorCode = error instanceof PolisError ? error.code : 'ERR_INTERNAL'
  return { error: { code, message: messageOf(code, language) } }
}
