/** The two reports side by side in one segmented switch. */
import { paths } from '../../navigation/routes.js';
import { useT } from '../../i18n/index.js';

export function ReportTabs({ current }: { current: 'sales' | 'valuation' }) {
  const t = useT();
  return (
    <nav className="mg-segmented rp-tabs" aria-label={t('nav.reports')}>
      <a className="mg-segmented__item" href={`#${paths.salesReport()}`} aria-current={current === 'sales' ? 'page' : undefined}>
        {t('reports.tab.sales')}
      </a>
      <a className="mg-segmented__item" href={`#${paths.valuationReport()}`} aria-current={current === 'valuation' ? 'page' : undefined}>
        {t('reports.tab.valuation')}
      </a>
    </nav>
  );
}
