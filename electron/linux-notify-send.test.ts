import { describe, expect, it } from 'vitest';
import { notifySendArgs } from './linux-notify-send.js';

describe('notify-send arguments', () => {
  it('asks for an Open action and keeps title and body as plain arguments', () => {
    expect(notifySendArgs({ title: '-rf Milk', message: 'Reorder at 6', 'app-name': 'Stockroom', urgency: 'critical' })).toEqual([
      '--action=default=Open',
      '--app-name=Stockroom',
      '--urgency=critical',
      '--',
      '-rf Milk',
      'Reorder at 6',
    ]);
  });
});
