// orders.csv and order_lines.csv, written from the order model with the mess real exports have:
// customer ids in three spellings, five date styles (epoch ms among them), money with symbols,
// a few verbatim duplicate rows, and some empty cells in the lines.
import { formatDate, type DateStyle } from './calendar';
import { toCsv, type CsvValue } from './csv-write';
import { formatMoney, round2, type MoneyStyle } from './money';
import { orderTotalEur, type Order } from './orders';
import type { Random } from './random';

export const duplicateOrderRate = 0.005;

/** `C-00012` as an export might mangle it: `12`, `c-00012`, or with stray spaces. */
function customerRef(random: Random, id: string): string {
  const roll = random.next();
  if (roll < 0.08) return String(Number(id.slice(2)));
  if (roll < 0.13) return id.toLowerCase();
  if (roll < 0.15) return ` ${id}`;
  return id;
}

function statusText(random: Random, status: string): string {
  const roll = random.next();
  if (roll < 0.03) return status.toUpperCase();
  if (roll < 0.08) return status.charAt(0).toUpperCase() + status.slice(1);
  return status;
}

export interface OrdersFile {
  text: string;
  duplicateIds: string[];
}

export function ordersCsv(random: Random, orders: readonly Order[], usdPerEur: number): OrdersFile {
  const rows: CsvValue[][] = [];
  const duplicateIds: string[] = [];
  for (const order of orders) {
    const dateStyle: DateStyle = random.weighted(
      ['iso', 'iso-time', 'us', 'long', 'epoch-ms'] as const,
      [0.55, 0.15, 0.13, 0.12, 0.05],
    );
    const usd = order.customer.country.code === 'US';
    const style: MoneyStyle = usd
      ? 'usd'
      : random.weighted(['eur-symbol', 'eur-code', 'eur-continental'] as const, [0.7, 0.15, 0.15]);
    const total = usd ? round2(orderTotalEur(order) * usdPerEur) : orderTotalEur(order);
    const row = [
      order.id,
      customerRef(random, order.customer.id),
      formatDate(order.day, dateStyle, order.seconds),
      formatMoney(total, style),
      statusText(random, order.status),
      order.channel,
    ];
    rows.push(row);
    // A re-run export step appends the same row again, sometimes right away, sometimes a bit later.
    if (random.chance(duplicateOrderRate)) {
      duplicateIds.push(order.id);
      const at = random.chance(0.5) ? rows.length : Math.max(0, rows.length - random.int(1, 40));
      rows.splice(at, 0, row.slice());
    }
  }
  return {
    text: toCsv(['order_id', 'CustomerID', 'order_date', 'total', 'status', 'channel'], rows),
    duplicateIds,
  };
}

export function orderLinesCsv(random: Random, orders: readonly Order[]): string {
  const rows: CsvValue[][] = [];
  for (const order of orders) {
    for (const line of order.lines) {
      rows.push([
        order.id,
        random.chance(0.005) ? '' : line.product.sku,
        random.chance(0.015) ? '' : line.quantity,
        random.chance(0.015) ? '' : line.unitPrice.toFixed(2),
      ]);
    }
  }
  return toCsv(['order_id', 'product_sku', 'quantity', 'unit_price'], rows);
}
