// Money as the strings exports really contain: symbols before or after, thousands separators, decimal
// commas. Amounts are kept as numbers everywhere else and only formatted at the file boundary.

export const moneyStyles = ['eur-symbol', 'eur-continental', 'eur-suffix', 'eur-code', 'usd'] as const;
export type MoneyStyle = (typeof moneyStyles)[number];

function grouped(amount: number, thousands: string, decimal: string): string {
  const [whole = '0', cents = '00'] = Math.abs(amount).toFixed(2).split('.');
  const withSeparators = whole.replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
  return `${amount < 0 ? '-' : ''}${withSeparators}${decimal}${cents}`;
}

/** `amount` must already be in the style's currency (USD for `usd`, EUR otherwise). */
export function formatMoney(amount: number, style: MoneyStyle): string {
  switch (style) {
    case 'eur-symbol':
      return `€${grouped(amount, ',', '.')}`; // €1,234.50
    case 'eur-continental':
      return `€${grouped(amount, '.', ',')}`; // €1.234,50
    case 'eur-suffix':
      return `${grouped(amount, '.', ',')} €`; // 1.234,50 €
    case 'eur-code':
      return `EUR ${amount.toFixed(2)}`; // EUR 1234.50
    case 'usd':
      return `$${grouped(amount, ',', '.')}`; // $1,234.50
  }
}

export const round2 = (x: number): number => Math.round(x * 100) / 100;
