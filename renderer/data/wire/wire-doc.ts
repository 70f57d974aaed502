/**
 * A replicated document as it crosses the wire: whatever its collection, it has the id and the
 * server's seq the sync engine works with. The server sends only such documents (its zod
 * schemas); a row without them is dropped here rather than cast.
 */
export type WireDoc = Record<string, unknown> & { id: string; seq: number };

export function isWireDoc(row: Record<string, unknown>): row is WireDoc {
  return typeof row.id === 'string' && typeof row.seq === 'number';
}

export function wireDocs(rows: readonly Record<string, unknown>[]): WireDoc[] {
  return rows.filter(isWireDoc);
}
