import { describe, expect, it } from 'vitest';
import { describeFailure, UsageError } from '../../../scripts/lib/cli.ts';
import { plan } from '../../../scripts/ensure-test-deps.ts';
import { ConfigError } from '../../../server/config.ts';
import { DbConnectError } from '../../../server/db/database.ts';
import { LocalNeo4jError } from '../../../server/db/local-neo4j.ts';
import { InvalidSettingsError } from '../../../server/detect/settings.ts';
import {
  ConflictError,
  exitInfo,
  NotFoundError,
  ServiceUnavailableError,
  ValidationError,
} from '../../../server/errors.ts';
import { LoadValidationError } from '../../../server/ingest/loader.ts';
import { MappingError } from '../../../server/ingest/mapping-schema.ts';
import { ReaderError } from '../../../server/ingest/readers.ts';
import { LockBusyError } from '../../../server/runs/lock.ts';

describe('errors know how a script ends on them', () => {
  it.each([
    [new UsageError('--seed: bad'), 2, false, true],
    [new InvalidSettingsError('seed', 'seed: bad'), 2, false, true],
    [new ConfigError('PORT: bad'), 2, false, false],
    [new LoadValidationError([], 1), 3, false, false],
    [new LockBusyError('detection', 'host:1'), 4, true, false],
    [new DbConnectError('cannot connect', 'unreachable'), 1, true, false],
    [new LocalNeo4jError('no Java'), 1, false, false],
    [new MappingError('m.json', 'sources', 'bad'), 1, false, false],
    [new ReaderError('a.csv', 3, 'unterminated quote'), 1, false, false],
    [new NotFoundError('no such user'), 3, false, false],
    [new ConflictError('name taken'), 3, false, false],
    [new ValidationError('bad'), 2, false, false],
    [new ServiceUnavailableError(), 1, true, false],
    [new Error('surprise'), 1, true, false],
    ['not even an Error', 1, true, false],
  ])('%s → exit %i, retriable %s, usage %s', (err, exitCode, retriable, usage) => {
    expect(exitInfo(err)).toEqual({ exitCode, retriable, usage });
  });
});

describe('describeFailure (what runMain prints and exits with)', () => {
  const opts = { failed: 'Load failed', retryHint: 'run it again.', exitCodes: [1, 2, 3] };

  it('adds the usage hint to command-line mistakes', () => {
    expect(describeFailure(new UsageError('--seed: must be an integer'), opts)).toEqual({
      exitCode: 2,
      retriable: false,
      message: '--seed: must be an integer\n\nRun with --help for usage.',
    });
  });

  it('prints errors with their own exit code as they are', () => {
    expect(describeFailure(new ConfigError('The environment has 1 bad variable(s)'), opts)).toMatchObject({
      exitCode: 2,
      message: 'The environment has 1 bad variable(s)',
    });
  });

  it('prefixes failures, and adds the retry hint only when running again may help', () => {
    expect(describeFailure(new MappingError('m.json', '', 'not JSON'), opts).message).toBe(
      'Load failed: m.json: not JSON',
    );
    expect(describeFailure(new Error('socket hang up'), opts)).toEqual({
      exitCode: 1,
      retriable: true,
      message: 'Load failed: socket hang up — run it again.',
    });
  });

  it('turns an exit code the script does not document into 1', () => {
    const f = describeFailure(new LockBusyError('nightly', 'h:1'), { exitCodes: [1, 2] });
    expect(f.exitCode).toBe(1);
    expect(f.retriable).toBe(true);
  });

  it("uses the script's own wording when it has one", () => {
    const f = describeFailure(new LockBusyError('nightly', 'h:1'), { explain: () => 'Already running.' });
    expect(f).toEqual({ exitCode: 4, retriable: true, message: 'Already running.' });
  });
});

describe('pretest: what to do about missing Debian packages', () => {
  const all = { chromium: true, networkx: true, maven: true };

  it('does nothing when everything is there', () => {
    expect(plan(all, { root: false, apt: false })).toEqual({ action: 'ready' });
  });

  it('installs with apt-get as root', () => {
    expect(plan({ ...all, chromium: false, networkx: false }, { root: true, apt: true })).toEqual({
      action: 'install',
      packages: ['chromium', 'python3-networkx'],
    });
  });

  it('otherwise stops with the one command to run', () => {
    const p = plan({ ...all, maven: false }, { root: false, apt: true });
    expect(p.action).toBe('stop');
    expect(p.action === 'stop' && p.message).toContain("sudo sh -c 'apt-get update && apt-get install -y maven'");
    const noApt = plan({ ...all, networkx: false }, { root: true, apt: false });
    expect(noApt.action === 'stop' && noApt.message).toMatch(/Install the equivalent of Debian's python3-networkx/);
  });
});
