/**
 * Acceptance (issue 14, "the overdue alert fires once"; DESIGN §7): a transfer dispatched from
 * the default store to a second store stays on the road; the owner's device, its clock moved
 * four days on (the server stamps `sentAt` with its own clock, so the page's clock is what
 * moves), shows one notification naming both stores and the transfer — once, across several
 * check intervals and a reload — and the alert centre lists it with a link to the transfer.
 * Issue 14 point 3 on the way: the destination holds 5 with a reorder point of 10, yet is not
 * reported low while the 12 are on the road; once the transfer is overdue it is (once).
 */
import { describe, expect, it } from 'vitest';
import { uuidv7, type MovementDoc, type TransferDoc } from '../../shared/index.js';
import { movement } from '../support/docs.js';
import { latestById, pullAll, pushMovements } from '../support/replication.js';
import { createProduct, createStore, stockUp } from '../support/tenant.js';
import { hasChromium } from './support/chromium.js';
import type { UiDevice } from './support/device.js';
import { useStack } from './support/stack.js';

const INTERVAL_S = 5;
const DAY_MS = 86_400_000;

/** Alerts → Alert settings: check every INTERVAL_S, no hold time, overdue after 3 days (the default, typed anyway). */
async function configureAlerts(owner: UiDevice): Promise<void> {
  const { page } = owner;
  await page.getByRole('button', { name: /Alerts/ }).first().click();
  await page.getByRole('link', { name: 'Alert settings' }).click();
  await page.getByLabel('Check every (seconds)').fill(String(INTERVAL_S));
  await page.getByLabel('Wait before telling (seconds)').fill('0');
  await page.getByLabel('A transfer is overdue after (days on the road)').fill('3');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Alert settings saved').waitFor();
}

describe.skipIf(!hasChromium)('transfer alerts on the owner device', () => {
  const stack = useStack();

  it('tells an overdue transfer once, across ticks and a reload', async () => {
    const { tenant, storeId } = stack();
    const airport = await createStore(tenant.owner, 'Airport kiosk');
    const milk = await createProduct(tenant.owner, 'Oat milk 1 l');
    await stockUp(tenant.owner, storeId, [[milk.id, 20]]);

    // The draft, then its dispatch: a transfer_out at the source naming it (the server stamps sentAt).
    const now = Date.now();
    const draft: Omit<TransferDoc, 'seq' | '_deleted'> = {
      id: uuidv7(), fromStoreId: storeId, toStoreId: airport.id, note: null, state: 'draft', createdBy: 'e2e', createdAt: now,
      sentAt: null, closedAt: null, updatedAt: now, lines: [{ productId: milk.id, qty: 12, sent: 0, received: 0, returned: 0, writtenOff: 0 }],
    };
    await tenant.owner.api.replication.push.mutate({ collection: 'transfers', rows: [{ assumedMasterState: null, newDocumentState: draft }] });
    // The destination: 5 on the shelf, reorder point 10, critical 2.
    await stockUp(tenant.owner, airport.id, [[milk.id, 5]]);
    const pulled = await pullAll(tenant.owner.api, 'stock');
    const row = latestById(pulled.documents).get(`${airport.id}:${milk.id}`)!;
    await tenant.owner.api.replication.push.mutate({
      collection: 'stock',
      rows: [{ assumedMasterState: row, newDocumentState: { ...row, reorderPoint: 10, criticalPoint: 2, updatedAt: Date.now() } }],
    });
    const [out] = await pushMovements(tenant.owner.api, [
      movement({ storeId, productId: milk.id, kind: 'transfer_out', delta: -12, transferId: draft.id }),
    ]);
    expect((out as MovementDoc).status).toBe('accepted');
    const stored = ((await pullAll(tenant.owner.api, 'transfers')).documents as TransferDoc[]).filter((t) => t.id === draft.id).at(-1);
    expect(stored).toMatchObject({ state: 'sent', lines: [{ sent: 12 }] });

    const owner = await stack().openDevice('Owner laptop', 'owner', { notifications: true });
    await configureAlerts(owner);
    // On the road for minutes: nothing to tell — not even the destination's 5 ≤ 10, as 12 are coming.
    await owner.page.waitForTimeout(2 * INTERVAL_S * 1000);
    expect(await owner.notifications()).toEqual([]);

    // Four days later on this device's clock (timers keep running). Reloaded, so that every part of
    // the app reads the moved clock (the transfer index keeps a reference to Date.now from its start).
    await owner.page.clock.setSystemTime(Date.now() + 4 * DAY_MS);
    await owner.page.reload();
    await owner.page.getByRole('navigation', { name: 'Main' }).waitFor();
    await expect.poll(async () => (await owner.notifications()).length, { timeout: (INTERVAL_S + 10) * 1000, interval: 250 }).toBe(2);
    const shown = await owner.notifications();
    const told = shown.find((n) => n.tag === `transfer:${draft.id}`);
    // the delivery is late, so what is on the road no longer counts: the destination is low now
    expect(shown.find((n) => n.tag === `${airport.id}:${milk.id}`)?.title).toBe('Oat milk 1 l — 5 left at Airport kiosk');
    const main = (await pullAll(tenant.owner.api, 'stores')).documents.find((st) => st.id === storeId)!;
    expect(told!.title).toBe(`Transfer ${main.name} → Airport kiosk: 12 units on the road for 4 days`);
    expect(told!.body).toContain(`T-${draft.id.slice(-6).toUpperCase()}`);
    expect(told!.tag).toBe(`transfer:${draft.id}`);

    // Once: more intervals pass without another.
    await owner.page.waitForTimeout(2 * INTERVAL_S * 1000 + 500);
    expect(await owner.notifications()).toHaveLength(2);

    // A reload (the alert state is persisted): still nothing new; the clock stays four days on.
    await owner.page.reload();
    await owner.page.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(await owner.page.evaluate(() => Date.now())).toBeGreaterThan(Date.now() + 3 * DAY_MS);
    await owner.page.waitForTimeout(3 * INTERVAL_S * 1000);
    expect(await owner.notifications()).toEqual([]);

    // The alert centre lists it in its history and among the overdue transfers, linking to the transfer.
    await owner.page.getByRole('button', { name: /Alerts/ }).first().click();
    const historyRow = owner.page.locator(`[data-testid="alerts-history-row"][data-transfer="${draft.id}"]`);
    await historyRow.waitFor();
    expect(await historyRow.getByRole('link').getAttribute('href')).toBe(`#/transfers/${draft.id}`);
    expect(await owner.page.getByTestId('alerts-transfer-row').count()).toBe(1);
  });
});
