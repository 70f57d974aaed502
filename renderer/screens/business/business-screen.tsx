import { useMemo, useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/index.js';
import type { RouteProps } from '../../navigation/routes.js';
import { useSession, useSettings, useStockroom } from '../../data/hooks.js';
import { useFormat, useT } from '../../i18n/index.js';
import { commandErrorText } from '../../ui/command-error-text.js';
import { useToast } from '../../ui/toast.js';
import { localTimeZone } from '../kit/timezones.js';
import { Card, Page } from '../kit/page.js';
import { Field } from '../kit/field.js';
import { TimeZonePicker } from '../kit/time-zone-picker.js';

const COMMON_CURRENCIES = ['USD', 'EUR', 'GBP', 'CNY', 'HKD', 'TWD', 'JPY', 'SGD', 'AUD', 'CAD', 'CHF'];

/** Every ISO 4217 code this runtime knows, the common ones first, each with its name in the UI language. */
function currencyOptions(locale: string, current: string): Array<{ code: string; label: string }> {
  let all: string[] = [];
  try {
    all = Intl.supportedValuesOf('currency');
  } catch {
    all = COMMON_CURRENCIES;
  }
  const names = new Intl.DisplayNames([locale], { type: 'currency' });
  const order = [...new Set([current, ...COMMON_CURRENCIES, ...all])].filter(Boolean);
  return order.map((code) => ({ code, label: `${code} · ${names.of(code) ?? code}` }));
}

/** Owner: the business's name, currency and time zone (DESIGN §2), replicated to every till. */
export function BusinessScreen(_: RouteProps) {
  const t = useT();
  const format = useFormat();
  const client = useStockroom();
  const session = useSession();
  const settings = useSettings();
  const toast = useToast();
  const [name, setName] = useState(settings?.businessName ?? session.tenantName);
  const [currency, setCurrency] = useState(settings?.currency ?? session.currency);
  const [timezone, setTimezone] = useState(settings?.timezone ?? localTimeZone());
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const currencies = useMemo(() => currencyOptions(format.locale, currency), [format.locale, currency]);
  const nameOk = name.trim().length >= 1 && name.trim().length <= LIMITS.nameLength;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (!nameOk || busy) return;
    setBusy(true);
    try {
      await client.saveSettings({ businessName: name.trim(), currency, timezone });
      toast(t('business.saved'), 'ok');
    } catch (err) {
      toast(commandErrorText(t, err, () => '', format.number), 'error');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t('business.title')} subtitle={t('business.intro')}>
      <Card>
        <form className="mg-form" onSubmit={submit} noValidate data-testid="business-form">
          <div className="mg-form-grid">
            <Field id="business-name" label={t('business.name')} errors={tried && !nameOk ? [t('business.nameInvalid')] : []}>
              <input id="business-name" className="input" value={name} maxLength={LIMITS.nameLength} onChange={(e) => setName(e.target.value)} aria-invalid={tried && !nameOk} data-testid="business-name" />
            </Field>
            <Field id="business-currency" label={t('business.currency')} hint={t('business.currencyHint')}>
              <select id="business-currency" className="input" value={currency} onChange={(e) => setCurrency(e.target.value)} data-testid="business-currency">
                {currencies.map((c) => (
                  <option key={c.code} value={c.code}>{c.label}</option>
                ))}
              </select>
            </Field>
            <Field id="business-tz" label={t('business.timezone')}>
              <TimeZonePicker id="business-tz" value={timezone} onChange={setTimezone} />
            </Field>
          </div>
          <div className="mg-form-actions">
            <button type="submit" className="btn btn--primary" disabled={busy} data-testid="business-save">{t('business.save')}</button>
          </div>
        </form>
      </Card>
    </Page>
  );
}
