/** The reports screens of the tour (the seeded shop's sales and receipts; the same for both languages). */
import type { Page } from 'playwright-core';

interface ReportTour {
  page: Page;
}

export function reportShots(go: (page: Page, path: string) => Promise<void>) {
  return [
    {
      id: '43-reports-sales',
      async open(tour: ReportTour) {
        await go(tour.page, '/reports/sales');
        await tour.page.getByTestId('sales-table').waitFor();
        await tour.page.getByTestId('sales-chart').locator('canvas').first().waitFor();
      },
    },
    {
      id: '44-reports-valuation',
      async open(tour: ReportTour) {
        await go(tour.page, '/reports/valuation');
        await tour.page.getByTestId('valuation-table').waitFor();
      },
    },
  ];
}
