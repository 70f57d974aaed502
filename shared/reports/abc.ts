/**
 * ABC classes of top sellers (DESIGN §5a): products by revenue, highest first; a product is A
 * while the products before it made less than 80 % of the revenue, B below 95 %, C after (and
 * every product that sold nothing). Ties are broken by product id, so both sides agree.
 */
export type AbcClass = 'A' | 'B' | 'C';

export const ABC_LIMITS = { A: 0.8, B: 0.95 } as const;

export function abcClasses(revenueByProduct: ReadonlyMap<string, number>): Map<string, AbcClass> {
  const ranked = [...revenueByProduct].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const total = ranked.reduce((sum, [, r]) => sum + Math.max(0, r), 0);
  const out = new Map<string, AbcClass>();
  let before = 0;
  for (const [productId, revenue] of ranked) {
    const share = total > 0 ? before / total : 1;
    out.set(productId, revenue <= 0 ? 'C' : share < ABC_LIMITS.A ? 'A' : share < ABC_LIMITS.B ? 'B' : 'C');
    before += Math.max(0, revenue);
  }
  return out;
}
