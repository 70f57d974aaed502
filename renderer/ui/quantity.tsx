import { useAsOf, useLevel } from '../data/hooks.js';
import { useFormat, useT } from '../i18n/index.js';

export type LevelState = 'ok' | 'low' | 'critical' | 'out';

export function levelState(level: number, reorderPoint: number | null, criticalPoint: number | null): LevelState {
  if (level <= 0) return 'out';
  if (criticalPoint !== null && level <= criticalPoint) return 'critical';
  if (reorderPoint !== null && level <= reorderPoint) return 'low';
  return 'ok';
}

/**
 * A projected quantity (DESIGN §5) with its state colour and, when offline,
 * its age ("as of 14:02"). Use this everywhere a level is shown.
 */
export function Quantity({ productId, storeId, big, unit }: { productId: string; storeId?: string | null; big?: boolean; unit?: string }) {
  const level = useLevel(productId, storeId);
  const asOf = useAsOf();
  const t = useT();
  const format = useFormat();
  if (!level) return null;
  const state = levelState(level.level, level.reorderPoint, level.criticalPoint);
  return (
    <span className={`qty${big ? ' qty--big' : ''}`} data-testid={`qty-${productId}`} data-level={level.level}>
      <span className={`qty__value qty__value--${state}`}>
        {format.number(level.level)}
        {unit && unit !== 'pcs' ? ` ${unit}` : ''}
      </span>
      {asOf !== null && <span className="qty__asof">{t('common.asOf', { time: format.asOf(asOf) })}</span>}
    </span>
  );
}
