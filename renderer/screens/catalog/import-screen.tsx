/**
 * CSV import: pick or drop a file, see what it will do (new / updated /
 * unchanged / bad lines by line number), import the good rows in batches
 * with a progress bar, then fix and re-import the bad lines.
 */
import { useRef, useState, type DragEvent } from 'react';
import { paths, type RouteProps } from '../../navigation/routes.js';
import { useActiveStore, useStockroom, useStores } from '../../data/hooks.js';
import { problemOf } from '../../data/wire/transport.js';
import { uuidv7 } from '../../../shared/index.js';
import { useFormat, useT } from '../../i18n/index.js';
import { datedFilename, downloadText } from '../kit/download.js';
import { Banner, Card, Page } from '../kit/page.js';
import { useCanEditCatalog } from '../kit/roles.js';
import { exportRejectedLines } from './csv-export.js';
import { CSV_COLUMNS, planCsvImport, type FileProblem, type ImportPlan } from './csv-import.js';
import { runImport, type ImportOutcome, type ImportRunProgress, type ImportTarget } from './run-import.js';
import { currencyFractionDigits } from './money.js';
import { problemWithField } from './problem-text.js';

/** Bad lines listed on screen; all of them are in the download. */
const MAX_LISTED_ERRORS = 500;

type Phase =
  | { kind: 'idle' }
  | { kind: 'reading'; name: string }
  | { kind: 'planned'; name: string; plan: ImportPlan }
  | { kind: 'importing'; name: string; plan: ImportPlan; progress: ImportRunProgress }
  | { kind: 'done'; name: string; plan: ImportPlan; outcome: ImportOutcome }
  | { kind: 'failed'; name: string; plan: ImportPlan; detail: string };

const TEMPLATE = `${CSV_COLUMNS.join(',')},reorder_point,critical_point\r\nTEA-001,"Green tea, 100 g",4006381333931|4006381333948,pcs,4.50,2.10,Tea,yes,10,3\r\n`;

export function ImportScreen(_props: RouteProps) {
  const t = useT();
  const format = useFormat();
  const client = useStockroom();
  const canEdit = useCanEditCatalog();
  const [storeId] = useActiveStore();
  const store = useStores().find((s) => s.id === storeId);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [applyThresholds, setApplyThresholds] = useState(true);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const digits = currencyFractionDigits(format.currency);

  const readFile = async (file: File) => {
    setPhase({ kind: 'reading', name: file.name });
    try {
      const text = await file.text();
      // Let "Checking…" paint before the synchronous parse of a large file.
      await new Promise((r) => setTimeout(r, 0));
      const plan = planCsvImport(text, { fractionDigits: digits, catalog: client.catalog, newId: () => uuidv7() });
      setPhase({ kind: 'planned', name: file.name, plan });
    } catch (err) {
      setPhase({
        kind: 'failed',
        name: file.name,
        plan: { rows: [], errors: [], fileProblems: [], ignoredColumns: [], header: [], total: 0 },
        detail: t('import.file.unreadable', { detail: err instanceof Error ? err.message : String(err) }),
      });
    }
  };

  const start = async (name: string, plan: ImportPlan) => {
    const hasThresholds = plan.rows.some((r) => r.thresholds !== null);
    setPhase({ kind: 'importing', name, plan, progress: { phase: 'products', done: 0, total: plan.rows.length } });
    const target: ImportTarget = {
      importProducts: (rows, onProgress) => client.importProducts(rows, onProgress),
      setThresholds: (s, p, th) => client.setThresholds(s, p, th),
      getStock: (s, p) => client.getStock(s, p),
    };
    if (client.setThresholdsMany) target.setThresholdsMany = (s, rows) => client.setThresholdsMany!(s, rows);
    try {
      const outcome = await runImport(plan, target, {
        storeId: hasThresholds && applyThresholds ? storeId : null,
        onProgress: (progress) => setPhase({ kind: 'importing', name, plan, progress }),
      });
      setPhase({ kind: 'done', name, plan, outcome });
    } catch (err) {
      const detail = problemOf(err)?.detail ?? (err instanceof Error ? err.message : String(err));
      setPhase({ kind: 'failed', name, plan, detail: t('import.failed', { detail }) });
    }
  };

  const downloadErrors = (plan: ImportPlan) => {
    const csv = exportRejectedLines(plan.header, plan.errors, t('import.errors.reasonColumn'), (e) =>
      e.problems.map((p) => problemWithField(t, p)).join('; '),
    );
    downloadText(datedFilename('import-errors', 'csv'), csv);
  };

  if (!canEdit) {
    return (
      <Page title={t('import.title')} back={{ label: t('catalog.title'), href: paths.products() }}>
        <Banner tone="info">{t('import.needsRole')}</Banner>
      </Page>
    );
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void readFile(file);
  };

  const plan = phase.kind === 'idle' || phase.kind === 'reading' ? null : phase.plan;
  const busy = phase.kind === 'importing' || phase.kind === 'reading';

  return (
    <Page title={t('import.title')} back={{ label: t('catalog.title'), href: paths.products() }}>
      <Card>
        <p className="mg-card__intro">{t('import.intro')}</p>
        <details className="mg-details">
          <summary>{t('import.columns')}</summary>
          <dl className="mg-columns-help">
            {CSV_COLUMNS.map((c) => (
              <div key={c}>
                <dt className="mono">{c}</dt>
                <dd>{t(`import.col.${c}`, { currency: format.currency })}</dd>
              </div>
            ))}
            <div>
              <dt className="mono">reorder_point, critical_point</dt>
              <dd>{t('import.col.thresholds', { store: store?.name ?? '—' })}</dd>
            </div>
          </dl>
          <button type="button" className="btn btn--sm" onClick={() => downloadText('stockroom-import-template.csv', `\uFEFF${TEMPLATE}`)}>
            {t('import.template')}
          </button>
        </details>
        <div
          className={`mg-drop${dragging ? ' mg-drop--over' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <input
            ref={fileInput}
            type="file"
            accept=".csv,text/csv,text/plain"
            className="mg-visually-hidden"
            id="import-file"
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = ''; // choosing the same file again re-reads it
              if (file) void readFile(file);
            }}
          />
          <button type="button" className="btn btn--primary" disabled={busy} onClick={() => fileInput.current?.click()}>
            {plan ? t('import.another') : t('import.choose')}
          </button>
          <span className="muted">{t('import.drop')}</span>
          {phase.kind !== 'idle' ? (
            <span className="mg-drop__file">
              {phase.kind === 'reading' ? t('import.reading', { name: phase.name }) : t('import.file', { name: phase.name })}
            </span>
          ) : null}
        </div>
      </Card>

      {plan && plan.fileProblems.length > 0 ? (
        <Banner tone="danger">{plan.fileProblems.map((p) => fileProblemText(t, p)).join(' ')}</Banner>
      ) : null}
      {phase.kind === 'failed' ? <Banner tone="danger">{phase.detail}</Banner> : null}

      {plan && plan.fileProblems.length === 0 ? (
        <PlanView
          plan={plan}
          phase={phase}
          storeName={store?.name ?? null}
          applyThresholds={applyThresholds}
          setApplyThresholds={setApplyThresholds}
          onStart={() => void start(phase.kind === 'idle' || phase.kind === 'reading' ? '' : phase.name, plan)}
          onDownloadErrors={() => downloadErrors(plan)}
        />
      ) : null}
    </Page>
  );
}

function fileProblemText(t: ReturnType<typeof useT>, p: FileProblem): string {
  switch (p.code) {
    case 'empty':
      return t('import.file.empty');
    case 'missing-columns':
      return t('import.file.missing-columns', { columns: p.columns.join(', ') });
    case 'duplicate-column':
      return t('import.file.duplicate-column', { column: p.column });
    case 'unterminated-quote':
      return t('import.file.unterminated-quote', { line: p.line });
  }
}

function PlanView({
  plan,
  phase,
  storeName,
  applyThresholds,
  setApplyThresholds,
  onStart,
  onDownloadErrors,
}: {
  plan: ImportPlan;
  phase: Phase;
  storeName: string | null;
  applyThresholds: boolean;
  setApplyThresholds: (v: boolean) => void;
  onStart: () => void;
  onDownloadErrors: () => void;
}) {
  const t = useT();
  const format = useFormat();
  const created = plan.rows.filter((r) => r.isNew).length;
  const unchanged = plan.rows.filter((r) => r.unchanged).length;
  const updated = plan.rows.length - created - unchanged;
  const hasThresholds = plan.rows.some((r) => r.thresholds !== null);
  const toWrite = plan.rows.length - unchanged;

  return (
    <>
      <div className="mg-stats" aria-live="polite">
        <Stat label={t('import.summary.total')} value={format.number(plan.total)} />
        <Stat label={t('import.summary.new')} value={format.number(created)} tone="ok" />
        <Stat label={t('import.summary.updated')} value={format.number(updated)} />
        <Stat label={t('import.summary.unchanged')} value={format.number(unchanged)} tone="muted" />
        <Stat label={t('import.summary.errors')} value={format.number(plan.errors.length)} tone={plan.errors.length > 0 ? 'danger' : 'muted'} />
      </div>
      {plan.ignoredColumns.length > 0 ? (
        <p className="muted">{t('import.ignoredColumns', { columns: plan.ignoredColumns.join(', ') })}</p>
      ) : null}

      {phase.kind === 'planned' ? (
        <Card>
          {hasThresholds && storeName ? (
            <label className="check">
              <input type="checkbox" checked={applyThresholds} onChange={(e) => setApplyThresholds(e.target.checked)} />
              <span>{t('import.applyThresholds', { store: storeName })}</span>
            </label>
          ) : null}
          <div className="mg-form-actions">
            {toWrite === 0 && !(hasThresholds && applyThresholds) ? (
              <span className="muted">{t('import.nothing')}</span>
            ) : (
              <button type="button" className="btn btn--primary" onClick={onStart}>
                {t('import.start', { count: plan.rows.length })}
              </button>
            )}
          </div>
        </Card>
      ) : null}

      {phase.kind === 'importing' ? (
        <Card>
          <div className="mg-progress-label" id="import-progress-label">
            {t(phase.progress.phase === 'products' ? 'import.progress' : 'import.progressThresholds', {
              done: format.number(phase.progress.done),
              total: format.number(phase.progress.total),
            })}
          </div>
          <div
            className="mg-progress"
            role="progressbar"
            aria-labelledby="import-progress-label"
            aria-valuemin={0}
            aria-valuemax={phase.progress.total}
            aria-valuenow={phase.progress.done}
          >
            <div
              className="mg-progress__bar"
              style={{ width: `${phase.progress.total === 0 ? 100 : (100 * phase.progress.done) / phase.progress.total}%` }}
            />
          </div>
        </Card>
      ) : null}

      {phase.kind === 'done' ? (
        <Banner tone={plan.errors.length > 0 ? 'warning' : 'success'}>
          {t('import.done', {
            imported: format.number(phase.outcome.imported),
            created: format.number(phase.outcome.created),
            updated: format.number(phase.outcome.updated),
          })}{' '}
          {phase.outcome.thresholdsSet > 0 ? t('import.doneThresholds', { count: phase.outcome.thresholdsSet }) : null}{' '}
          {plan.errors.length > 0 ? t('import.doneErrors', { count: plan.errors.length }) : null}
        </Banner>
      ) : null}

      {plan.errors.length > 0 ? (
        <Card
          title={t('import.errors.title', { count: format.number(plan.errors.length) })}
          actions={
            <button type="button" className="btn btn--sm" onClick={onDownloadErrors}>
              {t('import.errors.download')}
            </button>
          }
        >
          <div className="mg-table-scroll">
            <table className="mg-table mg-errors" data-testid="import-errors">
              <thead>
                <tr>
                  <th scope="col" className="mg-align-end">{t('import.errors.line')}</th>
                  <th scope="col">{t('import.errors.sku')}</th>
                  <th scope="col">{t('import.errors.name')}</th>
                  <th scope="col">{t('import.errors.problems')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.errors.slice(0, MAX_LISTED_ERRORS).map((e) => (
                  <tr key={e.line} data-line={e.line}>
                    <td className="mg-align-end num">{e.line}</td>
                    <td className="mono">{e.sku}</td>
                    <td>{e.name}</td>
                    <td>
                      <ul className="mg-problems">
                        {e.problems.map((p, i) => (
                          <li key={i}>{problemWithField(t, p)}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {plan.errors.length > MAX_LISTED_ERRORS ? (
            <p className="muted">{t('import.errors.more', { count: format.number(plan.errors.length - MAX_LISTED_ERRORS) })}</p>
          ) : null}
        </Card>
      ) : null}
    </>
  );
}

function Stat({ label, value, tone }: { label: string; value: string; tone?: 'ok' | 'danger' | 'muted' }) {
  return (
    <div className={`mg-stat${tone ? ` mg-stat--${tone}` : ''}`}>
      <div className="mg-stat__value">{value}</div>
      <div className="mg-stat__label">{label}</div>
    </div>
  );
}
