import { describe, expect, it } from 'vitest';
import { authSettingsFromConfig, DEFAULT_AUTH_SETTINGS, validateAuthSettings } from '../../../server/auth/settings.ts';
import { ConfigError, loadConfig } from '../../../server/config.ts';

describe('auth settings and their environment', () => {
  it('defaults to 30 min idle / 12 h sessions, overridable from the environment', () => {
    expect(authSettingsFromConfig(loadConfig({}))).toEqual({ sessionIdleMs: 1_800_000, sessionAbsoluteMs: 43_200_000 });
    const short = authSettingsFromConfig(
      loadConfig({ RINGLENS_SESSION_IDLE_SECONDS: '5', RINGLENS_SESSION_MAX_SECONDS: '60' }),
    );
    expect(validateAuthSettings(short)).toMatchObject({ sessionIdleMs: 5000, sessionAbsoluteMs: 60_000 });
  });

  it('names the bad field', () => {
    expect(() => validateAuthSettings({ loginPerIp: { limit: 0, windowMs: 1000 } })).toThrow(/loginPerIp\.limit/);
    expect(() => validateAuthSettings({ sessionIdleMs: -1 })).toThrow(/sessionIdleMs/);
    expect(validateAuthSettings()).toEqual(DEFAULT_AUTH_SETTINGS);
  });

  it('parses trust proxy and the request timeout, refusing nonsense', () => {
    expect(loadConfig({}).RINGLENS_TRUST_PROXY).toBe(false);
    expect(loadConfig({ RINGLENS_TRUST_PROXY: 'true' }).RINGLENS_TRUST_PROXY).toBe(true);
    expect(loadConfig({ RINGLENS_TRUST_PROXY: '2' }).RINGLENS_TRUST_PROXY).toBe(2);
    expect(loadConfig({ RINGLENS_TRUST_PROXY: 'loopback' }).RINGLENS_TRUST_PROXY).toBe('loopback');
    expect(loadConfig({}).RINGLENS_REQUEST_TIMEOUT_SECONDS).toBe(30);
    expect(() => loadConfig({ RINGLENS_SESSION_IDLE_SECONDS: '0', RINGLENS_TRUST_PROXY: 'a;b' })).toThrow(ConfigError);
  });
});
