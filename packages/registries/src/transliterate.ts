/**
 * Ukrainian-to-Latin transliteration as the Cabinet of Ministers of Ukraine set it in
 * resolution No. 55 of 27 January 2010 (used in passports): Є, Ї, Й, Ю, Я take one form
 * at the start of a word and another inside it, "зг" becomes "zgh", and the soft sign
 * and apostrophe are dropped.
 */

const letters: Record<string, string | readonly [string, string]> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'h',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: ['ye', 'ie'],
  ж: 'zh',
  з: 'z',
  и: 'y',
  і: 'i',
  ї: ['yi', 'i'],
  й: ['y', 'i'],
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ь: '',
  ю: ['yu', 'iu'],
  я: ['ya', 'ia'],
}
const apostrophes = new Set(["'", '’', 'ʼ', '`'])

function isLetter(char: string | undefined): boolean {
  return char !== undefined && char.toLowerCase() !== char.toUpperCase()
}

/** The official Latin form of Ukrainian text; characters outside the alphabet pass through. */
export function transliterate(text: string): string {
  const chars = Array.from(text)
  let out = ''
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] ?? ''
    if (apostrophes.has(char) && isLetter(chars[i - 1]) && isLetter(chars[i + 1])) continue
    const lower = char.toLowerCase()
    const rule = letters[lower]
    if (rule === undefined) {
      out += char
      continue
    }
    let previous = i - 1
    while (previous >= 0 && apostrophes.has(chars[previous] ?? '')) previous--
    const wordStart = previous < 0 || !isLetter(chars[previous])
    let latin = typeof rule === 'string' ? rule : wordStart ? rule[0] : rule[1]
    // "зг" is written "zgh" to keep it apart from "ж" (zh).
    if (lower === 'г' && chars[i - 1]?.toLowerCase() === 'з') latin = 'gh'
    if (char !== lower && latin.length > 0) {
      const next = chars[i + 1]
      const shouting = next !== undefined && isLetter(next) && next !== next.toLowerCase()
      latin = shouting ? latin.toUpperCase() : latin.charAt(0).toUpperCase() + latin.slice(1)
    }
    out += latin
  }
  return out
}
