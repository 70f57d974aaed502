/** Structural equality for document field values (primitives, arrays, plain objects). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

export interface MergeResult<T> {
  merged: T;
  /** Fields both sides changed to different values; the server's value was kept. */
  lostFields: string[];
  /** True when the result differs from what the client sent (it must adopt `merged`). */
  differsFromClient: boolean;
}

/**
 * DESIGN §4 field-wise merge: a field the client changed (against what it
 * assumed) is taken unless the server changed it too, in which case the
 * server's value wins and the field is reported as lost.
 * With no assumed state every sent field counts as changed.
 */
export function mergeFields<T extends Record<string, unknown>>(
  master: T,
  assumed: Partial<T> | null | undefined,
  incoming: T,
  fields: readonly (keyof T & string)[],
): MergeResult<T> {
  const merged: T = { ...master };
  const lostFields: string[] = [];
  for (const field of fields) {
    const clientChanged = !assumed || !sameValue(assumed[field], incoming[field]);
    if (!clientChanged) continue;
    const serverChanged = !!assumed && !sameValue(assumed[field], master[field]);
    if (serverChanged || (!assumed && !sameValue(master[field], incoming[field]))) {
      if (!sameValue(master[field], incoming[field])) lostFields.push(field);
      continue;
    }
    merged[field] = incoming[field];
  }
  const differsFromClient = fields.some((f) => !sameValue(merged[f], incoming[f]));
  return { merged, lostFields, differsFromClient };
}
