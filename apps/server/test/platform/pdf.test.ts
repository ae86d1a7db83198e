import { describe, expect, it } from 'vitest';
import { pdfHeaders, printable, renderPdf } from '../../src/platform/pdf/pdf';
import { parsePdf } from './pdf-text';

const at = new Date('2026-12-03T22:10:41Z');

describe('platform/pdf', () => {
  it('writes a tagged PDF whose text, header, table and page numbers read back', async () => {
    const rows = Array.from({ length: 80 }, (_, i) => [
      `2026-01-${String((i % 28) + 1).padStart(2, '0')}`,
      `Row ${i}`,
      'Claims',
    ]);
    const file = await renderPdf({
      title: 'Accounting of disclosures',
      subtitle: 'Member M-0001, since 2020-12-03',
      generatedAt: at,
      blocks: [
        { kind: 'heading', text: 'Disclosures' },
        { kind: 'paragraph', text: 'Disclosures outside treatment, payment and operations.' },
        { kind: 'fields', fields: [['Name', 'Zoë Example']] },
        { kind: 'table', columns: ['Date', 'Recipient', 'What'], rows },
      ],
    });
    expect(file.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = await parsePdf(file);
    expect(pdf.title).toBe('Accounting of disclosures');
    expect(pdf.tagged).toBe(true);
    for (const role of ['H1', 'H2', 'P', 'Table', 'TH', 'TD']) expect(pdf.roles).toContain(role);
    expect(pdf.pages.length).toBeGreaterThan(1);
    pdf.pages.forEach((page, i) => {
      expect(page).toContain('OpenPBM | Accounting of disclosures');
      expect(page).toContain('Generated 2026-12-03 22:10 UTC');
      expect(page).toContain(`Page ${i + 1} of ${pdf.pages.length}`);
    });
    expect(pdf.text).toContain('Disclosures outside treatment, payment and operations.');
    expect(pdf.text).toContain('Name: Zoë Example');
    expect(pdf.text).toContain('Row 0');
    expect(pdf.text).toContain('Row 79');
  });

  it('prints only what the standard fonts can show, and names downloads safely', () => {
    expect(printable('a → b ≥ 2 漢')).toBe('a -> b >= 2 ?');
    expect(pdfHeaders('x"; y.pdf')['content-disposition']).toBe('attachment; filename="x___y.pdf"');
  });
});
