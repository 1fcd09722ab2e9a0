// What one cell looks like on its own, before any column-level decision. Order matters: a date
// like `2021-01-19` also looks like a code, `+49 30 1234567` like a number, an image URL like a
// URL, so the stricter shapes are tried first.
import { booleanWord } from './parse-boolean';
import { matchDate, epochDate } from './parse-date';
import { parseNumber } from './parse-number';
import type { CellValue } from '../store';
import type { DecimalSeparator, ValueFamily } from './types';

export const valueKinds = [
  'boolean-word', 'binary-digit', 'integer', 'number', 'money', 'percent', 'zero-padded', 'epoch',
  'date', 'datetime', 'email', 'url', 'image', 'phone', 'code', 'word', 'text',
] as const;
export type ValueKind = (typeof valueKinds)[number];

export const emailPattern = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[A-Za-z]{2,}$/;
const urlPattern = /^(?:https?:\/\/|ftp:\/\/|www\.)[^\s]+$/i;
const imagePattern = /^(?:data:image\/[a-z+]+[;,]|[^\s?#]+\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?|heic)(?:[?#][^\s]*)?$)/i;
const phoneChars = /^\+?[\d\s().\-/]{7,22}$/;
/** Single tokens mixing letters and digits, or digit groups joined by marks: `P-0042`, `s-6f680d1b`. */
const codePattern = /^(?=.*\d)[A-Za-z0-9]+(?:[-_./:#][A-Za-z0-9]+)*$/;

function digitCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** Phone layouts: a leading `+` or `00`, or groups joined by spaces, dashes, dots or parentheses. */
export function looksLikePhone(text: string): boolean {
  if (!phoneChars.test(text)) return false;
  const digits = digitCount(text);
  if (digits < 7 || digits > 15) return false;
  if (text.startsWith('+') || /^\(\d+\)/.test(text)) return true;
  return /^\d{2,5}[\s\-/.]\d{2,}(?:[\s\-.]\d+)*$/.test(text);
}

export function familyOf(kind: ValueKind, epochAllowed: boolean): ValueFamily {
  switch (kind) {
    case 'boolean-word': return 'boolean';
    case 'binary-digit': case 'integer': case 'number': case 'money': case 'percent': return 'number';
    case 'epoch': return epochAllowed ? 'date' : 'number';
    case 'zero-padded': case 'code': return 'code';
    case 'date': case 'datetime': return 'date';
    case 'email': return 'email';
    case 'url': return 'url';
    case 'image': return 'image';
    case 'phone': return 'phone';
    case 'word': case 'text': return 'string';
  }
}

/** Classifies one non-missing cell; `decimal` only settles cells like `1,234`. */
export function classifyValue(value: CellValue, decimal: DecimalSeparator): ValueKind {
  if (typeof value === 'boolean') return 'boolean-word';
  if (typeof value === 'number') {
    if (value === 0 || value === 1) return 'binary-digit';
    if (epochDate(value) !== null && Number.isInteger(value)) return 'epoch';
    return Number.isInteger(value) ? 'integer' : 'number';
  }
  const text = (value ?? '').trim();
  if (text === '0' || text === '1') return 'binary-digit';
  if (booleanWord(text) !== null) return 'boolean-word';
  if (/^0\d+$/.test(text)) return 'zero-padded';
  const date = matchDate(text);
  if (date) return date.hasTime ? 'datetime' : 'date';
  if (/^\d{9,13}$/.test(text) && epochDate(text) !== null) return 'epoch';
  if (text.startsWith('+') && digitCount(text) >= 8 && looksLikePhone(text)) return 'phone';
  const number = parseNumber(text, decimal);
  if (number) {
    if (number.currency) return 'money';
    if (number.percent) return 'percent';
    return Number.isInteger(number.value) && number.decimals === 0 ? 'integer' : 'number';
  }
  if (looksLikePhone(text)) return 'phone';
  if (emailPattern.test(text)) return 'email';
  if (imagePattern.test(text)) return 'image';
  if (urlPattern.test(text)) return 'url';
  if (codePattern.test(text) && text.length <= 40) return 'code';
  const words = text.split(/\s+/).length;
  return words >= 4 || text.length > 40 ? 'text' : 'word';
}
