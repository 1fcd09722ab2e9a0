// Currency marks that exports put before or after amounts, and the ISO code each stands for.
// `$` and `¥` are read as USD and JPY, their most common meaning in shop exports; `kr` as SEK.

const symbolCodes: Readonly<Record<string, string>> = {
  '$': 'USD', 'US$': 'USD', 'U$S': 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '￥': 'JPY', '₹': 'INR',
  '₽': 'RUB', '₩': 'KRW', '₺': 'TRY', '₪': 'ILS', '฿': 'THB', '₫': 'VND', '₴': 'UAH', '₦': 'NGN',
  '₱': 'PHP', 'R$': 'BRL', 'A$': 'AUD', 'AU$': 'AUD', 'C$': 'CAD', 'CA$': 'CAD', 'NZ$': 'NZD',
  'HK$': 'HKD', 'S$': 'SGD', 'MX$': 'MXN', 'zł': 'PLN', 'Kč': 'CZK', 'kr': 'SEK', 'kr.': 'DKK',
  'Fr.': 'CHF', 'Fr': 'CHF', 'SFr.': 'CHF', 'Ft': 'HUF', 'lei': 'RON',
};

export const currencyCodes = [
  'USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CNY', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'HUF', 'RON', 'BGN',
  'ISK', 'AUD', 'CAD', 'NZD', 'INR', 'BRL', 'MXN', 'RUB', 'TRY', 'ZAR', 'HKD', 'SGD', 'KRW', 'ILS',
  'THB', 'AED', 'SAR', 'PHP', 'IDR', 'MYR', 'VND', 'UAH', 'NGN', 'ARS', 'CLP', 'COP',
] as const;
const codeSet = new Set<string>(currencyCodes);

/** Longest marks first so `US$` wins over `$`. */
const marks = [...Object.keys(symbolCodes)].sort((a, b) => b.length - a.length);
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const markSource = `${marks.map(escape).join('|')}|[A-Za-z]{3}`;

/** Matches a currency mark at the start of a string (with the space after it). */
export const leadingCurrency = new RegExp(`^(${markSource})\\s*`);
/** Matches a currency mark at the end of a string (with the space before it). */
export const trailingCurrency = new RegExp(`\\s*(${markSource})$`);

/** ISO code of a mark (`€` -> `EUR`, `usd` -> `USD`), or null when it is no currency. */
export function currencyCode(mark: string): string | null {
  const symbol = symbolCodes[mark];
  if (symbol !== undefined) return symbol;
  const upper = mark.toUpperCase();
  return codeSet.has(upper) ? upper : null;
}
