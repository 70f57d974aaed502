import { LIMITS } from '../../shared/index.js';
import { product, receipt, type NewProduct } from '../../test/support/docs.js';
import { pushMovements, pushProducts } from '../../test/support/replication.js';
import type { TestTenant } from '../../test/support/tenant.js';

const BRANDS = ['Alpen', 'Bergmann', 'Casa', 'Delta', 'Elba', 'Fjord', 'Gold', 'Hansa', 'Iris', 'Jura', 'Kora', 'Luna', 'Mira', 'Nord', 'Oro', 'Pica'];
const ADJECTIVES = ['organic', 'classic', 'smoked', 'fresh', 'dark', 'light', 'spicy', 'sweet', 'whole', 'mini', 'premium', 'rustic', 'salted', 'wild', 'golden', 'crispy'];
const NOUNS = ['tea', 'coffee', 'bread', 'cheese', 'olive oil', 'honey', 'pasta', 'rice', 'chocolate', 'soap', 'candle', 'jam', 'vinegar', 'flour', 'biscuits', 'mustard', 'sauce', 'crackers', 'granola', 'juice'];
const SIZES = ['100 g', '250 g', '500 g', '1 kg', '330 ml', '750 ml', '1 l', '6 pack', '12 pack', 'single'];
/** Chinese names: brand, then adjective + grocery word as one word, as shops write them (海天 特级酱油 500 ml). */
const ZH_BRANDS = ['海天', '伊利', '蒙牛', '金龙鱼', '农夫山泉', '康师傅', '光明', '李锦记', 'Nestlé', 'Lavazza'];
const ZH_ADJECTIVES = ['有机', '经典', '特级', '低脂', '原味', '无糖', '精选', '新鲜'];
const ZH_NOUNS = ['咖啡', '牛奶', '绿茶', '面包', '苹果', '大米', '酱油', '鸡蛋', '豆腐', '饼干', '咖啡豆', '花生油', '矿泉水', '方便面', '酸奶', '红枣'];
/**
 * Every fifth product has a Chinese (or Latin brand + Chinese) name: i % 5 === 3, so the
 * brand-specific Latin queries bench/client.ts types keep every one of their products.
 */
const isChineseName = (i: number) => i % 5 === 3;

/** A realistic, varied name for product `i` (searching narrows as one types). */
export function productName(i: number): string {
  if (isChineseName(i)) {
    const j = (i - 3) / 5;
    const brand = ZH_BRANDS[j % ZH_BRANDS.length]!;
    const adjective = ZH_ADJECTIVES[Math.floor(j / 10) % ZH_ADJECTIVES.length]!;
    const noun = ZH_NOUNS[Math.floor(j / 80) % ZH_NOUNS.length]!;
    const size = SIZES[Math.floor(j / 1280) % SIZES.length]!;
    return `${brand} ${adjective}${noun} ${size} #${i}`;
  }
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
