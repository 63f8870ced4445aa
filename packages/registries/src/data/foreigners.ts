/**
 * A few foreign nationalities for residence-permit holders and e-residents: names in
 * their own Latin spelling with the Ukrainian rendering the register keeps, and a city
 * abroad for e-residents' addresses.
 */

export interface ForeignName {
  latin: string
  cyrillic: string
}

export interface ForeignCountry {
  /** ISO 3166-1 alpha-2. */
  code: string
  male: readonly ForeignName[]
  female: readonly ForeignName[]
  /** Family names as male and female forms (the same for most languages). */
  family: readonly (readonly [ForeignName, ForeignName])[]
  city: { locality: string; region: string; postalCode: string; streets: readonly string[] }
}

function names(text: string): ForeignName[] {
  return text.split(',').map((pair) => {
    const [latin = '', cyrillic = ''] = pair.trim().split('=')
    return { latin, cyrillic }
  })
}

function families(text: string): (readonly [ForeignName, ForeignName])[] {
  return text.split(',').map((entry) => {
    const [maleForm, femaleForm] = names(entry.replace('/', ','))
    const first = maleForm ?? { latin: '', cyrillic: '' }
    return [first, femaleForm ?? first] as const
  })
}

export const foreignCountries: readonly ForeignCountry[] = [
  {
    code: 'PL',
    male: names('Tomasz=Томаш, Marek=Марек, Krzysztof=Кшиштоф, Paweł=Павел, Piotr=Пйотр'),
    female: names('Anna=Анна, Katarzyna=Катажина, Agnieszka=Агнешка, Magdalena=Магдалена'),
    family: families(
      'Kowalski=Ковальський/Kowalska=Ковальська, Nowak=Новак, Wiśniewski=Вишневський/Wiśniewska=Вишневська, Wójcik=Вуйцік, Lewandowski=Левандовський/Lewandowska=Левандовська',
    ),
    city: {
      locality: 'Warszawa',
      region: 'mazowieckie',
      postalCode: '00-950',
      streets: ['ul. Marszałkowska', 'ul. Puławska', 'ul. Grójecka'],
    },
  },
  {
    code: 'GE',
    male: names('Giorgi=Гіоргі, Davit=Давіт, Levan=Леван, Nika=Ніка'),
    female: names('Nino=Ніно, Tamar=Тамар, Mariam=Маріам, Ana=Ана'),
    family: families(
      'Beridze=Берідзе, Kapanadze=Капанадзе, Gelashvili=Гелашвілі, Maisuradze=Майсурадзе, Lomidze=Ломідзе',
    ),
    city: {
      locality: 'Tbilisi',
      region: 'Tbilisi',
      postalCode: '0105',
      streets: ['Rustaveli Ave', 'Chavchavadze Ave', 'Pekini Ave'],
    },
  },
  {
    code: 'EE',
    male: names('Andres=Андрес, Jaan=Яан, Mart=Март, Tarmo=Тармо'),
    female: names('Kadri=Кадрі, Liis=Лііс, Mari=Марі, Triin=Тріін'),
    family: families('Tamm=Тамм, Saar=Саар, Sepp=Сепп, Mägi=Мягі, Kask=Каск'),
    city: {
      locality: 'Tallinn',
      region: 'Harju maakond',
      postalCode: '10111',
      streets: ['Narva mnt', 'Pärnu mnt', 'Tartu mnt'],
    },
  },
  {
    code: 'DE',
    male: names('Lukas=Лукас, Jonas=Йонас, Michael=Міхаель, Thomas=Томас'),
    female: names('Anna=Анна, Laura=Лаура, Julia=Юлія, Sabine=Сабіне'),
    family: families('Müller=Мюллер, Schmidt=Шмідт, Fischer=Фішер, Weber=Вебер, Wagner=Вагнер'),
    city: {
      locality: 'Berlin',
      region: 'Berlin',
      postalCode: '10115',
      streets: ['Invalidenstraße', 'Torstraße', 'Chausseestraße'],
    },
  },
  {
    code: 'US',
    male: names('John=Джон, Michael=Майкл, David=Девід, James=Джеймс'),
    female: names('Emily=Емілі, Sarah=Сара, Jessica=Джессіка, Emma=Емма'),
    family: families('Smith=Сміт, Johnson=Джонсон, Brown=Браун, Miller=Міллер, Davis=Девіс'),
    city: {
      locality: 'New York',
      region: 'NY',
      postalCode: '10001',
      streets: ['Broadway', '5th Avenue', 'Madison Avenue'],
    },
  },
]
