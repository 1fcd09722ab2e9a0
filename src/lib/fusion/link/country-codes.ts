// Country spellings to one code, so "Deutschland", "DE" and "germany" agree. profile/role-words.ts
// holds the same groups but exports only the flat set; once it exports the groups, use those.
const groups: readonly (readonly string[])[] = [
  ['de', 'germany', 'deutschland', 'deu'], ['at', 'austria', 'österreich', 'osterreich', 'aut'], ['ch', 'switzerland', 'schweiz', 'suisse', 'svizzera', 'che'],
  ['fr', 'france', 'fra'], ['it', 'italy', 'italia', 'ita'], ['es', 'spain', 'españa', 'espana', 'esp'], ['pt', 'portugal', 'prt'],
  ['nl', 'netherlands', 'nederland', 'the netherlands', 'holland', 'nld'], ['be', 'belgium', 'belgië', 'belgie', 'belgique', 'bel'],
  ['lu', 'luxembourg', 'lux'], ['gb', 'united kingdom', 'uk', 'great britain', 'gbr', 'england', 'scotland', 'wales'],
  ['ie', 'ireland', 'éire', 'eire', 'irl'], ['us', 'united states', 'united states of america', 'usa', 'america'], ['ca', 'canada', 'can'],
  ['dk', 'denmark', 'danmark', 'dnk'], ['se', 'sweden', 'sverige', 'swe'], ['no', 'norway', 'norge', 'nor'], ['fi', 'finland', 'suomi', 'fin'],
  ['pl', 'poland', 'polska', 'pol'], ['cz', 'czech republic', 'czechia', 'česko', 'cze'],
];

const codeOf: ReadonlyMap<string, string> = new Map(groups.flatMap((g) => g.map((name) => [name, g[0]!] as const)));

/** The ISO alpha-2 code of a lower-cased country spelling, or the spelling itself when unknown. */
export const countryCode = (name: string): string => codeOf.get(name) ?? name;
