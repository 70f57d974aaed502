/** The export buttons both reports share: the table on screen as CSV and XLSX, saved through a Blob link. */
import { useState } from 'react';
import { useT } from '../../i18n/index.js';
import { downloadBlob } from '../kit/download.js';
import { toCsv, type ExportTable } from './csv-export.js';
import { toXlsx } from './xlsx-export.js';

/**
 * CSV and XLSX of the table on screen; `table` is built on click (the screen's rows may be many).
 * `base` names the file by what it covers ("stockroom-valuation-2026-11-25"), not by the day it was saved.
 */
export function ExportButtons({ base, sheet, table }: { base: string; sheet: string; table: () => ExportTable }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const csv = () => {
    // toCsv starts with the BOM; a Blob of a string is written as UTF-8.
    downloadBlob(`${base}.csv`, new Blob([toCsv(table())], { type: 'text/csv;charset=utf-8' }));
  };
  const xlsx = async () => {
    setError(null);
    try {
      downloadBlob(`${base}.xlsx`, await toXlsx(table(), sheet));
    } catch (err) {
      setError(t('reports.export.failed', { detail: err instanceof Error ? err.message : String(err) }));
    }
  };
  return (
    <>
      <button type="button" className="btn" onClick={csv} data-testid="export-csv">
        {t('reports.export.csv')}
      </button>
      <button type="button" className="btn" onClick={() => void xlsx()} data-testid="export-xlsx">
        {t('reports.export.xlsx')}
      </button>
      {error ? <span className="mg-neg" role="alert">{error}</span> : null}
    </>
  );
}
