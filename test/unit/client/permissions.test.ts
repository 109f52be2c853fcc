import { describe, expect, it } from 'vitest';
import { mayCall, needsRoleText, requiredRole } from '../../../client/src/lib/permissions.ts';

describe('client permissions follow the server’s route table', () => {
  it('lets analysts annotate but only investigators set dispositions and export', () => {
    expect(mayCall('viewer', 'GET', '/rings/ring-abcdef/annotations')).toBe(true);
    expect(mayCall('viewer', 'POST', '/rings/ring-abcdef/notes')).toBe(false);
    expect(mayCall('analyst', 'POST', '/accounts/a1/notes')).toBe(true);
    expect(mayCall('analyst', 'PUT', '/rings/ring-abcdef/tags')).toBe(true);
    expect(mayCall('analyst', 'POST', '/rings/ring-abcdef/disposition')).toBe(false);
    expect(mayCall('investigator', 'POST', '/rings/ring-abcdef/disposition')).toBe(true);
    expect(mayCall('analyst', 'GET', '/rings/ring-abcdef/export')).toBe(false);
    expect(mayCall('investigator', 'POST', '/rings/ring-abcdef/export')).toBe(true);
    expect(mayCall('admin', 'POST', '/rings/ring-abcdef/export')).toBe(true);
    expect(requiredRole('POST', '/rings/ring-abcdef/export')).toBe('investigator');
    expect(needsRoleText('Exporting', 'investigator', 'analyst')).toBe(
      'Exporting needs the investigator role; you are signed in as an analyst.',
    );
  });

  it('treats a route missing from the table as admin-only, as the server does', () => {
    expect(mayCall('investigator', 'POST', '/no/such/route')).toBe(false);
    expect(mayCall('admin', 'POST', '/no/such/route')).toBe(true);
  });
});
