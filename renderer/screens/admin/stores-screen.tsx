/**
 * Owner: the business's stores — create, rename, time zone, negative stock —
 * each with the sync health this device knows for it.
 */
import { useState, type FormEvent } from 'react';
import type { RouteProps } from '../../navigation/routes.js';
import type { StoreDoc } from '../../data/api.js';
import { useActiveStore, useSettings, useStockroom, useStores } from '../../data/hooks.js';
import { checkStore, type StoreInput, type StoreProblem } from '../../data/commands/store-admin.js';
import { useT, type TFunction } from '../../i18n/index.js';
import { Field } from '../kit/field.js';
import { Banner, Card, Empty, Page } from '../kit/page.js';
import { useIsOwner } from '../kit/roles.js';
import { StoreHealth } from './store-health.js';
import { TimeZonePicker } from '../kit/time-zone-picker.js';
import { localTimeZone } from '../kit/timezones.js';

export function StoresScreen(_props: RouteProps) {
  const t = useT();
  const isOwner = useIsOwner();
  const stores = useStores();
  const [activeStoreId] = useActiveStore();
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  if (!isOwner) {
    return (
      <Page title={t('admin.stores.title')}>
        <Banner tone="info">{t('admin.error.forbidden')}</Banner>
      </Page>
    );
  }
  return (
    <Page
      title={t('admin.stores.title')}
      subtitle={t('admin.stores.intro')}
      actions={
        !creating ? (
          <button type="button" className="btn btn--primary" onClick={() => { setCreating(true); setNotice(null); }}>
            + {t('admin.stores.new')}
          </button>
        ) : null
      }
    >
      {notice ? <Banner tone="success">{notice}</Banner> : null}
      {creating ? (
        <Card title={t('admin.stores.new')}>
          <StoreForm
            submitLabel={t('admin.stores.create')}
            onCancel={() => setCreating(false)}
            onSaved={(s) => {
              setCreating(false);
              setNotice(t('admin.stores.created', { name: s.name }));
            }}
          />
        </Card>
      ) : null}
      {stores.length === 0 ? <Empty>{t('admin.stores.empty')}</Empty> : null}
      <div className="mg-store-list">
        {stores.map((s) => (
          <StoreCard key={s.id} store={s} active={s.id === activeStoreId} />
        ))}
      </div>
    </Page>
  );
}

function StoreCard({ store, active }: { store: StoreDoc; active: boolean }) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  return (
    <Card
      className="mg-store"
      title={
        <>
          {store.name} {active ? <span className="mg-tag mg-tag--accent">{t('admin.stores.active')}</span> : null}
        </>
      }
      actions={
        !editing ? (
          <button type="button" className="btn btn--sm" onClick={() => setEditing(true)}>
            {t('admin.stores.edit')}
          </button>
        ) : null
      }
    >
      {editing ? (
        <StoreForm store={store} submitLabel={t('admin.stores.rename')} onCancel={() => setEditing(false)} onSaved={() => setEditing(false)} />
      ) : (
        <p className="muted mg-store__meta">
          {store.timezone} · {store.allowNegativeStock ? t('admin.stores.negativeAllowed') : t('admin.stores.negativeRefused')}
        </p>
      )}
      <h3 className="mg-subtitle">{t('admin.health.title')}</h3>
      <StoreHealth store={store} />
    </Card>
  );
}

function storeProblemText(t: TFunction, p: StoreProblem): string {
  return p.code === 'too-long' ? t('catalog.problem.too-long', { max: p.max ?? 0 }) : t('catalog.problem.required');
}

function StoreForm({
  store,
  submitLabel,
  onCancel,
  onSaved,
}: {
  store?: StoreDoc;
  submitLabel: string;
  onCancel: () => void;
  onSaved: (s: StoreDoc) => void;
}) {
  const t = useT();
  const client = useStockroom();
  const businessZone = useSettings()?.timezone;
  const [input, setInput] = useState<StoreInput>(() =>
    store
      ? { id: store.id, name: store.name, timezone: store.timezone, allowNegativeStock: store.allowNegativeStock }
      : { name: '', timezone: businessZone ?? localTimeZone(), allowNegativeStock: false },
  );
  const [problems, setProblems] = useState<StoreProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const prefix = store ? `store-${store.id}` : 'store-new';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const checked = checkStore(input);
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems([]);
    setBusy(true);
    try {
      if (!client.upsertStore) throw new Error('this version of the data layer cannot write stores');
      onSaved(await client.upsertStore(checked.value));
    } catch (err) {
      setError(t('admin.stores.failed', { detail: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };
  const errs = (f: StoreProblem['field']) => problems.filter((p) => p.field === f).map((p) => storeProblemText(t, p));

  return (
    <form className="mg-form" onSubmit={submit} noValidate>
      {error ? <Banner tone="danger">{error}</Banner> : null}
      <div className="mg-form-grid">
        <Field id={`${prefix}-name`} label={t('admin.stores.name')} errors={errs('name')}>
          <input id={`${prefix}-name`} className="input" value={input.name} autoFocus
            aria-invalid={errs('name').length > 0 || undefined} onChange={(e) => setInput({ ...input, name: e.target.value })} />
        </Field>
        <Field id={`${prefix}-tz`} label={t('admin.stores.timezone')} errors={errs('timezone')}>
          <TimeZonePicker id={`${prefix}-tz`} value={input.timezone} onChange={(timezone) => setInput({ ...input, timezone })} />
        </Field>
        <div className="mg-field mg-field--check mg-span-3">
          <label className="check">
            <input type="checkbox" checked={input.allowNegativeStock} onChange={(e) => setInput({ ...input, allowNegativeStock: e.target.checked })} />
            <span>{t('admin.stores.allowNegative')}</span>
          </label>
          <p className="mg-field__hint">{t('admin.stores.allowNegativeHint')}</p>
        </div>
      </div>
      <div className="mg-form-actions">
        <button type="button" className="btn" onClick={onCancel}>{t('common.cancel')}</button>
        <button type="submit" className="btn btn--primary" disabled={busy}>{submitLabel}</button>
      </div>
    </form>
  );
}
