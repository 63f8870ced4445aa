import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { transliterate } from './transliterate.ts'

describe('Ukrainian-Latin transliteration (Cabinet of Ministers resolution No. 55 of 2010)', () => {
  it('reproduces the examples of the resolution', () => {
    const examples: [string, string][] = [
      ['Алушта', 'Alushta'],
      ['Андрій', 'Andrii'],
      ['Борщагівка', 'Borshchahivka'],
      ['Вінниця', 'Vinnytsia'],
      ['Гадяч', 'Hadiach'],
      ['Згорани', 'Zghorany'],
      ['Ґалаґан', 'Galagan'],
      ['Дон', 'Don'],
      ['Рівне', 'Rivne'],
      ['Єнакієве', 'Yenakiieve'],
      ['Наталія', 'Nataliia'],
      ['Житомир', 'Zhytomyr'],
      ['Закарпаття', 'Zakarpattia'],
      ['Медвин', 'Medvyn'],
      ['Іванків', 'Ivankiv'],
      ['Їжакевич', 'Yizhakevych'],
      ['Кадиївка', 'Kadyivka'],
      ['Йосипівка', 'Yosypivka'],
      ['Стрий', 'Stryi'],
      ['Олексій', 'Oleksii'],
      ['Київ', 'Kyiv'],
      ['Лебедин', 'Lebedyn'],
      ['Миколаїв', 'Mykolaiv'],
      ['Ніжин', 'Nizhyn'],
      ['Одеса', 'Odesa'],
      ['Полтава', 'Poltava'],
      ['Ромни', 'Romny'],
      ['Суми', 'Sumy'],
      ['Тетерів', 'Teteriv'],
      ['Ужгород', 'Uzhhorod'],
      ['Фастів', 'Fastiv'],
      ['Харків', 'Kharkiv'],
      ['Біла Церква', 'Bila Tserkva'],
      ['Чернівці', 'Chernivtsi'],
      ['Шостка', 'Shostka'],
      ['Гоща', 'Hoshcha'],
      ['Юрій', 'Yurii'],
      ['Корюківка', 'Koriukivka'],
      ['Яготин', 'Yahotyn'],
      ['Костянтин', 'Kostiantyn'],
      ["Знам'янка", 'Znamianka'],
      ['Феодосія', 'Feodosiia'],
    ]
    for (const [ukrainian, latin] of examples) assert.equal(transliterate(ukrainian), latin, ukrainian)
  })

  it('keeps capitals, drops soft signs and apostrophes, and passes other characters through', () => {
    assert.equal(transliterate('ШЕВЧЕНКО'), 'SHEVCHENKO')
    assert.equal(transliterate('Гнатюк-Вакуленко'), 'Hnatiuk-Vakulenko')
    assert.equal(transliterate('В’ячеслав Васильович'), 'Viacheslav Vasylovych')
    assert.equal(transliterate('Lviv 2026'), 'Lviv 2026')
  })
})
