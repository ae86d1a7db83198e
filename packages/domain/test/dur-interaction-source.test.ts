import { describe, expect, it } from 'vitest';
import { interactionSourceOf, withSourceLabel } from '../src/dur/interaction-source';

describe('interaction source', () => {
  it.each([
    [undefined, 'Starter list', '4'],
    ['starter list (well-known interactions, not a complete knowledge base)', 'Starter list', '4'],
    [
      'NDF-RT 2014-07 (U.S. Dept. of Veterans Affairs; public domain) via github.com/dbmi-pitt/Merged-PDDI',
      'VA NDF-RT',
      '5',
    ],
    [
      'ONC High-Priority DDI list (Phansalkar 2012) via github.com/dbmi-pitt/Merged-PDDI',
      'ONC high-priority',
      '5',
    ],
    ['some other file', 'Reference file', '5'],
  ])('%s → %s, 532-FW %s', (source, label, indicator) => {
    expect(interactionSourceOf(source)).toEqual({ label, databaseIndicator: indicator });
  });

  it('leads 570-NS with the label unless the message already does', () => {
    expect(withSourceLabel('Starter list', 'Bleeding risk')).toBe('Starter list: Bleeding risk');
    expect(withSourceLabel('ONC high-priority', 'ONC high-priority DDI (Phansalkar)')).toBe(
      'ONC high-priority DDI (Phansalkar)',
    );
  });
});
