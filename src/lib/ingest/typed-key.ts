import { readCell } from '../profile';
import type { CellValue, Source } from '../store';

/**
 * How the grid sorts and compares a column: by its meaning, not its text. "$1,234.50" sorts as
 * 1234.5, "5 Mar 2024" as a date, using the column's inferred type (or the user's override).
 */
export function typedKey(source: Source, column: number): (value: CellValue) => CellValue {
  const name = source.columns[column]?.name;
  // The cleaned view's profile when there is one: its parse options describe the cleaned values.
  const profile = (source.cleanProfile ?? source.profile)?.columns.find((c) => c.name === name);
  if (!profile || name === undefined) return (value) => value;
  const type = (source.overrides[name]?.type as typeof profile.inference.type | undefined) ?? profile.inference.type;
  const parse = profile.inference.parse;
  return (value) => {
    const cell = readCell(value, type, parse);
    switch (cell.kind) {
      case 'missing':
        return null;
      case 'number':
        return cell.value;
      case 'date':
        return cell.date.ms;
      case 'boolean':
        return cell.value ? 1 : 0;
      default:
        return cell.text;
    }
  };
}
