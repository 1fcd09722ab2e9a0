import { describe, expect, it } from 'vitest';
import { inferType, type InferredType } from '../../../src/lib/profile';
import type { CellValue } from '../../../src/lib/store';

const repeat = <T>(values: readonly T[], n: number): T[] => Array.from({ length: n }, (_, i) => values[i % values.length]!);
const type = (name: string, values: readonly CellValue[]): InferredType => inferType(name, values).type;

describe('inferType', () => {
  it('keeps zero-padded and fixed-width digit strings as identifiers', () => {
    expect(type('code', ['00012', '00013', '01234', '10234'])).toBe('identifier');
    expect(type('zip', ['01067', '10115', '80331', '20095', '50667'])).toBe('identifier');
    expect(type('sku', ['P-0042', 'P-0043', 'P-0044'])).toBe('identifier');
    expect(type('customer', ['C-00012', 'C-00013', 'c-00014', ' C-00015', '12'])).toBe('identifier');
  });

  it('makes numeric columns named like ids identifiers, and leaves counts alone', () => {
    const ids = Array.from({ length: 200 }, (_, i) => String(12345 + i * 7));
    expect(type('customer_id', ids)).toBe('identifier');
    expect(type('CustomerID', ids)).toBe('identifier');
    expect(type('id', ids)).toBe('identifier');
    expect(type('quantity', repeat(['1', '2', '3', '10'], 200))).toBe('integer');
    // A weakly id-like name needs unique values.
    expect(type('number', repeat(['1', '2', '3'], 30))).toBe('integer');
  });

  it('reads a household key as an identifier in both tables that hold it', () => {
    // margarine: `hhid` is unique in households.csv and repeats in purchases.csv.
    const households = Array.from({ length: 516 }, (_, i) => String(2100016 + i * 193));
    const purchases = Array.from({ length: 2000 }, (_, i) => households[(i * 7) % 120]!);
    expect(type('hhid', households)).toBe('identifier');
    expect(type('hhid', purchases)).toBe('identifier');
    expect(inferType('hhid', purchases).because).toContain('hhid');
    // The name alone, for short keys that repeat; the values alone, for long ones.
    expect(type('pid', repeat(['17', '4', '230', '9'], 200))).toBe('identifier');
    expect(type('household', purchases)).toBe('identifier');
    expect(type('order_number', repeat(['1001', '1002', '1003'], 200))).toBe('identifier');
    // Words ending in "id", money in cents and short unnamed indices stay numbers.
    expect(type('bid', repeat(['17', '4', '230', '9'], 200))).toBe('integer');
    expect(type('covid', repeat(['17', '4', '230', '9'], 200))).toBe('integer');
    expect(type('price_cents', repeat(['1299000', '1499000'], 200))).toBe('decimal');
    // InstEval `s` and `d` are student and lecturer ids, but nothing says so.
    expect(type('s', repeat(['1', '2', '2972', '17'], 200))).toBe('integer');
  });

  it('reads code-like values that repeat heavily as categories, unless the name says key', () => {
    // SpamAssassin emails.csv: 5 folders over 6,046 e-mails.
    const folders = repeat(['easy-ham-1', 'easy-ham-1', 'easy-ham-2', 'spam-2', 'spam-1', 'hard-ham-1'], 2000);
    expect(type('folder', folders)).toBe('categorical');
    expect(type('store', folders)).toBe('identifier');
    expect(type('product_code', folders)).toBe('identifier');
    // Codes that are mostly distinct are ids whatever the name.
    expect(type('folder', Array.from({ length: 200 }, (_, i) => `f-${i}`))).toBe('identifier');
  });

  it('reads multi-word values that repeat heavily as categories', () => {
    // cheese.csv: 88 retailers over 5,555 weeks.
    const retailers = Array.from({ length: 88 }, (_, i) => `${['LOS ANGELES', 'CHICAGO', 'NEW YORK', 'DALLAS/FT. WORTH'][i % 4]} - ${['LUCKY', 'RALPHS', 'JEWEL', 'DOMINICKS', 'KROGER CO'][i % 5]} ${i}`);
    expect(type('RETAILER', Array.from({ length: 2000 }, (_, i) => retailers[(i * 13) % 88]!))).toBe('categorical');
    // Queries repeat too, but far less; reviews hardly at all.
    const queries = Array.from({ length: 400 }, (_, i) => `green tea ${['loose', 'bags', 'mug', 'gift set'][i % 4]} ${i % 180}`);
    expect(type('query', [...queries, ...queries])).toBe('text');
    const reviews = Array.from({ length: 2000 }, (_, i) => `The ${['coffee', 'tea', 'mug'][i % 3]} was ${['great', 'fine', 'stale'][i % 3]}, review ${i}.`);
    expect(type('review', reviews)).toBe('text');
  });

  it('tells integers, floats and money apart', () => {
    expect(type('n', ['1', '2', '-3', '1,234'])).toBe('integer');
    expect(type('ratio', ['0.5', '1.25', '3'])).toBe('float');
    expect(type('share', ['12.5%', '3%', '80%'])).toBe('float');
    expect(type('total', ['€130,77', '€92.86', 'EUR 12.40', '$264.85', '1.234,50 €'])).toBe('decimal');
    expect(type('unit_price', ['52.49', '9.50', '21.90'])).toBe('decimal');
    expect(type('weight', ['52.491', '9.5', '21.9'])).toBe('float');
  });

  it('decides the decimal comma per column', () => {
    const inference = inferType('preis', ['1.234', '12,50', '3,99', '7,00']);
    expect(inference.parse.decimal).toBe(',');
    expect(inference.stats.numericMax).toBe(1234);
    expect(inferType('amount', ['1,234', '12.50', '3.99']).stats.numericMax).toBe(1234);
  });

  it('reads booleans, and 1/0 only in clearly boolean columns', () => {
    expect(type('opt_in', ['yes', 'no', 'Y', 'N', 'true', 'false', '1', '0'])).toBe('boolean');
    expect(type('flag', ['Y', 'N', 'N', 'Y'])).toBe('boolean');
    expect(type('active', [true, false, true])).toBe('boolean');
    expect(type('is_active', repeat(['1', '0'], 20))).toBe('boolean');
    expect(type('clicks', repeat(['1', '0'], 20))).toBe('integer');
  });

  it('finds dates and datetimes, with formats and ambiguity', () => {
    const mixed = inferType('signup_date', repeat(['2021-01-19', '03/14/2021', '1 Feb 2021', '2021-02-01'], 40));
    expect(mixed.type).toBe('date');
    expect(mixed.dateFormats.map((f) => f.value)).toEqual(['YYYY-MM-DD', 'D MMM YYYY', 'MM/DD/YYYY']);
    expect(mixed.parse.dateFormat).toBe('YYYY-MM-DD');
    expect(type('created_at', ['2023-01-21T19:44:59Z', '2023-01-22T08:00:00Z'])).toBe('datetime');
    const unsure = inferType('d', ['03/04/2021', '01/02/2022', '05/06/2023']);
    expect(unsure.type).toBe('date');
    expect(unsure.ambiguousDates).toBe(true);
  });

  it('reads epochs as dates only when the name or the column supports it', () => {
    const ms = Array.from({ length: 50 }, (_, i) => String(1675675328000 + i * 86_400_000));
    expect(type('event_time', ms)).toBe('datetime');
    expect(inferType('event_time', ms).parse.epoch).toBe(true);
    expect(type('order_id', ms)).toBe('identifier');
    const seconds = Array.from({ length: 50 }, (_, i) => 1675675328 + i * 3600);
    expect(type('ts', seconds)).toBe('datetime');
    expect(type('customer_id', seconds)).toBe('identifier');
    const exported = [...repeat(['2023-01-06', '2023-02-11', '18 Jan 2023'], 40), '1675675328000'];
    expect(type('order_date', exported)).toBe('date');
  });

  it('recognises emails, urls, phones and image references', () => {
    expect(type('contact', ['a@b.com', 'jane.doe@example.co.uk', 'x_y@z.io'])).toBe('email');
    expect(type('link', ['https://shop.example/p/1', 'http://x.y/z', 'www.example.com'])).toBe('url');
    expect(type('phone', ['+39 166 6088309', '0152-4837417', '+1 (939) 452-9387', '713-864-7130', '+491694383465'])).toBe('phone');
    expect(type('image', ['p-0001.jpg', 'images/p-0002.PNG', 'p3.webp'])).toBe('image-reference');
    expect(type('img', ['https://cdn.example/p1.jpg?w=200', 'https://cdn.example/p2.png'])).toBe('image-reference');
  });

  it('tells categories from free text', () => {
    expect(type('country', repeat(['Germany', 'France', 'Italy', 'Spain'], 100))).toBe('categorical');
    const reviews = Array.from({ length: 100 }, (_, i) => `This is review number ${i}, and the coffee was ${i % 2 ? 'great' : 'stale'} this time.`);
    expect(type('text', reviews)).toBe('text');
  });

  it('reports mixed columns with the share of each family', () => {
    const inference = inferType('value', [...repeat(['12', '15', '7'], 60), ...repeat(['n/a?', 'unknown', 'see notes'], 40)]);
    expect(inference.mixed).toBe(true);
    expect(inference.shares).toEqual([{ family: 'number', share: 0.6 }, { family: 'string', share: 0.4 }]);
  });

  it('returns empty for columns without values, skipping missing markers', () => {
    expect(type('blank', [null, '', 'NA', 'n/a', 'null', '-'])).toBe('empty');
    expect(type('x', [null, 'NA', '5', '6'])).toBe('integer');
  });
});
