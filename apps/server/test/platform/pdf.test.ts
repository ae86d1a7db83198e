import { describe, expect, it } from 'vitest';
import { textRuns } from '../../src/platform/pdf/fonts';
import { pdfHeaders, renderPdf } from '../../src/platform/pdf/pdf';
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

  it('embeds Unicode fonts: names in Latin, Polish and Chinese read back as written, still tagged', async () => {
    const name = 'Zoë Łukasiewicz 张伟';
    const file = await renderPdf({
      title: `Record of ${name}`,
      generatedAt: at,
      blocks: [
        { kind: 'heading', text: name },
        { kind: 'fields', fields: [['Name', name]] },
        { kind: 'table', columns: ['Member', 'Name', 'Note'], rows: [['张伟', 'Zoë Łukasiewicz', '→ ≥ 2']] },
      ],
    });
    const pdf = await parsePdf(file);
    expect(pdf.tagged).toBe(true);
    expect(pdf.title).toBe(`Record of ${name}`);
    for (const role of ['H1', 'H2', 'P', 'TD']) expect(pdf.roles).toContain(role);
    expect(pdf.text).toContain(`Record of ${name}`);
    expect(pdf.text).toContain(`Name: ${name}`);
    expect(pdf.text).toContain('张伟 Zoë Łukasiewicz → ≥ 2');
    expect(pdf.text).toContain(`OpenPBM | Record of ${name}`);
    expect(pdf.text).not.toContain('?');
    // Only the glyphs used are embedded: the 8 MB Chinese face adds kilobytes, not megabytes.
    expect(file.length).toBeLessThan(200_000);
  });

  it('cuts text into runs per face, and prints "?" only for what no face has', () => {
    expect(textRuns('Zoë Łukasiewicz 张伟', 'regular').map((r) => r.text)).toEqual([
      'Zoë Łukasiewicz ',
      '张伟',
    ]);
    expect(
      textRuns('a \u{1F600} b', 'regular')
        .map((r) => r.text)
        .join(''),
    ).toBe('a ? b');
  });

  it('names downloads safely', () => {
    expect(pdfHeaders('x"; y.pdf')['content-disposition']).toBe('attachment; filename="x___y.pdf"');
  });
});
