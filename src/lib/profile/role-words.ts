// Country names and codes that role suggestion recognises in values: English and local names
// and ISO 3166 alpha-2/alpha-3 codes of the countries shops most often sell to, lower-cased.

const countries: readonly (readonly string[])[] = [
  ['germany', 'deutschland', 'de', 'deu'], ['austria', 'österreich', 'at', 'aut'], ['switzerland', 'schweiz', 'suisse', 'svizzera', 'ch', 'che'],
  ['france', 'fr', 'fra'], ['italy', 'italia', 'it', 'ita'], ['spain', 'españa', 'espana', 'es', 'esp'], ['portugal', 'pt', 'prt'],
  ['netherlands', 'nederland', 'the netherlands', 'holland', 'nl', 'nld'], ['belgium', 'belgië', 'belgique', 'be', 'bel'],
  ['luxembourg', 'lu', 'lux'], ['united kingdom', 'uk', 'great britain', 'gb', 'gbr', 'england', 'scotland', 'wales'],
  ['ireland', 'éire', 'ie', 'irl'], ['united states', 'united states of america', 'usa', 'us', 'america'], ['canada', 'ca', 'can'],
  ['mexico', 'méxico', 'mx', 'mex'], ['brazil', 'brasil', 'br', 'bra'], ['argentina', 'ar', 'arg'], ['chile', 'cl', 'chl'],
  ['denmark', 'danmark', 'dk', 'dnk'], ['sweden', 'sverige', 'se', 'swe'], ['norway', 'norge', 'no', 'nor'], ['finland', 'suomi', 'fi', 'fin'],
  ['iceland', 'is', 'isl'], ['poland', 'polska', 'pl', 'pol'], ['czech republic', 'czechia', 'česko', 'cz', 'cze'],
  ['slovakia', 'sk', 'svk'], ['hungary', 'magyarország', 'hu', 'hun'], ['romania', 'ro', 'rou'], ['bulgaria', 'bg', 'bgr'],
  ['greece', 'gr', 'grc'], ['turkey', 'türkiye', 'tr', 'tur'], ['croatia', 'hr', 'hrv'], ['slovenia', 'si', 'svn'],
  ['estonia', 'ee', 'est'], ['latvia', 'lv', 'lva'], ['lithuania', 'lt', 'ltu'], ['ukraine', 'ua', 'ukr'], ['russia', 'ru', 'rus'],
  ['china', 'cn', 'chn'], ['japan', 'jp', 'jpn'], ['south korea', 'korea', 'kr', 'kor'], ['india', 'in', 'ind'],
  ['australia', 'au', 'aus'], ['new zealand', 'nz', 'nzl'], ['singapore', 'sg', 'sgp'], ['hong kong', 'hk', 'hkg'],
  ['south africa', 'za', 'zaf'], ['israel', 'il', 'isr'], ['united arab emirates', 'uae', 'ae', 'are'], ['saudi arabia', 'sa', 'sau'],
  ['egypt', 'eg', 'egy'], ['nigeria', 'ng', 'nga'], ['kenya', 'ke', 'ken'], ['morocco', 'ma', 'mar'], ['indonesia', 'id', 'idn'],
  ['thailand', 'th', 'tha'], ['vietnam', 'vn', 'vnm'], ['philippines', 'ph', 'phl'], ['malaysia', 'my', 'mys'], ['colombia', 'co', 'col'],
];

export const countryNames: ReadonlySet<string> = new Set(countries.flat());
