import { loadConfig } from '@openpbm/shared/config';
import { describe, expect, it } from 'vitest';

describe('config', () => {
  it('runs the embedded mode with no settings at all', () => {
    const c = loadConfig({});
    expect(c.embeddedDatabase).toBe(true);
    expect(c.PORT).toBe(3000);
    expect(c.isProduction).toBe(false);
  });

  it('refuses to start in production with demo secrets', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /APP_SECRET.*FIELD_ENCRYPTION_KEY.*SMTP_URL/,
    );
  });

  it('names the setting that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ FIELD_ENCRYPTION_KEY: 'short' })).toThrow(
      /FIELD_ENCRYPTION_KEY: must be 64 hex/,
    );
  });
});
