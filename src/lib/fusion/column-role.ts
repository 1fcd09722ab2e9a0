import { bestRole, roles, type Role } from '../profile';
import type { Source } from '../store';

// The meaning of a source's column as every analysis reads it: the user's override when there is
// one, else the best suggestion of the profile of the cleaned view (the raw one before cleaning).

function isRole(value: string | undefined): value is Role {
  return value !== undefined && (roles as readonly string[]).includes(value);
}

export function columnRole(source: Pick<Source, 'overrides' | 'profile' | 'cleanProfile'>, name: string): Role {
  const override = source.overrides[name];
  if (isRole(override?.role)) return override.role;
  const columnProfile = (source.cleanProfile ?? source.profile)?.columns.find((p) => p.name === name);
  return columnProfile ? bestRole(columnProfile) : 'none';
}

/** The first column of `source` with one of `wanted` roles (in order of preference), or null. */
export function columnWithRole(source: Pick<Source, 'overrides' | 'profile' | 'cleanProfile' | 'columns'>, ...wanted: Role[]): string | null {
  for (const role of wanted) {
    const found = source.columns.find((c) => columnRole(source, c.name) === role);
    if (found) return found.name;
  }
  return null;
}
