import { useMemo, useRef, useState } from 'react';
import { useT } from '../../i18n/index.js';
import { localTimeZone, timeZones } from './timezones.js';

/** "GMT+8" style offset of a zone now, for the label ("Asia/Shanghai · GMT+8"). */
function offsetOf(zone: string): string {
  try {
    const part = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(Date.now()).find((p) => p.type === 'timeZoneName');
    return part?.value ?? '';
  } catch {
    return '';
  }
}

/**
 * An IANA time-zone picker: a filter box over the zones this runtime knows, grouped by
 * region, each with its offset now; the device's own zone first. Never free text, so a store
 * or the business never gets a zone nobody's clock knows. While searching, the first match
 * is taken; a search that ends with no match leaves the zone chosen before it (not whatever
 * an earlier keystroke matched on the way, e.g. "z" → Africa/Brazzaville for "zzz").
 */
export function TimeZonePicker({ id, value, onChange }: { id: string; value: string; onChange(zone: string): void }) {
  const t = useT();
  const [filter, setFilter] = useState('');
  /** The zone chosen when this search began (typed into an empty box, or after a pick from the list). */
  const searchStart = useRef<string | null>(null);
  const zones = useMemo(() => timeZones().map((z) => ({ zone: z, label: `${z.replace(/_/g, ' ')} · ${offsetOf(z)}` })), []);
  const own = localTimeZone();
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase().replace(/\s+/g, '_');
    const list = q ? zones.filter((z) => z.zone.toLowerCase().includes(q) || z.label.toLowerCase().includes(filter.trim().toLowerCase())) : zones;
    // The chosen zone stays in the list, so the select never shows another one than the value.
    return list.some((z) => z.zone === value) ? list : [{ zone: value, label: `${value.replace(/_/g, ' ')} · ${offsetOf(value)}` }, ...list];
  }, [zones, filter, value]);
  const groups = useMemo(() => {
    const byRegion = new Map<string, typeof shown>();
    for (const z of shown) {
      const region = z.zone === own ? '' : z.zone.includes('/') ? z.zone.split('/')[0]! : 'UTC';
      byRegion.set(region, [...(byRegion.get(region) ?? []), z]);
    }
    return [...byRegion.entries()];
  }, [shown, own]);
  return (
    <div className="tz-picker">
      <input
        className="input"
        type="search"
        value={filter}
        placeholder={t('timezone.search')}
        aria-label={t('timezone.search')}
        onChange={(e) => {
          setFilter(e.target.value);
          const q = e.target.value.trim().toLowerCase().replace(/\s+/g, '_');
          if (!q) {
            searchStart.current = null;
            return;
          }
          searchStart.current ??= value;
          const first = zones.find((z) => z.zone.toLowerCase().includes(q));
          const next = first ? first.zone : searchStart.current;
          if (next !== value) onChange(next);
        }}
        data-testid={`${id}-filter`}
      />
      <select
        id={id}
        className="input"
        value={value}
        onChange={(e) => {
          searchStart.current = null; // a pick from the list is the choice a later search falls back to
          onChange(e.target.value);
        }}
        data-testid={id}
      >
        {groups.map(([region, list]) =>
          region === '' ? (
            list.map((z) => <option key={z.zone} value={z.zone}>{z.label}</option>)
          ) : (
            <optgroup key={region} label={region}>
              {list.map((z) => <option key={z.zone} value={z.zone}>{z.label}</option>)}
            </optgroup>
          ),
        )}
      </select>
      {filter.trim() !== '' && shown.length <= 1 && !zones.some((z) => z.zone === value && z.zone.toLowerCase().includes(filter.trim().toLowerCase())) && (
        <span className="hint">{t('timezone.none')}</span>
      )}
    </div>
  );
}
