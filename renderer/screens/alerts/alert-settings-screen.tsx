/** Alert settings of this device: timing, hysteresis, quiet hours, scope, dynamic reorder point, desktop app. */
import { useEffect, useState, type ReactNode } from 'react';
import type { RouteProps } from '../../navigation/routes.js';
import { paths } from '../../navigation/routes.js';
import { useAlerts } from '../../alerts/use-alerts.js';
import { useStores } from '../../data/hooks.js';
import { useT, type MessageKey } from '../../i18n/index.js';
import { getPlatform } from '../../platform/index.js';
import { useToast } from '../../ui/toast.js';
import { describedBy, Field } from '../kit/field.js';
import { Banner, Card, Page } from '../kit/page.js';
import { fromDraft, toDraft, type AlertSettingsDraft, type DraftErrors } from './alert-settings-form.js';

type NumberField =
  | 'intervalSeconds'
  | 'sustainSeconds'
  | 'maxPerMinute'
  | 'hysteresisUnits'
  | 'hysteresisPercent'
  | 'dynamicDays'
  | 'dynamicLead'
  | 'transferOverdueDays';

function Check({ id, checked, onChange, children }: { id: string; checked: boolean; onChange(v: boolean): void; children: ReactNode }) {
  return (
    <label className="check" htmlFor={id}>
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>{children}</span>
    </label>
  );
}

/** Shell-owned switches (Electron only), kept next to `alerts` in the platform settings record. */
function useDesktopFlags() {
  const platform = getPlatform();
  const [flags, setFlags] = useState<{ launchAtLogin: boolean; closeToTray: boolean } | null>(null);
  useEffect(() => {
    if (platform.kind !== 'electron') return;
    void platform.getSettings().then((s) => setFlags({ launchAtLogin: s.launchAtLogin === true, closeToTray: s.closeToTray !== false }));
  }, [platform]);
  const update = async (patch: Partial<{ launchAtLogin: boolean; closeToTray: boolean }>) => {
    const all = await platform.getSettings();
    await platform.setSettings({ ...all, ...patch });
    setFlags((f) => (f ? { ...f, ...patch } : f));
  };
  return { flags, update };
}

export function AlertSettingsScreen(_props: RouteProps) {
  const t = useT();
  const toast = useToast();
  const engine = useAlerts();
  const stores = useStores();
  const settings = engine.getSettings();
  const [draft, setDraft] = useState<AlertSettingsDraft>(() => toDraft(settings));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [saving, setSaving] = useState(false);
  const desktop = useDesktopFlags();
  const platform = getPlatform();

  /** One notification through the same path as real alerts (node-notifier in the desktop app). */
  async function sendTest() {
    if (!(await platform.requestNotificationPermission())) return toast(t('alerts.settings.testBlocked'), 'error');
    await platform.notify({ title: t('alerts.settings.testNoticeTitle'), body: t('alerts.settings.testNoticeBody'), productId: '', storeId: '' });
    toast(t('alerts.settings.testSent'), 'ok');
  }

  // Settings load asynchronously from the shell: show them once they arrive, unless already edited.
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if (!touched) setDraft(toDraft(settings));
  }, [settings, touched]);

  const set = <K extends keyof AlertSettingsDraft>(key: K, value: AlertSettingsDraft[K]) => {
    setTouched(true);
    setDraft((d) => ({ ...d, [key]: value }));
  };

  const numberField = (key: NumberField, label: MessageKey, hint?: MessageKey, step = '1') => {
    const id = `alerts-${key}`;
    const errs = errors[key];
    return (
      <Field id={id} label={t(label)} hint={hint ? t(hint) : undefined} errors={errs}>
        <input
          id={id}
          className="input"
          type="number"
          inputMode="decimal"
          step={step}
          min="0"
          value={draft[key]}
          onChange={(e) => set(key, e.target.value)}
          aria-invalid={errs ? true : undefined}
          aria-describedby={describedBy(id, !!hint, !!errs)}
          data-testid={id}
        />
      </Field>
    );
  };

  const save = async () => {
    const result = fromDraft(draft);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      await engine.updateSettings(result.settings);
      setTouched(false);
      toast(t('alerts.settings.saved'), 'ok');
    } finally {
      setSaving(false);
    }
  };

  return (
    <Page title={t('alerts.settings.title')} back={{ label: t('alerts.settings.back'), href: paths.alerts() }}>
      <form
        className="mg-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {Object.keys(errors).length > 0 ? <Banner tone="danger">{t('alerts.settings.invalid')}</Banner> : null}
        <Card title={t('alerts.settings.timing')}>
          <div className="mg-form-grid">
            {numberField('intervalSeconds', 'alerts.settings.interval')}
            {numberField('sustainSeconds', 'alerts.settings.sustain', 'alerts.settings.sustainHint')}
            {numberField('maxPerMinute', 'alerts.settings.maxPerMinute', 'alerts.settings.maxPerMinuteHint')}
            {numberField('hysteresisUnits', 'alerts.settings.hysteresisUnits', 'alerts.settings.hysteresisHint')}
            {numberField('hysteresisPercent', 'alerts.settings.hysteresisPercent', undefined, 'any')}
          </div>
        </Card>
        <Card title={t('alerts.settings.quiet')}>
          <div className="stack">
            <Check id="alerts-quiet" checked={draft.quietEnabled} onChange={(v) => set('quietEnabled', v)}>
              {t('alerts.settings.quietEnabled')}
            </Check>
            <div className="mg-form-grid">
              {(['quietStart', 'quietEnd'] as const).map((key) => (
                <Field key={key} id={`alerts-${key}`} label={t(key === 'quietStart' ? 'alerts.settings.quietStart' : 'alerts.settings.quietEnd')} errors={errors[key]}>
                  <input id={`alerts-${key}`} className="input" type="time" value={draft[key]} onChange={(e) => set(key, e.target.value)} aria-invalid={errors[key] ? true : undefined} />
                </Field>
              ))}
              <Field id="alerts-timeZone" label={t('alerts.settings.timeZone')} errors={errors.timeZone}>
                <input id="alerts-timeZone" className="input" value={draft.timeZone} onChange={(e) => set('timeZone', e.target.value)} aria-invalid={errors.timeZone ? true : undefined} />
              </Field>
            </div>
          </div>
        </Card>
        <Card title={t('alerts.settings.scope')}>
          <div className="stack" role="radiogroup" aria-label={t('alerts.settings.scope')}>
            <label className="check">
              <input type="radio" name="alerts-scope" checked={draft.scopeAll} onChange={() => set('scopeAll', true)} data-testid="alerts-scope-all" />
              <span>{t('alerts.settings.scopeAll')}</span>
            </label>
            <label className="check">
              <input type="radio" name="alerts-scope" checked={!draft.scopeAll} onChange={() => set('scopeAll', false)} data-testid="alerts-scope-stores" />
              <span>{t('alerts.settings.scopeStores')}</span>
            </label>
            {!draft.scopeAll ? (
              <div className="row row--wrap" style={{ paddingLeft: 24 }}>
                {stores.map((s) => (
                  <Check
                    key={s.id}
                    id={`alerts-store-${s.id}`}
                    checked={draft.scopeStoreIds.includes(s.id)}
                    onChange={(v) => set('scopeStoreIds', v ? [...draft.scopeStoreIds, s.id] : draft.scopeStoreIds.filter((x) => x !== s.id))}
                  >
                    {s.name}
                  </Check>
                ))}
              </div>
            ) : null}
            {errors.scopeStoreIds ? <p className="mg-field__error" role="alert">{errors.scopeStoreIds.join(' · ')}</p> : null}
          </div>
        </Card>
        <Card title={t('alerts.settings.dynamic')}>
          <div className="stack">
            <Check id="alerts-dynamic" checked={draft.dynamicEnabled} onChange={(v) => set('dynamicEnabled', v)}>
              {t('alerts.settings.dynamicEnabled')}
            </Check>
            <div className="mg-form-grid">
              {numberField('dynamicDays', 'alerts.settings.dynamicDays')}
              {numberField('dynamicLead', 'alerts.settings.dynamicLead')}
            </div>
          </div>
        </Card>
        <Card title={t('alerts.settings.transfers')}>
          <div className="mg-form-grid">
            {numberField('transferOverdueDays', 'alerts.settings.transferOverdueDays', 'alerts.settings.transferOverdueHint')}
          </div>
        </Card>
        {desktop.flags ? (
          <Card title={t('alerts.settings.desktop')}>
            <div className="stack">
              <Check id="alerts-launch-at-login" checked={desktop.flags.launchAtLogin} onChange={(v) => void desktop.update({ launchAtLogin: v })}>
                {t('alerts.settings.launchAtLogin')}
              </Check>
              <Check id="alerts-close-to-tray" checked={desktop.flags.closeToTray} onChange={(v) => void desktop.update({ closeToTray: v })}>
                {t('alerts.settings.closeToTray')}
              </Check>
            </div>
          </Card>
        ) : null}
        <Card title={t('alerts.settings.testTitle')}>
          <div className="row" style={{ flexWrap: 'wrap', gap: 12 }}>
            <button type="button" className="btn" onClick={() => void sendTest()} data-testid="alerts-test-notification">
              {t('alerts.settings.test')}
            </button>
            <span className="hint">{t('alerts.settings.testHint')}</span>
          </div>
          <div className="row" style={{ flexWrap: 'wrap', gap: 12, marginTop: 12 }}>
            <button type="button" className="btn btn--ghost" onClick={() => { engine.reset(); toast(t('alerts.settings.resetDone'), 'ok'); }} data-testid="alerts-reset">
              {t('alerts.settings.reset')}
            </button>
            <span className="hint">{t('alerts.settings.resetHint')}</span>
          </div>
        </Card>
        <div className="mg-form-actions">
          <button type="submit" className="btn btn--primary" disabled={saving} data-testid="alerts-settings-save">
            {t('common.save')}
          </button>
        </div>
      </form>
    </Page>
  );
}
