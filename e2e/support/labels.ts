import type { Page } from 'playwright-core';

export interface LabelledControl {
  /** How the control is named in a failure message, e.g. `select[name=memberId]`. */
  control: string;
  /** Every text that labels it: each aria-labelledby part, its aria-label and each <label>. One is right. */
  names: string[];
  /** Which of main's fieldsets it sits in, if any (radio buttons repeat "Yes" and "No" from group to group). */
  fieldset: number | null;
}

/** Every form control in the page's main region (hidden ones too: tests and assistive tools still find them). */
export function labelledControls(page: Page): Promise<LabelledControl[]> {
  return page.locator('main').evaluate((main) => {
    const text = (element: Element) => {
      const copy = element.cloneNode(true) as Element;
      for (const nested of copy.querySelectorAll('input, select, textarea')) nested.remove();
      return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
    };
    const selector =
      'input:not([type=hidden]), select, textarea, [role=combobox], [role=listbox], [aria-haspopup=listbox]';
    const fieldsets = [...main.querySelectorAll('fieldset')];
    return [...main.querySelectorAll(selector)].map((element) => {
      const names: string[] = [];
      for (const id of (element.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean)) {
        const source = document.getElementById(id);
        if (source) names.push(text(source));
      }
      const ariaLabel = element.getAttribute('aria-label');
      if (ariaLabel) names.push(ariaLabel.trim());
      for (const label of (element as HTMLInputElement).labels ?? []) names.push(text(label));
      const fieldset = element.closest('fieldset');
      return {
        control: `${element.tagName.toLowerCase()}[name=${element.getAttribute('name') ?? ''}]`,
        names: names.filter(Boolean),
        fieldset: fieldset ? fieldsets.indexOf(fieldset) : null,
      };
    });
  });
}
