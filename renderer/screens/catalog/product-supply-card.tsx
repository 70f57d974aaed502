/**
 * A product's purchasing fields in its editor (DESIGN §2 products `supplierId`, `supplierSku`,
 * `packSize`): the preferred supplier, the supplier's SKU and how many units come in a pack
 * (an order line of this supplier starts at one pack).
 */
import { usePurchaseOrders } from '../../data/hooks.js';
import { useT } from '../../i18n/index.js';
import { Field } from '../kit/field.js';
import { Card } from '../kit/page.js';

export interface SupplyForm {
  supplierId: string;
  supplierSku: string;
  packSize: string;
}

export const supplyForm = (p: { supplierId: string | null; supplierSku: string | null; packSize: number } | undefined): SupplyForm => ({
  supplierId: p?.supplierId ?? '', supplierSku: p?.supplierSku ?? '', packSize: String(p?.packSize ?? 1),
});

/** The fields for upsertProduct, or null when the pack size is not a whole number of at least 1. */
export function supplyValue(f: SupplyForm): { supplierId: string | null; supplierSku: string | null; packSize: number } | null {
  const packSize = Number(f.packSize);
  if (!Number.isInteger(packSize) || packSize < 1 || packSize > 1_000_000_000) return null;
  return { supplierId: f.supplierId || null, supplierSku: f.supplierSku.trim() || null, packSize };
}

export function ProductSupplyCard({ form, onChange, packInvalid }: { form: SupplyForm; onChange(next: SupplyForm): void; packInvalid: boolean }) {
  const t = useT();
  const { orders } = usePurchaseOrders();
  const suppliers = orders.suppliers();
  return (
    <Card title={t('product.supplier')}>
      <div className="mg-form-grid">
        <Field id="pe-supplier" label={t('product.supplier')}>
          <select id="pe-supplier" className="input" value={form.supplierId} onChange={(e) => onChange({ ...form, supplierId: e.target.value })} data-testid="product-supplier">
            <option value="">{t('product.supplierNone')}</option>
            {suppliers.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </Field>
        <Field id="pe-supplier-sku" label={t('product.supplierSku')}>
          <input id="pe-supplier-sku" className="input mono" value={form.supplierSku} maxLength={64} onChange={(e) => onChange({ ...form, supplierSku: e.target.value })} data-testid="product-supplier-sku" />
        </Field>
        <Field id="pe-pack" label={t('product.packSize')} errors={packInvalid ? [t('product.packInvalid')] : undefined}>
          <input id="pe-pack" className="input" inputMode="numeric" value={form.packSize} aria-invalid={packInvalid || undefined} onChange={(e) => onChange({ ...form, packSize: e.target.value })} data-testid="product-pack-size" />
        </Field>
      </div>
    </Card>
  );
}
