/**
 * Issue 11 §10: a second till in one step. The owner's pairing panel (Devices) tells how other
 * tills reach the server: when the server only listens on this computer it says the one step
 * that opens it (`npm run app -- --lan`); when it listens on the shop's network (`--host
 * 0.0.0.0 --web`) it lists the LAN address and, with a fresh code, shows a QR code of the app's
 * address with the server and the code filled in. A tablet opening that link finds both
 * fields filled in and pairs with one click; the pairing screen names the command for a lost
 * owner code. The tablet then sells, and the owner's device sees the new level.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toString as qrSvg } from 'qrcode';
import type { MovementDoc } from '../../shared/index.js';
import type { NewProduct } from '../support/docs.js';
import { repoRoot } from '../support/paths.js';
import { latestById, pullAll } from '../support/replication.js';
import { createProduct, stockUp } from '../support/tenant.js';
import { hasChromium } from './support/chromium.js';
import { UiDevice } from './support/device.js';
import { rendererDist } from './support/renderer-build.js';
import { useStack, type E2eStack } from './support/stack.js';

/** The owner's device paired through the UI with the loopback address (what `npm run app` opens). */
async function openOwner(stack: E2eStack, name: string): Promise<UiDevice> {
  const { code } = await stack.tenant.owner.api.devices.createPairingCode.mutate({ role: 'owner', storeIds: [] });
  return UiDevice.open(stack.browser, { name, code, serverUrl: `http://127.0.0.1:${stack.tenant.server.port}`, webUrl: stack.webUrl });
}

/** Devices → the pairing panel's "Let other tills in" part. */
async function openOtherTills(owner: UiDevice) {
  await owner.navTo('Devices');
  await owner.page.getByRole('heading', { name: 'Pair a new device' }).waitFor();
  const panel = owner.page.getByTestId('other-tills');
  await panel.getByText('Let other tills in').waitFor();
  return panel;
}

describe.skipIf(!hasChromium)('a second till: the server only on this computer', () => {
  const stack = useStack();
  let owner: UiDevice;
  beforeAll(async () => {
    owner = await openOwner(stack(), 'Office PC');
  });
  afterAll(async () => {
    await owner?.close();
  });

  it('says the one step that lets other tills in, and shows no QR code', async () => {
    const panel = await openOtherTills(owner);
    const localOnly = panel.getByTestId('lan-local-only');
    await localOnly.waitFor();
    expect(await localOnly.innerText()).toBe(
      'The sync server only listens on this computer, so other tills cannot reach it. Restart it with npm run app -- --lan to let tills on the shop’s network in.',
    );
    await owner.page.getByRole('button', { name: 'Create pairing code' }).click();
    await owner.page.getByTestId('pairing-code').waitFor();
    // No address another machine could use, so no QR code leading nowhere.
    await owner.page.waitForTimeout(500);
    expect(await panel.getByTestId('pairing-qr').count()).toBe(0);
    expect(await panel.getByTestId('lan-addresses').count()).toBe(0);
  });

  it("the pairing screen's hint for a lost owner code names a command that gives a new owner code", async () => {
    const context = await stack().browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    try {
      const page = await context.newPage();
      await page.goto(`${stack().webUrl}/`);
      const hint = await page.getByTestId('lost-code-hint').innerText();
      expect(hint).toMatch(/^Lost the owner’s code\? On the computer running the sync server, run npm run server -- pair .+ to get a new one\.$/);
      // The command as printed, with this server's data dir: it reaches the running server.
      const command = /run (npm run server -- pair .+?) to get a new one/.exec(hint)![1]!;
      const args = command.replace(/^npm run server -- /, '').split(/\s+/);
      expect(args).toEqual(['pair', '--data', 'data', '--role', 'owner']);
      args[2] = stack().tenant.server.dataDir;
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'sync-server/cli.ts', ...args], { cwd: repoRoot, timeout: 60_000 });
      const code = /pairing code: (\S+)/.exec(stdout)?.[1];
      expect(code, stdout).toBeTruthy();

      await page.getByLabel('Server address').fill(`http://127.0.0.1:${stack().tenant.server.port}`);
      await page.getByLabel('Pairing code').fill(code!);
      await page.getByLabel('Device name').fill('Owner laptop (new code)');
      await page.getByRole('button', { name: 'Pair device' }).click();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Devices' }).waitFor(); // an owner's screen
      const devices = await stack().tenant.owner.api.devices.list.query();
      expect(devices.find((d) => d.deviceName === 'Owner laptop (new code)')?.role).toBe('owner');
    } finally {
      await context.close();
    }
  });
});

describe.skipIf(!hasChromium)('a second till: the server on the shop network', () => {
  // The LAN set-up of `npm run app -- --lan`: every address, and the app served by the server.
  const stack = useStack({ args: ['--host', '0.0.0.0', '--web', rendererDist] });
  let owner: UiDevice;
  let tablet: UiDevice | undefined;
  let oats: NewProduct;
  beforeAll(async () => {
    const { tenant, storeId } = stack();
    oats = await createProduct(tenant.owner, 'Rolled oats 500 g');
    await stockUp(tenant.owner, storeId, [[oats.id, 9]]);
    owner = await openOwner(stack(), 'Office PC');
  });
  afterAll(async () => {
    await tablet?.close();
    await owner?.close();
  });

  const serverSales = async (productId: string): Promise<MovementDoc[]> =>
    [...latestById((await pullAll(stack().tenant.owner.api, 'movements')).documents).values()].filter(
      (m) => m.productId === productId && m.kind === 'sale',
    );

  it('the panel lists the LAN address and a QR code of the link; the tablet pairs from it in one click and sells; the owner sees the level', async () => {
    const { port } = stack().tenant.server;
    const { connectInfo } = await import('../../sync-server/net/lan-addresses.js');
    const expected = connectInfo({ host: '0.0.0.0', port, tls: false, webApp: true });
    expect(expected.serverUrls.length, 'this machine has no LAN address to test with').toBeGreaterThan(0);
    const lanServer = expected.serverUrls[0]!;
    expect(lanServer).not.toMatch(/127\.0\.0\.1|localhost/);

    const panel = await openOtherTills(owner);
    const addresses = panel.getByTestId('lan-addresses');
    await addresses.waitFor();
    expect(await panel.innerText()).toContain('Other tills open Stockroom at one of these addresses and enter the code:');
    const listed = (await addresses.locator('li').allInnerTexts()).map((s) => s.trim());
    expect(listed).toEqual(expected.serverUrls.map((u) => `${u}/?server=${encodeURIComponent(u)}`));
    expect(await panel.innerText()).toContain('These addresses use plain http://: use them on the shop’s own network only.');
    expect(await panel.getByTestId('pairing-qr').count()).toBe(0); // no code yet

    // A staff code for this store; the QR code carries the address and the code.
    await owner.page.getByRole('radio', { name: /Staff/ }).check();
    await owner.page.getByRole('button', { name: 'Create pairing code' }).click();
    const code = (await owner.page.getByTestId('pairing-code').innerText()).trim();
    expect(code.length).toBeGreaterThanOrEqual(4);
    const qr = panel.getByTestId('pairing-qr');
    await qr.waitFor();
    const link = await qr.getAttribute('data-link');
    expect(link).toBe(`${lanServer}/?server=${encodeURIComponent(lanServer)}&code=${encodeURIComponent(code)}`);
    const img = qr.locator('img');
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
    const box = await img.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(100);
    expect(box!.height).toBeGreaterThanOrEqual(100);
    // The picture is the QR code of exactly that link (same encoder, same options).
    const src = (await img.getAttribute('src'))!;
    expect(src.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    const shown = decodeURIComponent(src.slice('data:image/svg+xml;charset=utf-8,'.length));
    expect(shown).toBe(await qrSvg(link!, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }));
    expect(await qr.innerText()).toContain('A tablet can scan this code');

    // The tablet opens the link (the app served by the sync server on the LAN address).
    const context = await stack().browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US', timezoneId: 'Europe/Berlin' });
    const page = await context.newPage();
    tablet = UiDevice.attach('tablet', context, page, lanServer);
    page.on('pageerror', (err) => console.error(`[tablet] page error: ${err.message}`));
    await page.goto(link!);
    const server = page.getByLabel('Server address');
    await server.waitFor();
    expect(await server.inputValue()).toBe(lanServer);
    expect(await page.getByLabel('Pairing code').inputValue()).toBe(code);
    expect((await page.getByLabel('Device name').inputValue()).trim().length).toBeGreaterThan(0);
    // Its own origin: plain http is fine without the insecure-http box.
    expect(await page.getByRole('checkbox').count()).toBe(0);
    const hint = page.getByTestId('lost-code-hint');
    expect(await hint.innerText()).toContain('npm run server -- pair');
    expect(await hint.innerText()).toContain('Lost the owner’s code?');

    // One step.
    await page.getByRole('button', { name: 'Pair device' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(new URL(page.url()).search).toBe(''); // the used code is not left in the address
    const session = await page.evaluate(() => JSON.parse(localStorage.getItem('stockroom.session') ?? '{}') as { serverUrl: string; role: string });
    expect(session).toMatchObject({ serverUrl: lanServer, role: 'staff' });
    const devices = await stack().tenant.owner.api.devices.list.query();
    const paired = devices.filter((d) => d.role === 'staff' && d.revokedAt === null);
    expect(paired).toHaveLength(1);

    // The tablet sells 2; the server has it, and the owner's device shows the new level.
    await tablet.waitForInitialSync();
    await tablet.openProduct(oats.id);
    await tablet.waitForProductLevel(9);
    await tablet.openCounter();
    await tablet.sell(oats.barcodes[0]!, oats.barcodes[0]!);
    await tablet.waitForPending(0);
    await expect.poll(async () => (await serverSales(oats.id)).map((m) => [m.delta, m.status, m.deviceId]), { timeout: 30_000 }).toEqual([
      [-2, 'accepted', paired[0]!.deviceId],
    ]);
    expect(await stack().serverLevel(oats.id)).toBe(7);
    await owner.openProduct(oats.id);
    await owner.waitForProductLevel(7);

    // The owner's device list now has the tablet.
    await owner.navTo('Devices');
    await owner.page.getByTestId('devices').getByText(paired[0]!.deviceName).waitFor();
  });
});
