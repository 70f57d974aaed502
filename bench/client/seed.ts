import { LIMITS } from '../../shared/index.js';
import { product, receipt, type NewProduct } from '../../test/support/docs.js';
import { pushMovements, pushProducts } from '../../test/support/replication.js';
import type { TestTenant } from '../../test/support/tenant.js';

const BRANDS = ['Alpen', 'Bergmann', 'Casa', 'Delta', 'Elba', 'Fjord', 'Gold', 'Hansa', 'Iris', 'Jura', 'Kora', 'Luna', 'Mira', 'Nord', 'Oro', 'Pica'];
const ADJECTIVES = ['organic', 'classic', 'smoked', 'fresh', 'dark', 'light', 'spicy', 'sweet', 'whole', 'mini', 'premium', 'rustic', 'salted', 'wild', 'golden', 'crispy'];
const NOUNS = ['tea', 'coffee', 'bread', 'cheese', 'olive oil', 'honey', 'pasta', 'rice', 'chocolate', 'soap', 'candle', 'jam', 'vinegar', 'flour', 'biscuits', 'mustard', 'sauce', 'crackers', 'granola', 'juice'];
const SIZES = ['100 g', '250 g', '500 g', '1 kg', '330 ml', '750 ml', '1 l', '6 pack', '12 pack', 'single'];

/** A realistic, varied name for product `i` (searching narrows as one types). */
export function productName(i: number): string {
  const brand = BRANDS[i % BRANDS.length]!;
  const adjective = ADJECTIVES[Math.floor(i / 16) % ADJECTIVES.length]!;
  const noun = NOUNS[Math.floor(i / 256) % NOUNS.length]!;
  const size = SIZES[Math.floor(i / 5120) % SIZES.length]!;
  return `${brand} ${adjective} ${noun} ${size} #${i}`;
}

export interface Seeded {
  products: NewProduct[];
  /** The product sold again and again by the sale benchmark (plenty of stock). */
  saleProduct: NewProduct;
}

/**
 * A catalog of `count` products with one stock row each in `storeId`, created
 * through the real push path (as an owner's import and deliveries would).
 */
export async function seedCatalog(tenant: TestTenant, storeId: string, count: number): Promise<Seeded> {
  const products: NewProduct[] = [];
  for (let i = 0; i < count; i += LIMITS.pushRows) {
    const batch = Array.from({ length: Math.min(LIMITS.pushRows, count - i) }, (_, j) => {
      const p = product(productName(i + j));
      p.priceCents = 99 + ((i + j) % 2000);
      p.category = NOUNS[Math.floor((i + j) / 256) % NOUNS.length]!;
      return p;
    });
    await pushProducts(tenant.owner.api, batch);
    products.push(...batch);
  }
  const saleProduct = products[Math.floor(count / 2)]!;
  for (let i = 0; i < products.length; i += LIMITS.pushRows) {
    const rows = products
      .slice(i, i + LIMITS.pushRows)
      .map((p) => receipt(storeId, p.id, p.id === saleProduct.id ? 100_000 : 5 + (i % 40)));
    const stored = await pushMovements(tenant.owner.api, rows);
    if (stored.some((m) => m.status !== 'accepted')) throw new Error('seed receipts not accepted');
  }
  return { products, saleProduct };
}
