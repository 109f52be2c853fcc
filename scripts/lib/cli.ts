/**
 * What the command-line scripts share: reading their arguments (node:util's parseArgs and a zod schema, with every
 * mistake turned into a UsageError) and ending (`runMain`: the exit code and message come from the error itself,
 * see ExitInfo in server/errors.ts).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import { exitInfo } from '../../server/errors.ts';

export class UsageError extends Error {
  readonly exitCode = 2;
  readonly retriable = false;
  readonly usage = true;
}

export interface Failure {
  exitCode: number;
  retriable: boolean;
  message: string;
}

export interface EndOptions {
  /** Prefix of a failure's message, e.g. 'Load failed'. */
  failed?: string;
  /** Added to the message of a retriable failure (exit 1), e.g. 'nothing is lost: run the same command again.' */
  retryHint?: string;
  /** The exit codes the script documents besides 0: an error asking for another code exits 1. Default 1–4. */
  exitCodes?: readonly number[];
  /** The script's own wording for an error, when it has one (the exit code still comes from the error). */
  explain?: (err: unknown) => string | undefined;
}

/** How a script ends on `err`: the error's exit code (limited to the script's), and one message. */
export function describeFailure(err: unknown, opts: EndOptions = {}): Failure {
  const info = exitInfo(err);
  const exitCode = (opts.exitCodes ?? [1, 2, 3, 4]).includes(info.exitCode) ? info.exitCode : 1;
  const text = err instanceof Error ? err.message : String(err);
  let message = opts.explain?.(err);
  if (message === undefined) {
    if (info.usage) message = `${text}\n\nRun with --help for usage.`;
    else if (info.exitCode !== 1) message = text;
    else {
      message = opts.failed ? `${opts.failed}: ${text}` : text;
      if (info.retriable && opts.retryHint) message += ` — ${opts.retryHint}`;
    }
  }
  return { exitCode, retriable: info.retriable, message };
}

/**
 * Runs a script's `main` and ends the process: with the code it returns, or, when it throws, with the error's exit
 * code and message on stderr (`describeFailure`). `onFailure` sees the failure first (nightly logs it as JSON).
 * A negative code from `main` means "keep running" (a server).
 */
export function runMain(
  main: () => Promise<number>,
  opts: EndOptions & { onFailure?: (failure: Failure, err: unknown) => void } = {},
): void {
  main().then(
    (code) => {
      if (code >= 0) process.exit(code);
    },
    (err: unknown) => {
      const failure = describeFailure(err, opts);
      opts.onFailure?.(failure, err);
      console.error(failure.message);
      process.exit(failure.exitCode);
    },
  );
}

/** parseArgs (strict) whose errors are UsageErrors; `-h`/`--help` is added to the options. */
export function parseOptions<const O extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: O,
  allowPositionals = false,
) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals,
      options: { ...options, help: { type: 'boolean', short: 'h' } } as O & {
        help: { type: 'boolean'; short: 'h' };
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** The values checked against the schema; a failure names each field (`--name: reason`, one per line). */
export function checkOptions<S extends z.ZodType>(schema: S, values: unknown, prefix = '--'): z.infer<S> {
  const checked = schema.safeParse(values);
  if (checked.success) return checked.data;
  throw new UsageError(
    checked.error.issues.map((i) => `${prefix}${i.path.join('.') || 'arguments'}: ${i.message}`).join('\n'),
  );
}
