// Units of measure that product data mixes (`250g`, `0.25 kg`, `1.5L`, `33 cl`, `12 oz`), as
// factors to each dimension's base unit (g, ml, mm).
import { parseNumber } from '../parse-number';
import type { UnitDimension } from './steps';

export const unitFactors: Readonly<Record<UnitDimension, Readonly<Record<string, number>>>> = {
  mass: { mg: 0.001, g: 1, gr: 1, gram: 1, grams: 1, kg: 1000, kilo: 1000, kilos: 1000, t: 1_000_000, oz: 28.349523125, lb: 453.59237, lbs: 453.59237 },
  volume: { ml: 1, cl: 10, dl: 100, l: 1000, lt: 1000, ltr: 1000, liter: 1000, litre: 1000, 'fl oz': 29.5735295625, floz: 29.5735295625, gal: 3785.411784, cc: 1 },
  length: { mm: 1, cm: 10, dm: 100, m: 1000, km: 1_000_000, in: 25.4, inch: 25.4, ft: 304.8, yd: 914.4 },
};

const measurePattern = /^\s*([-+]?[\d.,'\s]*\d)\s*([a-zA-Z][a-zA-Z. ]{0,6}?)\.?\s*$/;

/** `1,5 kg` in grams (dimension mass) -> 1500; null when the unit is unknown or missing. */
export function toBaseUnit(text: string, dimension: UnitDimension): number | null {
  const m = measurePattern.exec(text);
  if (!m) return null;
  const factor = unitFactors[dimension][(m[2] ?? '').trim().toLowerCase()];
  const amount = parseNumber(m[1] ?? '', '.');
  if (factor === undefined || amount === null) return null;
  return amount.value * factor;
}

/** Factor of a unit name within a dimension, or undefined. */
export function unitFactor(dimension: UnitDimension, unit: string): number | undefined {
  return unitFactors[dimension][unit.trim().toLowerCase()];
}
