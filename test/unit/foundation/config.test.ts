import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.ts';
import { policySettings } from '../../../server/runs/detection-service.ts';

describe('loadConfig', () => {
  it('has sensible defaults: loopback, port 8080, local Neo4j', () => {
    const cfg = loadConfig({});
    expect(cfg).toMatchObject({
      HOST: '127.0.0.1',
      PORT: 8080,
      NEO4J_USER: 'neo4j',
      NEO4J_DATABASE: 'neo4j',
      NEO4J_BOLT_PORT: 7687,
    });
    expect(cfg.NEO4J_URI).toBeUndefined();
  });

  it('lists every bad variable in one error', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'http', NEO4J_URI: 'localhost:7687', NEO4J_HEAP_SIZE: 'lots' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toContain('3 bad variable(s)');
    for (const v of ['PORT', 'NEO4J_URI', 'NEO4J_HEAP_SIZE']) expect(msg).toContain(`  ${v}:`);
  });

  it('needs a password with an external Neo4j, and treats empty strings as unset', () => {
    expect(() => loadConfig({ NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io' })).toThrow(/NEO4J_PASSWORD: required/);
    expect(loadConfig({ NEO4J_URI: '', PORT: '' }).PORT).toBe(8080);
  });

  it('reads the platform policies (account roles, statuses that bar a person), and refuses a list that is not one', () => {
    expect(loadConfig({ RINGLENS_ROLE_TYPES: 'host,guest' }).RINGLENS_ROLE_TYPES).toBe('host,guest');
    expect(() => loadConfig({ RINGLENS_ROLE_TYPES: 'host;guest' })).toThrow(
      /RINGLENS_ROLE_TYPES: a comma-separated list/,
    );
    expect(policySettings({ RINGLENS_ROLE_TYPES: ' driver, rider ,courier' })).toEqual({
      roleTypes: ['driver', 'rider', 'courier'],
    });
    expect(policySettings({})).toEqual({});
    expect(policySettings({ RINGLENS_BANNED_STATUSES: 'banned,blocked' })).toEqual({
      bannedStatuses: ['banned', 'blocked'],
    });
    expect(() => loadConfig({ RINGLENS_BANNED_STATUSES: 'banned|blocked' })).toThrow(/RINGLENS_BANNED_STATUSES/);
    expect(policySettings({ RINGLENS_ORGANISATION_TYPES: 'business, agency' })).toEqual({
      organisationTypes: ['business', 'agency'],
    });
    expect(() => loadConfig({ RINGLENS_ORGANISATION_TYPES: 'business/agency' })).toThrow(
      /RINGLENS_ORGANISATION_TYPES: a comma-separated list/,
    );
  });
});
